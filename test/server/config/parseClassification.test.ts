import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_USER_AGENT_RULES } from '../../../src/classify';
import { ConfigError, parseServerConfig } from '../../../src/server/config/parseServerConfig';
import { createTempDirectory } from '../../support/tempDirectory';

const ONE_RULE = {
  version: 1,
  rules: [
    {
      id: 'house-gateway',
      pattern: 'HouseGateway/',
      kind: 'scanner',
      confidence: 0.9,
      reason: 'scanner-user-agent',
      source: 'Our gateway vendor’s documentation',
    },
  ],
};

describe('classification options of readmark serve', () => {
  let directory: { path: string; remove(): Promise<void> };

  beforeEach(async () => {
    directory = await createTempDirectory();
  });

  afterEach(async () => {
    await directory.remove();
  });

  it('takes every window from its option', () => {
    const config = parseServerConfig({
      scannerWindowSeconds: '90',
      burstWindowSeconds: '5',
      burstMinOtherClients: '3',
      repeatWindowSeconds: '600',
      selfViewWindowSeconds: '60',
      selfViewLeadSeconds: '10',
      senderNetworkWindowHours: '4',
    });

    expect(config.classification.options).toMatchObject({
      scannerWindowSeconds: 90,
      burstWindowSeconds: 5,
      burstMinOtherClients: 3,
      repeatWindowSeconds: 600,
      selfViewWindowSeconds: 60,
      selfViewLeadSeconds: 10,
      senderNetworkWindowHours: 4,
    });
    expect(config.classification.options.userAgentRules).toBe(DEFAULT_USER_AGENT_RULES);
  });

  it.each([
    [
      { repeatWindowSeconds: '-5' },
      'Invalid --repeat-window-seconds (READMARK_REPEAT_WINDOW_SECONDS): got "-5", expected a whole number from 0 to 3600.',
    ],
    [
      { burstMinOtherClients: '0' },
      'Invalid --burst-min-other-clients (READMARK_BURST_MIN_OTHER_CLIENTS): got "0", expected a whole number from 1 to 100.',
    ],
    [
      { senderNetworkWindowHours: 'eight' },
      'Invalid --sender-network-window-hours (READMARK_SENDER_NETWORK_WINDOW_HOURS): got "eight", expected a whole number from 0 to 168.',
    ],
  ])('rejects %j', (raw, message) => {
    expect(() => parseServerConfig(raw)).toThrow(ConfigError);
    expect(() => parseServerConfig(raw)).toThrow(message);
  });

  it('loads a user-agent rules file in place of the built-in rules', async () => {
    const path = join(directory.path, 'rules.json');
    await writeFile(path, JSON.stringify(ONE_RULE));

    const config = parseServerConfig({ userAgentRules: path });

    expect(config.classification.userAgentRulesPath).toBe(path);
    expect(config.classification.options.userAgentRules.map((rule) => rule.id)).toEqual(['house-gateway']);
  });

  it('rejects a missing rules file naming the option', () => {
    const path = join(directory.path, 'missing.json');

    expect(() => parseServerConfig({ userAgentRules: path })).toThrow(
      `Invalid --user-agent-rules (READMARK_USER_AGENT_RULES): got "${path}", expected a readable, valid user-agent rules file (rules-file-unreadable).`,
    );
  });

  it('lists every problem of an invalid rules file', async () => {
    const path = join(directory.path, 'rules.json');
    const broken = { version: 1, rules: [{ ...ONE_RULE.rules[0], kind: 'bot' }, { id: 'no-pattern' }] };
    await writeFile(path, JSON.stringify(broken));

    let error: unknown;
    try {
      parseServerConfig({ userAgentRules: path });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('(rules-file-invalid)');
    expect(message).toContain('rules[0], id "house-gateway", field "kind"');
    expect(message).toContain('rules[1], id "no-pattern", field "pattern"');
  });
});
