import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, parseServerConfig } from '../../../src/server/config/parseServerConfig';
import type { RawServerOptions } from '../../../src/server/config/options';
import { createTempDirectory } from '../../support/tempDirectory';

const SECRET = 'a-secret-of-more-than-thirty-two-chars';

function configError(raw: RawServerOptions, nodeEnv?: string): string {
  try {
    parseServerConfig(raw, nodeEnv === undefined ? {} : { nodeEnv });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('privacy and security options', () => {
  it('read retention, stored fields and hashing', () => {
    const config = parseServerConfig({
      openRetentionDays: '30',
      trackingMaxAgeDays: '60',
      purgeIntervalMinutes: '0',
      purgeBatchSize: '50',
      storedMessageFields: 'recipient-count',
      clientAddressMode: 'hash',
      clientAddressKey: SECRET,
      clientAddressKeyRotationDays: '7',
    });

    expect(config.privacy).toMatchObject({
      retention: { openRetentionDays: 30, trackingMaxAgeDays: 60, purgeBatchSize: 50 },
      purgeIntervalMinutes: 0,
      storedMessageFields: { subject: false, recipientCount: true },
      clientAddressHashing: { secret: SECRET, rotationDays: 7 },
    });
    expect(parseServerConfig({ storedMessageFields: 'none' }).privacy.storedMessageFields).toEqual({
      subject: false,
      recipientCount: false,
    });
  });

  it.each([
    [{ openRetentionDays: '0' }, 'Invalid --open-retention-days (READMARK_OPEN_RETENTION_DAYS): got "0"'],
    [{ trackingMaxAgeDays: '3651' }, 'Invalid --tracking-max-age-days'],
    [
      { storedMessageFields: 'subject,body' },
      'expected none, or subject and recipient-count comma-separated',
    ],
    [{ clientAddressMode: 'encrypt' }, 'expected truncate or hash'],
    [
      { clientAddressMode: 'hash' },
      'Invalid --client-address-key (READMARK_CLIENT_ADDRESS_KEY): got "(not set)"',
    ],
    [
      { corsOrigins: 'https://a.example/path' },
      'origins without a path ("https://a.example/path" is not one)',
    ],
    [{ pixelRateLimitPerMinute: '-1' }, 'Invalid --pixel-rate-limit-per-minute'],
    [{ headersTimeoutMs: '10' }, 'a whole number from 1000 to 120000'],
  ] satisfies Array<[RawServerOptions, string]>)('rejects %j', (raw, message) => {
    expect(configError(raw)).toContain(message);
  });

  it('never repeats a short hashing secret in its error', () => {
    const message = configError({ clientAddressMode: 'hash', clientAddressKey: 'short-secret' });

    expect(message).toContain('got "<hidden>"');
    expect(message).not.toContain('short-secret');
  });

  it('refuse the simulator origin and plain-http CORS origins in production', () => {
    const production = { publicUrl: 'https://track.example.com' };

    expect(configError({ ...production, simulatorOrigin: 'http://127.0.0.1:3100' }, 'production')).toContain(
      'expected no value when NODE_ENV=production',
    );
    expect(configError({ ...production, corsOrigins: 'http://addin.example.com' }, 'production')).toContain(
      'https origins',
    );
  });

  it('load the tenant policy file and name what is wrong in it', async () => {
    const directory = await createTempDirectory();
    try {
      const good = join(directory.path, 'good.json');
      const bad = join(directory.path, 'bad.json');
      await writeFile(good, '{"defaults": {"trackingEnabled": false}}');
      await writeFile(bad, '{"defaults": {"notice": 5}}');
      const broken = join(directory.path, 'broken.json');
      await writeFile(broken, '{"defaults": {"notice": "x",}}');

      expect(
        parseServerConfig({ tenantPolicyFile: good }).privacy.tenantPolicies.defaults.trackingEnabled,
      ).toBe(false);
      expect(configError({ tenantPolicyFile: bad })).toContain('"defaults.notice" must be null or a text');
      expect(configError({ tenantPolicyFile: broken })).toMatch(
        /the file is not valid JSON \(.*position \d+/,
      );
      expect(configError({ tenantPolicyFile: join(directory.path, 'missing.json') })).toContain(
        'a readable JSON file (no such file)',
      );
    } finally {
      await directory.remove();
    }
  });
});
