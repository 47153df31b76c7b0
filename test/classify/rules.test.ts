import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_USER_AGENT_RULES, parseUserAgentRules, REASON_TEXTS } from '../../src/classify';
import { loadUserAgentRules } from '../../src/classify/loadRules';
import shippedRules from '../../src/classify/user-agents.json';

const VALID_RULE = {
  id: 'example-gateway',
  pattern: 'ExampleGateway/\\d',
  flags: 'i',
  kind: 'scanner',
  confidence: 0.9,
  reason: 'security-gateway',
  source: 'https://example.com/docs',
};

function problemsOf(rules: unknown[], extra: Record<string, unknown> = {}): string[] {
  const result = parseUserAgentRules({ version: 1, rules, ...extra }, 'test.json');
  if (result.ok) return [];
  return result.error.problems.map((problem) => `${problem.entry}|${problem.id}|${problem.field}`);
}

describe('shipped rules file', () => {
  test('is valid', () => {
    const result = parseUserAgentRules(shippedRules, 'built-in');
    expect(result.ok).toBe(true);
    expect(DEFAULT_USER_AGENT_RULES.length).toBe(shippedRules.rules.length);
  });

  test('every rule cites a source', () => {
    for (const rule of DEFAULT_USER_AGENT_RULES) expect(rule.source).toMatch(/https:\/\//);
  });

  test('every reason code has a plain-words text', () => {
    for (const rule of DEFAULT_USER_AGENT_RULES) expect(Object.keys(REASON_TEXTS)).toContain(rule.reason);
  });

  test('no rule treats Microsoft networks or Outlook as a scanner', () => {
    const scannerPatterns = DEFAULT_USER_AGENT_RULES.filter((rule) => rule.kind === 'scanner');
    for (const rule of scannerPatterns) {
      expect(rule.pattern.test('Mozilla/4.0 (compatible; ms-office; MSOffice 16)')).toBe(false);
    }
  });
});

describe('parseUserAgentRules', () => {
  test('accepts a valid rule and compiles it', () => {
    const result = parseUserAgentRules({ version: 1, rules: [VALID_RULE] }, 'test.json');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.rules[0]?.pattern.test('examplegateway/2')).toBe(true);
    expect(result.rules[0]?.earlyKind).toBeNull();
  });

  test('names the entry with a bad regular expression', () => {
    const result = parseUserAgentRules(
      { version: 1, rules: [{ ...VALID_RULE, pattern: '(unclosed' }] },
      'a.json',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('rules-file-invalid');
    expect(result.error.message).toContain('Invalid user-agent rules in a.json');
    expect(result.error.message).toContain(
      'rules[0], id "example-gateway", field "pattern": invalid regular expression',
    );
  });

  test.each([
    [{ kind: 'robot' }, 'kind'],
    [{ kind: 'self' }, 'kind'],
    [{ earlyKind: 'later' }, 'earlyKind'],
    [{ confidence: 1.5 }, 'confidence'],
    [{ confidence: '0.5' }, 'confidence'],
    [{ reason: 'Not A Code' }, 'reason'],
    [{ source: ' ' }, 'source'],
    [{ flags: 'g' }, 'flags'],
    [{ id: 'Upper Case' }, 'id'],
    [{ pattern: '' }, 'pattern'],
    [{ confidance: 0.5 }, 'confidance'],
  ])('rejects %o in field %s', (change, field) => {
    expect(problemsOf([{ ...VALID_RULE, ...change }])).toContainEqual(
      expect.stringMatching(new RegExp(`^0\\|.*\\|${field}$`)),
    );
  });

  test('self is explained as impossible from a user agent', () => {
    const result = parseUserAgentRules({ version: 1, rules: [{ ...VALID_RULE, kind: 'self' }] }, 'a.json');
    expect(result.ok ? '' : result.error.message).toContain('"self" cannot come from a user agent');
  });

  test('rejects duplicate ids', () => {
    expect(problemsOf([VALID_RULE, VALID_RULE])).toEqual(['1|example-gateway|id']);
  });

  test('lists every problem, not only the first', () => {
    expect(problemsOf([{ ...VALID_RULE, kind: 'robot', confidence: 9 }, 'not a rule'])).toEqual([
      '0|example-gateway|kind',
      '0|example-gateway|confidence',
      '1|null|null',
    ]);
  });

  test.each([
    [null, 'null|null|null'],
    [[VALID_RULE], 'null|null|null'],
    [{ version: 2, rules: [] }, 'null|null|version'],
    [{ version: 1 }, 'null|null|rules'],
    [{ version: 1, rules: [], extra: true }, 'null|null|extra'],
  ])('rejects file %j', (data, problem) => {
    const result = parseUserAgentRules(data, 'a.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problems.map((p) => `${p.entry}|${p.id}|${p.field}`)).toContain(problem);
  });
});

describe('loadUserAgentRules', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'readmark-rules-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  test('loads a valid override file', () => {
    const path = join(folder, 'rules.json');
    writeFileSync(path, JSON.stringify({ version: 1, rules: [VALID_RULE] }));
    const result = loadUserAgentRules(path);
    expect(result.ok && result.rules.map((rule) => rule.id)).toEqual(['example-gateway']);
  });

  test('reports a missing file', () => {
    const path = join(folder, 'missing.json');
    const result = loadUserAgentRules(path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('rules-file-unreadable');
    expect(result.error.message).toContain(`Cannot read user-agent rules file ${path}`);
  });

  test('reports a file that is not JSON', () => {
    const path = join(folder, 'rules.json');
    writeFileSync(path, '{ "version": 1, rules: [ }');
    const result = loadUserAgentRules(path);
    expect(result.ok ? '' : result.error.code).toBe('rules-file-not-json');
  });

  test('reports an invalid entry with the file path', () => {
    const path = join(folder, 'rules.json');
    writeFileSync(path, JSON.stringify({ version: 1, rules: [{ ...VALID_RULE, kind: 'bot' }] }));
    const result = loadUserAgentRules(path);
    expect(result.ok ? '' : result.error.message).toContain(`Invalid user-agent rules in ${path}`);
  });
});
