import type { ServerOptionSpec } from './options';

/** `readmark serve` options for what is stored and for how long (docs/PRIVACY.md). */
export const PRIVACY_OPTIONS = {
  openRetentionDays: {
    flag: '--open-retention-days',
    argument: '<days>',
    env: 'READMARK_OPEN_RETENTION_DAYS',
    defaultValue: '90',
    description: 'opens older than this many days are deleted, 1 to 3650',
  },
  trackingMaxAgeDays: {
    flag: '--tracking-max-age-days',
    argument: '<days>',
    env: 'READMARK_TRACKING_MAX_AGE_DAYS',
    defaultValue: '180',
    description: 'a tracked message stops recording opens this many days after it was created, 1 to 3650',
  },
  purgeIntervalMinutes: {
    flag: '--purge-interval-minutes',
    argument: '<minutes>',
    env: 'READMARK_PURGE_INTERVAL_MINUTES',
    defaultValue: '60',
    description: 'minutes between automatic retention runs, 0 to 10080 (0: only `readmark purge`)',
  },
  purgeBatchSize: {
    flag: '--purge-batch-size',
    argument: '<opens>',
    env: 'READMARK_PURGE_BATCH_SIZE',
    defaultValue: '1000',
    description: 'opens deleted per transaction during a retention run, 1 to 100000',
  },
  storedMessageFields: {
    flag: '--stored-message-fields',
    argument: '<fields>',
    env: 'READMARK_STORED_MESSAGE_FIELDS',
    defaultValue: 'subject,recipient-count',
    description:
      'what is kept about a tracked message besides its tracking id: subject, recipient-count, both comma-separated, or none',
  },
  clientAddressMode: {
    flag: '--client-address-mode',
    argument: '<mode>',
    env: 'READMARK_CLIENT_ADDRESS_MODE',
    defaultValue: 'truncate',
    description:
      'how client addresses are minimised before storage: truncate (to the prefix bits) or hash (keyed, rotating)',
  },
  clientAddressKey: {
    flag: '--client-address-key',
    argument: '<secret>',
    env: 'READMARK_CLIENT_ADDRESS_KEY',
    description:
      'secret of at least 32 characters for --client-address-mode hash; prefer the environment variable, flags show in process lists',
  },
  clientAddressKeyRotationDays: {
    flag: '--client-address-key-rotation-days',
    argument: '<days>',
    env: 'READMARK_CLIENT_ADDRESS_KEY_ROTATION_DAYS',
    defaultValue: '1',
    description:
      'days each derived hash key is used; hashes from different periods cannot be linked, 1 to 365',
  },
  tenantPolicyFile: {
    flag: '--tenant-policy-file',
    argument: '<path>',
    env: 'READMARK_TENANT_POLICY_FILE',
    description:
      'JSON file with tracking policies per tenant (docs/PRIVACY.md); default: tracking allowed everywhere',
  },
} as const satisfies Record<string, ServerOptionSpec>;

/** `readmark serve` options for abuse limits and browser security (docs/SECURITY.md). */
export const SECURITY_OPTIONS = {
  pixelRateLimitPerMinute: {
    flag: '--pixel-rate-limit-per-minute',
    argument: '<hits>',
    env: 'READMARK_PIXEL_RATE_LIMIT_PER_MINUTE',
    defaultValue: '600',
    description:
      'pixel hits recorded per minute from one client network; more still get the image but are not recorded, 0 for no limit',
  },
  apiRateLimitPerMinute: {
    flag: '--api-rate-limit-per-minute',
    argument: '<requests>',
    env: 'READMARK_API_RATE_LIMIT_PER_MINUTE',
    defaultValue: '300',
    description: 'API requests per minute from one user before 429 responses, 0 for no limit',
  },
  headersTimeoutMs: {
    flag: '--headers-timeout-ms',
    argument: '<ms>',
    env: 'READMARK_HEADERS_TIMEOUT_MS',
    defaultValue: '10000',
    description: 'time a client has to send all request headers, in milliseconds, 1000 to 120000',
  },
  requestTimeoutMs: {
    flag: '--request-timeout-ms',
    argument: '<ms>',
    env: 'READMARK_REQUEST_TIMEOUT_MS',
    defaultValue: '30000',
    description: 'time a client has to send a whole request, body included, in milliseconds, 1000 to 300000',
  },
  maxConnections: {
    flag: '--max-connections',
    argument: '<count>',
    env: 'READMARK_MAX_CONNECTIONS',
    defaultValue: '10000',
    description: 'open connections accepted at once; more are refused, 1 to 1000000',
  },
  corsOrigins: {
    flag: '--cors-origins',
    argument: '<origins>',
    env: 'READMARK_CORS_ORIGINS',
    description:
      'comma-separated origins allowed to call the API from a browser on another origin (default: none; the add-in is served from this server)',
  },
  addinConnectOrigins: {
    flag: '--addin-connect-origins',
    argument: '<origins>',
    env: 'READMARK_ADDIN_CONNECT_ORIGINS',
    description:
      "comma-separated sign-in and Graph origins the add-in pages may call and frame (default: the authority's origin and https://graph.microsoft.com)",
  },
  simulatorOrigin: {
    flag: '--simulator-origin',
    argument: '<url>',
    env: 'READMARK_SIMULATOR_ORIGIN',
    description:
      'origin of the Microsoft 365 simulator that may frame and serve scripts to the add-in pages; refused when NODE_ENV=production',
  },
} as const satisfies Record<string, ServerOptionSpec>;
