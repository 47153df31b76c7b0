import { isIP } from 'node:net';
import { isLoopbackOrPrivateHost } from '../auth/privateAddress';
import { ConfigError, parseInteger } from './configError';
import { SERVER_OPTIONS, type RawServerOptions, type ServerOptionName } from './options';
import { parseClassificationConfig } from './parseClassification';
import { parseDatabase } from './parseDatabase';
import { parsePrivacyConfig, parseSecurityConfig } from './parsePrivacyConfig';
import { PUBLIC_CLOUD_AUTHORITY, type ServerConfig } from './serverConfig';

export { ConfigError };

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface ConfigEnvironment {
  /** `production` makes the parser reject http and loopback or private identity endpoints. */
  nodeEnv?: string;
}

/**
 * Checks every option and builds the server configuration. Missing values take the defaults from
 * `SERVER_OPTIONS`. Throws `ConfigError` naming the first invalid option.
 */
export function parseServerConfig(raw: RawServerOptions, environment: ConfigEnvironment = {}): ServerConfig {
  const production = environment.nodeEnv === 'production';
  const value = (name: ServerOptionName): string | undefined => {
    const given = raw[name]?.trim();
    if (given !== undefined && given !== '') {
      return given;
    }
    const spec = SERVER_OPTIONS[name];
    return 'defaultValue' in spec ? spec.defaultValue : undefined;
  };

  const port = parseInteger('port', value('port') ?? '', 0, 65535);
  const host = value('host') ?? '';
  if (host !== 'localhost' && isIP(host) === 0) {
    throw new ConfigError('host', host, 'an IPv4 or IPv6 address, or localhost');
  }

  const authority = parseUrl('authority', value('authority') ?? PUBLIC_CLOUD_AUTHORITY, production);
  const jwksUrl = parseUrl(
    'jwksUrl',
    value('jwksUrl') ?? `${authority}/common/discovery/v2.0/keys`,
    production,
  );
  const issuerTemplate = parseIssuerTemplate(
    value('issuerTemplate') ?? `${authority}/{tid}/v2.0`,
    production,
  );

  const publicUrlText = value('publicUrl') ?? `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  const publicUrl = parsePublicUrl(publicUrlText, production);

  return {
    port,
    host,
    database: parseDatabase(value),
    pendingOpensMax: parseInteger('pendingOpensMax', value('pendingOpensMax') ?? '', 1, 10_000_000),
    publicUrl,
    auth: {
      apiClientId: parseOptionalGuid('apiClientId', value('apiClientId')),
      authority,
      jwksUrl,
      issuerTemplate,
      tenantAllowlist: parseTenantAllowlist(value('tenantAllowlist')),
      clockSkewSeconds: parseInteger('clockSkewSeconds', value('clockSkewSeconds') ?? '', 0, 300),
      jwksCacheMaxAgeSeconds: parseInteger(
        'jwksCacheMaxAgeSeconds',
        value('jwksCacheMaxAgeSeconds') ?? '',
        60,
        604800,
      ),
    },
    addressMinimisation: {
      ipv4PrefixBits: parseInteger('ipv4PrefixBits', value('ipv4PrefixBits') ?? '', 0, 24),
      ipv6PrefixBits: parseInteger('ipv6PrefixBits', value('ipv6PrefixBits') ?? '', 0, 64),
    },
    trustProxy: parseTrustProxy(value('trustProxy')),
    logLevel: parseLogLevel(value('logLevel') ?? ''),
    classification: parseClassificationConfig(value),
    privacy: parsePrivacyConfig(value),
    security: parseSecurityConfig(value, production, authority),
  };
}

function parseUrl(name: 'authority' | 'jwksUrl', text: string, production: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(name, text, 'an absolute http or https URL');
  }
  checkIdentityUrl(name, text, url, production);
  return text.replace(/\/+$/, '');
}

function parseIssuerTemplate(given: string, production: boolean): string {
  // Microsoft's OpenID metadata writes the placeholder as {tenantid}; both spellings are accepted.
  const text = given.replace('{tenantid}', '{tid}');
  if (!text.includes('{tid}')) {
    throw new ConfigError(
      'issuerTemplate',
      given,
      'a URL containing {tid}, such as https://login.microsoftonline.com/{tid}/v2.0',
    );
  }
  let url: URL;
  try {
    url = new URL(text.replace('{tid}', '00000000-0000-0000-0000-000000000000'));
  } catch {
    throw new ConfigError('issuerTemplate', text, 'an absolute http or https URL containing {tid}');
  }
  checkIdentityUrl('issuerTemplate', text, url, production);
  return text;
}

/** With NODE_ENV=production the server trusts only a public https identity provider. */
function checkIdentityUrl(name: ServerOptionName, text: string, url: URL, production: boolean): void {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(name, text, 'an http or https URL');
  }
  if (production && url.protocol !== 'https:') {
    throw new ConfigError(name, text, 'an https URL when NODE_ENV=production');
  }
  if (production && isLoopbackOrPrivateHost(url.hostname)) {
    throw new ConfigError(
      name,
      text,
      'a public host when NODE_ENV=production, not a loopback or private address',
    );
  }
}

function parsePublicUrl(text: string, production: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError('publicUrl', text, 'an origin such as https://track.example.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('publicUrl', text, 'an http or https origin');
  }
  if (production && url.protocol !== 'https:') {
    throw new ConfigError('publicUrl', text, 'an https origin when NODE_ENV=production');
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError(
      'publicUrl',
      text,
      'an origin and optional path, without query, fragment or credentials',
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function parseOptionalGuid(name: ServerOptionName, text: string | undefined): string | null {
  if (text === undefined) {
    return null;
  }
  if (!GUID_PATTERN.test(text)) {
    throw new ConfigError(name, text, 'a GUID such as 7d8e6f10-2b3c-4d5e-8f90-a1b2c3d4e5f6');
  }
  return text.toLowerCase();
}

function parseTenantAllowlist(text: string | undefined): string[] | null {
  if (text === undefined) {
    return null;
  }
  const tenants = text.split(',').map((item) => item.trim());
  for (const tenant of tenants) {
    if (!GUID_PATTERN.test(tenant)) {
      throw new ConfigError('tenantAllowlist', text, `comma-separated tenant GUIDs ("${tenant}" is not one)`);
    }
  }
  return tenants.map((tenant) => tenant.toLowerCase());
}

function parseTrustProxy(text: string | undefined): string[] {
  if (text === undefined) {
    return [];
  }
  const entries = text.split(',').map((item) => item.trim());
  for (const entry of entries) {
    checkTrustProxyEntry(text, entry);
  }
  return entries;
}

function checkTrustProxyEntry(text: string, entry: string): void {
  const slash = entry.indexOf('/');
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const version = isIP(address);
  if (version === 0) {
    throw new ConfigError(
      'trustProxy',
      text,
      `comma-separated IP addresses or CIDR ranges ("${entry}" is not one)`,
    );
  }
  if (slash === -1) {
    return;
  }
  const prefix = entry.slice(slash + 1);
  const maxPrefix = version === 6 ? 128 : 32;
  // Leading zeros are rejected because "/00" or "/08" is more likely a typo than a prefix length.
  if (!/^(0|[1-9]\d{0,2})$/.test(prefix) || Number(prefix) > maxPrefix) {
    throw new ConfigError(
      'trustProxy',
      text,
      `CIDR ranges with a prefix length from 1 to ${maxPrefix} without leading zeros ("${entry}" is not one)`,
    );
  }
  if (prefix === '0') {
    throw new ConfigError(
      'trustProxy',
      text,
      `only the reverse proxies' own addresses or ranges, such as 127.0.0.1 or 10.0.0.0/8 ("${entry}" trusts every address, so any client could choose the address stored for its opens)`,
    );
  }
}

function parseLogLevel(text: string): string {
  if (!LOG_LEVELS.includes(text)) {
    throw new ConfigError('logLevel', text, LOG_LEVELS.join(', '));
  }
  return text;
}
