import { readFileSync } from 'node:fs';
import type { StoredMessageFields } from '../privacy/storedFields';
import { NO_TENANT_POLICIES, parseTenantPolicies, type TenantPolicies } from '../privacy/tenantPolicy';
import { ConfigError, parseInteger } from './configError';
import type { ServerOptionName } from './options';
import type { PrivacyConfig, SecurityConfig } from './serverConfig';

/** Reads an option after flags, environment variables and defaults were applied. */
type OptionValue = (name: ServerOptionName) => string | undefined;

const HIDDEN = '<hidden>';
const CLIENT_ADDRESS_KEY_MIN_LENGTH = 32;

export function parsePrivacyConfig(value: OptionValue): PrivacyConfig {
  const mode = value('clientAddressMode') ?? '';
  if (mode !== 'truncate' && mode !== 'hash') {
    throw new ConfigError('clientAddressMode', mode, 'truncate or hash');
  }
  const key = value('clientAddressKey');
  const rotationDays = parseInteger(
    'clientAddressKeyRotationDays',
    value('clientAddressKeyRotationDays') ?? '',
    1,
    365,
  );
  if (mode === 'hash' && (key === undefined || key.length < CLIENT_ADDRESS_KEY_MIN_LENGTH)) {
    // The secret itself never goes into an error message or a log.
    throw new ConfigError(
      'clientAddressKey',
      key === undefined ? '(not set)' : HIDDEN,
      `a secret of at least ${CLIENT_ADDRESS_KEY_MIN_LENGTH} characters with --client-address-mode hash`,
    );
  }
  return {
    retention: {
      openRetentionDays: parseInteger('openRetentionDays', value('openRetentionDays') ?? '', 1, 3650),
      trackingMaxAgeDays: parseInteger('trackingMaxAgeDays', value('trackingMaxAgeDays') ?? '', 1, 3650),
      purgeBatchSize: parseInteger('purgeBatchSize', value('purgeBatchSize') ?? '', 1, 100_000),
    },
    purgeIntervalMinutes: parseInteger(
      'purgeIntervalMinutes',
      value('purgeIntervalMinutes') ?? '',
      0,
      10_080,
    ),
    storedMessageFields: parseStoredFields(value('storedMessageFields') ?? ''),
    clientAddressHashing: mode === 'hash' && key !== undefined ? { secret: key, rotationDays } : null,
    tenantPolicies: loadTenantPolicies(value('tenantPolicyFile')),
  };
}

export function parseSecurityConfig(
  value: OptionValue,
  production: boolean,
  authority: string,
): SecurityConfig {
  const simulatorOrigin = value('simulatorOrigin');
  if (simulatorOrigin !== undefined && production) {
    throw new ConfigError('simulatorOrigin', simulatorOrigin, 'no value when NODE_ENV=production');
  }
  const connectOrigins = value('addinConnectOrigins');
  const headersTimeoutMs = parseInteger('headersTimeoutMs', value('headersTimeoutMs') ?? '', 1000, 120_000);
  const requestTimeoutMs = parseInteger('requestTimeoutMs', value('requestTimeoutMs') ?? '', 1000, 300_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      'headersTimeoutMs',
      String(headersTimeoutMs),
      `at most --request-timeout-ms (${requestTimeoutMs})`,
    );
  }
  return {
    pixelRateLimitPerMinute: parseInteger(
      'pixelRateLimitPerMinute',
      value('pixelRateLimitPerMinute') ?? '',
      0,
      1_000_000,
    ),
    apiRateLimitPerMinute: parseInteger(
      'apiRateLimitPerMinute',
      value('apiRateLimitPerMinute') ?? '',
      0,
      1_000_000,
    ),
    headersTimeoutMs,
    requestTimeoutMs,
    maxConnections: parseInteger('maxConnections', value('maxConnections') ?? '', 1, 1_000_000),
    corsOrigins: parseOrigins('corsOrigins', value('corsOrigins'), production, []),
    addinConnectOrigins: parseOrigins('addinConnectOrigins', connectOrigins, production, [
      new URL(authority).origin,
      'https://graph.microsoft.com',
    ]),
    simulatorOrigin:
      simulatorOrigin === undefined
        ? null
        : (parseOrigins('simulatorOrigin', simulatorOrigin, false, [])[0] ?? null),
  };
}

function parseStoredFields(text: string): StoredMessageFields {
  const expected = 'none, or subject and recipient-count comma-separated';
  if (text === 'none') {
    return { subject: false, recipientCount: false };
  }
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item !== 'subject' && item !== 'recipient-count')) {
    throw new ConfigError('storedMessageFields', text, expected);
  }
  return { subject: items.includes('subject'), recipientCount: items.includes('recipient-count') };
}

function loadTenantPolicies(path: string | undefined): TenantPolicies {
  if (path === undefined) {
    return NO_TENANT_POLICIES;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'no permission to read it'
          : (code ?? 'unreadable');
    throw new ConfigError('tenantPolicyFile', path, `a readable JSON file (${reason})`);
  }
  try {
    return parseTenantPolicies(text);
  } catch (error) {
    throw new ConfigError(
      'tenantPolicyFile',
      path,
      `a valid tenant policy file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function parseOrigins(
  name: ServerOptionName,
  text: string | undefined,
  production: boolean,
  fallback: string[],
): string[] {
  if (text === undefined) {
    return fallback;
  }
  return text.split(',').map((item) => {
    const entry = item.trim();
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new ConfigError(
        name,
        text,
        `comma-separated origins such as https://outlook.office.com ("${entry}" is not one)`,
      );
    }
    const isOrigin =
      url.origin === entry.replace(/\/$/, '') && (url.protocol === 'https:' || url.protocol === 'http:');
    if (!isOrigin || (production && url.protocol !== 'https:')) {
      throw new ConfigError(
        name,
        text,
        `comma-separated ${production ? 'https ' : ''}origins without a path ("${entry}" is not one)`,
      );
    }
    return url.origin;
  });
}
