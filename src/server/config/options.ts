import { PRIVACY_OPTIONS, SECURITY_OPTIONS } from './privacyOptions';

/**
 * Every `readmark serve` option: its flag, environment variable, default and help text. The CLI
 * builds its options from this table and the parser names the same flag in its errors.
 */
export interface ServerOptionSpec {
  flag: string;
  /** Placeholder shown in `--help`, for example `<number>`. */
  argument: string;
  env: string;
  defaultValue?: string;
  description: string;
}

export const SERVER_OPTIONS = {
  port: {
    flag: '--port',
    argument: '<number>',
    env: 'READMARK_PORT',
    defaultValue: '3000',
    description: 'TCP port to listen on, 0 to 65535 (0 picks a free port)',
  },
  host: {
    flag: '--host',
    argument: '<address>',
    env: 'READMARK_HOST',
    defaultValue: '127.0.0.1',
    description: 'address to listen on; 0.0.0.0 or :: listens on every interface',
  },
  database: {
    flag: '--database',
    argument: '<path or url>',
    env: 'READMARK_DATABASE',
    defaultValue: './data/readmark.db',
    description:
      'SQLite database file, created with its folder when missing, or a postgres:// URL for the PostgreSQL store',
  },
  postgresPoolSize: {
    flag: '--postgres-pool-size',
    argument: '<connections>',
    env: 'READMARK_POSTGRES_POOL_SIZE',
    defaultValue: '10',
    description: 'PostgreSQL connections each server process keeps at most, 1 to 1000',
  },
  pendingOpensMax: {
    flag: '--pending-opens-max',
    argument: '<opens>',
    env: 'READMARK_PENDING_OPENS_MAX',
    defaultValue: '50000',
    description:
      'opens held in memory while waiting for a commit or for the database to return, 1 to 10000000; opens beyond it are dropped and counted',
  },
  sqliteSynchronous: {
    flag: '--sqlite-synchronous',
    argument: '<level>',
    env: 'READMARK_SQLITE_SYNCHRONOUS',
    defaultValue: 'FULL',
    description:
      'SQLite synchronous level: FULL or EXTRA survive power loss, NORMAL may lose the last commits',
  },
  publicUrl: {
    flag: '--public-url',
    argument: '<url>',
    env: 'READMARK_PUBLIC_URL',
    description:
      "origin that recipients' mail clients reach, used in pixel URLs; must be https with NODE_ENV=production (default: http://<host>:<port>)",
  },
  apiClientId: {
    flag: '--api-client-id',
    argument: '<guid>',
    env: 'READMARK_API_CLIENT_ID',
    description:
      'application (client) id of the Readmark API registration, the required token audience; without it the API responds with 503',
  },
  authority: {
    flag: '--authority',
    argument: '<url>',
    env: 'READMARK_AUTH_AUTHORITY',
    defaultValue: 'https://login.microsoftonline.com',
    description: 'Microsoft Entra ID authority; change it for a sovereign cloud',
  },
  jwksUrl: {
    flag: '--jwks-url',
    argument: '<url>',
    env: 'READMARK_AUTH_JWKS_URL',
    description:
      'JSON Web Key Set with the token signing keys (default: <authority>/common/discovery/v2.0/keys)',
  },
  issuerTemplate: {
    flag: '--issuer-template',
    argument: '<template>',
    env: 'READMARK_AUTH_ISSUER_TEMPLATE',
    description:
      "expected token issuer, {tid} or {tenantid} standing for the token's tenant id (default: <authority>/{tid}/v2.0)",
  },
  tenantAllowlist: {
    flag: '--tenant-allowlist',
    argument: '<guids>',
    env: 'READMARK_TENANT_ALLOWLIST',
    description: 'comma-separated tenant ids allowed to use the API (default: every tenant)',
  },
  clockSkewSeconds: {
    flag: '--clock-skew-seconds',
    argument: '<seconds>',
    env: 'READMARK_CLOCK_SKEW_SECONDS',
    defaultValue: '120',
    description: 'tolerance for token exp and nbf, in seconds, 0 to 300',
  },
  jwksCacheMaxAgeSeconds: {
    flag: '--jwks-cache-max-age-seconds',
    argument: '<seconds>',
    env: 'READMARK_JWKS_CACHE_MAX_AGE_SECONDS',
    defaultValue: '86400',
    description:
      'how long fetched signing keys are used before they are fetched again, in seconds, 60 to 604800',
  },
  ipv4PrefixBits: {
    flag: '--ipv4-prefix-bits',
    argument: '<bits>',
    env: 'READMARK_IPV4_PREFIX_BITS',
    defaultValue: '24',
    description: 'leading bits of a client IPv4 address that are stored, 0 to 24',
  },
  ipv6PrefixBits: {
    flag: '--ipv6-prefix-bits',
    argument: '<bits>',
    env: 'READMARK_IPV6_PREFIX_BITS',
    defaultValue: '48',
    description: 'leading bits of a client IPv6 address that are stored, 0 to 64',
  },
  trustProxy: {
    flag: '--trust-proxy',
    argument: '<addresses>',
    env: 'READMARK_TRUST_PROXY',
    description:
      'comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is trusted (default: none)',
  },
  scannerWindowSeconds: {
    flag: '--scanner-window-seconds',
    argument: '<seconds>',
    env: 'READMARK_SCANNER_WINDOW_SECONDS',
    defaultValue: '60',
    description: 'seconds after sending in which a hit may be a security gateway fetch, 0 to 3600',
  },
  burstWindowSeconds: {
    flag: '--burst-window-seconds',
    argument: '<seconds>',
    env: 'READMARK_BURST_WINDOW_SECONDS',
    defaultValue: '10',
    description: "seconds before a hit in which other clients' hits make a burst, 0 to 600",
  },
  burstMinOtherClients: {
    flag: '--burst-min-other-clients',
    argument: '<count>',
    env: 'READMARK_BURST_MIN_OTHER_CLIENTS',
    defaultValue: '2',
    description: 'other clients within the burst window that make a burst, 1 to 100',
  },
  repeatWindowSeconds: {
    flag: '--repeat-window-seconds',
    argument: '<seconds>',
    env: 'READMARK_REPEAT_WINDOW_SECONDS',
    defaultValue: '300',
    description: "seconds in which the same client's hits count as one open, 0 to 3600",
  },
  selfViewWindowSeconds: {
    flag: '--self-view-window-seconds',
    argument: '<seconds>',
    env: 'READMARK_SELF_VIEW_WINDOW_SECONDS',
    defaultValue: '120',
    description: "seconds after the sender's status pane reports a view in which a hit is theirs, 0 to 3600",
  },
  selfViewLeadSeconds: {
    flag: '--self-view-lead-seconds',
    argument: '<seconds>',
    env: 'READMARK_SELF_VIEW_LEAD_SECONDS',
    defaultValue: '30',
    description: 'seconds before a reported view in which a hit is also the sender’s, 0 to 300',
  },
  senderNetworkWindowHours: {
    flag: '--sender-network-window-hours',
    argument: '<hours>',
    env: 'READMARK_SENDER_NETWORK_WINDOW_HOURS',
    defaultValue: '8',
    description:
      "hours for which a network of the sender's API calls marks hits from it as likely self views, 0 to 168",
  },
  userAgentRules: {
    flag: '--user-agent-rules',
    argument: '<path>',
    env: 'READMARK_USER_AGENT_RULES',
    description:
      'JSON file of user-agent rules to use instead of the built-in ones (see docs/classification.md)',
  },
  logLevel: {
    flag: '--log-level',
    argument: '<level>',
    env: 'READMARK_LOG_LEVEL',
    defaultValue: 'info',
    description: 'log level: fatal, error, warn, info, debug, trace or silent',
  },
  ...PRIVACY_OPTIONS,
  ...SECURITY_OPTIONS,
} as const satisfies Record<string, ServerOptionSpec>;

export type ServerOptionName = keyof typeof SERVER_OPTIONS;

/** Option values as strings, after flags, environment variables and defaults were applied. */
export type RawServerOptions = Partial<Record<ServerOptionName, string>>;
