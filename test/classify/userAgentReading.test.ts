import { DEFAULT_USER_AGENT_RULES, type UserAgentRule } from '../../src/classify';
import { matchUserAgent, normaliseUserAgent, readUserAgent } from '../../src/classify/userAgentMatch';

const OUTLOOK = 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)';

function onlyRule(overrides: Partial<UserAgentRule>): UserAgentRule[] {
  const [first] = DEFAULT_USER_AGENT_RULES;
  if (first === undefined) throw new Error('The default rules are empty.');
  return [{ ...first, pattern: /Outlook/, ...overrides }];
}

describe('readUserAgent', () => {
  it('agrees with normalising, then matching', () => {
    for (const raw of [OUTLOOK, '  curl/8.5.0 ', '-', '', null]) {
      const reading = readUserAgent(raw, 1024, DEFAULT_USER_AGENT_RULES);
      const userAgent = normaliseUserAgent(raw, 1024);

      expect(reading.userAgent).toBe(userAgent);
      expect(reading.evidence).toEqual(matchUserAgent(userAgent, DEFAULT_USER_AGENT_RULES));
    }
  });

  it('reuses the reading of a repeated value', () => {
    const first = readUserAgent(OUTLOOK, 1024, DEFAULT_USER_AGENT_RULES);

    expect(readUserAgent(OUTLOOK, 1024, DEFAULT_USER_AGENT_RULES)).toBe(first);
    expect(Object.isFrozen(first.evidence)).toBe(true);
  });

  it('reads again for another length bound', () => {
    expect(readUserAgent(OUTLOOK, 1024, DEFAULT_USER_AGENT_RULES).userAgent).toBe(OUTLOOK);
    expect(readUserAgent(OUTLOOK, 9, DEFAULT_USER_AGENT_RULES).userAgent).toBe('Microsoft');
  });

  it('keeps each rule list apart', () => {
    const scanner = onlyRule({ id: 'test-scanner', kind: 'scanner', reason: 'known-scanner' });
    const person = onlyRule({ id: 'test-person', kind: 'human', reason: 'desktop-client' });

    expect(readUserAgent(OUTLOOK, 1024, scanner).evidence.ruleId).toBe('test-scanner');
    expect(readUserAgent(OUTLOOK, 1024, person).evidence.ruleId).toBe('test-person');
  });

  it('reads correctly past the kept number of values', () => {
    for (let index = 0; index < 2500; index += 1) {
      readUserAgent(`Client/${index}`, 1024, DEFAULT_USER_AGENT_RULES);
    }

    expect(readUserAgent(OUTLOOK, 1024, DEFAULT_USER_AGENT_RULES).userAgent).toBe(OUTLOOK);
    expect(readUserAgent('Client/7', 1024, DEFAULT_USER_AGENT_RULES).userAgent).toBe('Client/7');
  });
});
