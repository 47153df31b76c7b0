import { ConfigError, parseServerConfig } from '../../../src/server/config/parseServerConfig';
import { DEFAULT_CLASSIFY_OPTIONS } from '../../../src/classify';
import type { RawServerOptions } from '../../../src/server/config/options';

const CLIENT_ID = '7d8e6f10-2b3c-4d5e-8f90-a1b2c3d4e5f6';
const TENANT_ID = '8f1d2c3b-4a5e-4f60-9b7c-1d2e3f405162';

describe('parseServerConfig', () => {
  it('applies the defaults', () => {
    expect(parseServerConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      database: { kind: 'sqlite', path: './data/readmark.db', synchronous: 'FULL' },
      pendingOpensMax: 50000,
      publicUrl: 'http://127.0.0.1:3000',
      auth: {
        apiClientId: null,
        authority: 'https://login.microsoftonline.com',
        jwksUrl: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
        issuerTemplate: 'https://login.microsoftonline.com/{tid}/v2.0',
        tenantAllowlist: null,
        clockSkewSeconds: 120,
        jwksCacheMaxAgeSeconds: 86400,
      },
      addressMinimisation: { ipv4PrefixBits: 24, ipv6PrefixBits: 48 },
      trustProxy: [],
      logLevel: 'info',
      classification: { options: DEFAULT_CLASSIFY_OPTIONS, userAgentRulesPath: null },
      privacy: {
        retention: { openRetentionDays: 90, trackingMaxAgeDays: 180, purgeBatchSize: 1000 },
        purgeIntervalMinutes: 60,
        storedMessageFields: { subject: true, recipientCount: true },
        clientAddressHashing: null,
        tenantPolicies: {
          defaults: { trackingEnabled: true, internalDomains: [], neverTrackDomains: [], notice: null },
          tenants: new Map(),
        },
      },
      security: {
        pixelRateLimitPerMinute: 600,
        apiRateLimitPerMinute: 300,
        headersTimeoutMs: 10000,
        requestTimeoutMs: 30000,
        maxConnections: 10000,
        corsOrigins: [],
        addinConnectOrigins: ['https://login.microsoftonline.com', 'https://graph.microsoft.com'],
        simulatorOrigin: null,
      },
    });
  });

  it('selects PostgreSQL for a postgres URL', () => {
    const config = parseServerConfig({
      database: 'postgresql://readmark:secret@db.internal:5432/readmark',
      postgresPoolSize: '25',
      pendingOpensMax: '1000',
    });

    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgresql://readmark:secret@db.internal:5432/readmark',
      poolSize: 25,
    });
    expect(config.pendingOpensMax).toBe(1000);
  });

  it('accepts trusted proxy ranges from /1 up', () => {
    const config = parseServerConfig({ trustProxy: '0.0.0.0/1, 10.0.0.0/8,::1/128, fd00::/8' });

    expect(config.trustProxy).toEqual(['0.0.0.0/1', '10.0.0.0/8', '::1/128', 'fd00::/8']);
  });

  it.each(['data/readmark.db', './mysql.db', 'C:\\readmark\\readmark.db', '/srv/a:b/readmark.db'])(
    'takes %s as a SQLite path',
    (path) => {
      expect(parseServerConfig({ database: path }).database).toEqual({
        kind: 'sqlite',
        path,
        synchronous: 'FULL',
      });
    },
  );

  it('derives the key set and issuer from a sovereign cloud authority', () => {
    const config = parseServerConfig({ authority: 'https://login.microsoftonline.us/' });

    expect(config.auth.jwksUrl).toBe('https://login.microsoftonline.us/common/discovery/v2.0/keys');
    expect(config.auth.issuerTemplate).toBe('https://login.microsoftonline.us/{tid}/v2.0');
  });

  it('accepts the {tenantid} spelling of the issuer placeholder', () => {
    const config = parseServerConfig({ issuerTemplate: 'http://127.0.0.1:3100/{tenantid}/v2.0' });

    expect(config.auth.issuerTemplate).toBe('http://127.0.0.1:3100/{tid}/v2.0');
  });

  it('reads every option', () => {
    const config = parseServerConfig({
      port: '8080',
      host: '::',
      database: '/var/lib/readmark/db.sqlite',
      sqliteSynchronous: 'normal',
      publicUrl: 'https://track.example.com/',
      apiClientId: CLIENT_ID.toUpperCase(),
      tenantAllowlist: `${TENANT_ID}, ${TENANT_ID.toUpperCase()}`,
      clockSkewSeconds: '300',
      jwksCacheMaxAgeSeconds: '3600',
      ipv4PrefixBits: '16',
      ipv6PrefixBits: '32',
      trustProxy: '10.0.0.0/8,::1',
      logLevel: 'warn',
    });

    expect(config).toMatchObject({
      port: 8080,
      host: '::',
      database: { path: '/var/lib/readmark/db.sqlite', synchronous: 'NORMAL' },
      publicUrl: 'https://track.example.com',
      auth: {
        apiClientId: CLIENT_ID,
        tenantAllowlist: [TENANT_ID, TENANT_ID],
        clockSkewSeconds: 300,
        jwksCacheMaxAgeSeconds: 3600,
      },
      addressMinimisation: { ipv4PrefixBits: 16, ipv6PrefixBits: 32 },
      trustProxy: ['10.0.0.0/8', '::1'],
      logLevel: 'warn',
    });
  });

  const invalid: Array<[RawServerOptions, string]> = [
    [
      { port: '70000' },
      'Invalid --port (READMARK_PORT): got "70000", expected a whole number from 0 to 65535.',
    ],
    [{ port: '80a' }, 'Invalid --port (READMARK_PORT): got "80a", expected a whole number from 0 to 65535.'],
    [
      { host: 'example.com' },
      'Invalid --host (READMARK_HOST): got "example.com", expected an IPv4 or IPv6 address, or localhost.',
    ],
    [
      { sqliteSynchronous: 'OFF' },
      'Invalid --sqlite-synchronous (READMARK_SQLITE_SYNCHRONOUS): got "OFF", expected NORMAL, FULL or EXTRA.',
    ],
    [
      { database: 'postgres//user:secret@db/readmark' },
      'Invalid --database (READMARK_DATABASE): got "<postgres URL>", expected a URL that starts with postgres:// or postgresql://.',
    ],
    [
      { database: 'mysql://127.0.0.1/readmark' },
      'Invalid --database (READMARK_DATABASE): got "mysql://127.0.0.1/readmark", expected a SQLite file path or a postgres:// or postgresql:// URL ("mysql://" is not supported).',
    ],
    [
      { database: 'postgress://user:secret@db/readmark' },
      'Invalid --database (READMARK_DATABASE): got "postgress://<credentials>@db/readmark", expected a SQLite file path or a postgres:// or postgresql:// URL ("postgress://" is not supported).',
    ],
    [
      { database: 'pg://user:p@ss@db/readmark' },
      'Invalid --database (READMARK_DATABASE): got "pg://<credentials>@db/readmark", expected a SQLite file path or a postgres:// or postgresql:// URL ("pg://" is not supported).',
    ],
    [
      { database: 'file:///var/lib/readmark/readmark.db' },
      'Invalid --database (READMARK_DATABASE): got "file:///var/lib/readmark/readmark.db", expected a SQLite file path or a postgres:// or postgresql:// URL ("file://" is not supported).',
    ],
    [
      { database: 'postgres://user:secret@db/' },
      'Invalid --database (READMARK_DATABASE): got "<postgres URL>", expected a postgres:// URL with a host and a database name.',
    ],
    [
      { database: 'postgres://user:secret@db/readmark?options=-c%20x%3D1' },
      'Invalid --database (READMARK_DATABASE): got "<postgres URL>", expected a postgres:// URL without an `options` parameter (the server sets search_path itself).',
    ],
    [
      { database: 'postgres://db/readmark', postgresPoolSize: '0' },
      'Invalid --postgres-pool-size (READMARK_POSTGRES_POOL_SIZE): got "0", expected a whole number from 1 to 1000.',
    ],
    [
      { pendingOpensMax: '0' },
      'Invalid --pending-opens-max (READMARK_PENDING_OPENS_MAX): got "0", expected a whole number from 1 to 10000000.',
    ],
    [
      { publicUrl: 'track.example.com' },
      'Invalid --public-url (READMARK_PUBLIC_URL): got "track.example.com", expected an origin such as https://track.example.com.',
    ],
    [
      { publicUrl: 'https://track.example.com/?a=1' },
      'Invalid --public-url (READMARK_PUBLIC_URL): got "https://track.example.com/?a=1", expected an origin and optional path, without query, fragment or credentials.',
    ],
    [
      { apiClientId: 'readmark-api' },
      'Invalid --api-client-id (READMARK_API_CLIENT_ID): got "readmark-api", expected a GUID such as 7d8e6f10-2b3c-4d5e-8f90-a1b2c3d4e5f6.',
    ],
    [
      { issuerTemplate: 'https://login.microsoftonline.com/common/v2.0' },
      'Invalid --issuer-template (READMARK_AUTH_ISSUER_TEMPLATE): got "https://login.microsoftonline.com/common/v2.0", expected a URL containing {tid}, such as https://login.microsoftonline.com/{tid}/v2.0.',
    ],
    [
      { tenantAllowlist: `${TENANT_ID},contoso` },
      `Invalid --tenant-allowlist (READMARK_TENANT_ALLOWLIST): got "${TENANT_ID},contoso", expected comma-separated tenant GUIDs ("contoso" is not one).`,
    ],
    [
      { clockSkewSeconds: '600' },
      'Invalid --clock-skew-seconds (READMARK_CLOCK_SKEW_SECONDS): got "600", expected a whole number from 0 to 300.',
    ],
    [
      { ipv4PrefixBits: '32' },
      'Invalid --ipv4-prefix-bits (READMARK_IPV4_PREFIX_BITS): got "32", expected a whole number from 0 to 24.',
    ],
    [
      { trustProxy: '10.0.0.0/40' },
      'Invalid --trust-proxy (READMARK_TRUST_PROXY): got "10.0.0.0/40", expected CIDR ranges with a prefix length from 1 to 32 without leading zeros ("10.0.0.0/40" is not one).',
    ],
    [
      { trustProxy: '127.0.0.1,10.0.0.0/00' },
      'Invalid --trust-proxy (READMARK_TRUST_PROXY): got "127.0.0.1,10.0.0.0/00", expected CIDR ranges with a prefix length from 1 to 32 without leading zeros ("10.0.0.0/00" is not one).',
    ],
    [
      { trustProxy: '10.0.0.0/08' },
      'Invalid --trust-proxy (READMARK_TRUST_PROXY): got "10.0.0.0/08", expected CIDR ranges with a prefix length from 1 to 32 without leading zeros ("10.0.0.0/08" is not one).',
    ],
    [
      { trustProxy: '10.0.0.0/' },
      'Invalid --trust-proxy (READMARK_TRUST_PROXY): got "10.0.0.0/", expected CIDR ranges with a prefix length from 1 to 32 without leading zeros ("10.0.0.0/" is not one).',
    ],
    [
      { trustProxy: '10.0.0.0/8/9' },
      'Invalid --trust-proxy (READMARK_TRUST_PROXY): got "10.0.0.0/8/9", expected CIDR ranges with a prefix length from 1 to 32 without leading zeros ("10.0.0.0/8/9" is not one).',
    ],
    [
      { trustProxy: 'fd00::/129' },
      'Invalid --trust-proxy (READMARK_TRUST_PROXY): got "fd00::/129", expected CIDR ranges with a prefix length from 1 to 128 without leading zeros ("fd00::/129" is not one).',
    ],
    [
      { trustProxy: '0.0.0.0/0' },
      'Invalid --trust-proxy (READMARK_TRUST_PROXY): got "0.0.0.0/0", expected only the reverse proxies\' own addresses or ranges, such as 127.0.0.1 or 10.0.0.0/8 ("0.0.0.0/0" trusts every address, so any client could choose the address stored for its opens).',
    ],
    [
      { trustProxy: '127.0.0.1, ::/0' },
      'Invalid --trust-proxy (READMARK_TRUST_PROXY): got "127.0.0.1, ::/0", expected only the reverse proxies\' own addresses or ranges, such as 127.0.0.1 or 10.0.0.0/8 ("::/0" trusts every address, so any client could choose the address stored for its opens).',
    ],
    [
      { trustProxy: 'proxy.internal' },
      'Invalid --trust-proxy (READMARK_TRUST_PROXY): got "proxy.internal", expected comma-separated IP addresses or CIDR ranges ("proxy.internal" is not one).',
    ],
    [
      { logLevel: 'verbose' },
      'Invalid --log-level (READMARK_LOG_LEVEL): got "verbose", expected fatal, error, warn, info, debug, trace, silent.',
    ],
    [
      { jwksUrl: 'ftp://keys.example.com' },
      'Invalid --jwks-url (READMARK_AUTH_JWKS_URL): got "ftp://keys.example.com", expected an http or https URL.',
    ],
  ];

  it.each(invalid)('rejects %j', (raw, message) => {
    expect(() => parseServerConfig(raw)).toThrow(ConfigError);
    expect(() => parseServerConfig(raw)).toThrow(message);
  });

  describe('with NODE_ENV=production', () => {
    const production = { nodeEnv: 'production' };

    it.each([
      ['jwksUrl', 'http://127.0.0.1:8080/keys'],
      ['jwksUrl', 'https://127.0.0.1/keys'],
      ['jwksUrl', 'https://localhost/keys'],
      ['jwksUrl', 'https://10.1.2.3/keys'],
      ['jwksUrl', 'https://192.168.1.5/keys'],
      ['jwksUrl', 'https://[::1]/keys'],
      ['jwksUrl', 'https://[fd00::5]/keys'],
      ['authority', 'https://172.20.0.1'],
      ['issuerTemplate', 'https://169.254.169.254/{tid}/v2.0'],
    ] as const)('rejects a local %s %s', (name, value) => {
      expect(() =>
        parseServerConfig({ publicUrl: 'https://track.example.com', [name]: value }, production),
      ).toThrow(/expected (a public host|an https URL) when NODE_ENV=production/);
    });

    it('requires an https public URL', () => {
      expect(() => parseServerConfig({ publicUrl: 'http://track.example.com' }, production)).toThrow(
        'expected an https origin when NODE_ENV=production',
      );
    });

    it('accepts Microsoft’s public cloud', () => {
      const config = parseServerConfig(
        { publicUrl: 'https://track.example.com', apiClientId: CLIENT_ID },
        production,
      );

      expect(config.auth.jwksUrl).toBe('https://login.microsoftonline.com/common/discovery/v2.0/keys');
    });
  });
});
