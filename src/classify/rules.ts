import { RULE_KINDS, type RuleKind, type UserAgentRule } from './types';

/** One thing wrong with a rules file; `entry` is the 0-based index in `rules`, null for the file itself. */
export interface RuleProblem {
  entry: number | null;
  id: string | null;
  field: string | null;
  message: string;
}

export type UserAgentRulesErrorCode = 'rules-file-unreadable' | 'rules-file-not-json' | 'rules-file-invalid';

/** Error for a rules file that cannot be used. `message` lists every problem with its entry and field. */
export interface UserAgentRulesError {
  code: UserAgentRulesErrorCode;
  /** The file path, or `built-in` for the shipped file. */
  origin: string;
  message: string;
  problems: RuleProblem[];
}

export type UserAgentRulesResult =
  { ok: true; rules: UserAgentRule[] } | { ok: false; error: UserAgentRulesError };

export const RULES_FILE_VERSION = 1;

const RULE_FIELDS = new Set([
  'id',
  'pattern',
  'flags',
  'kind',
  'earlyKind',
  'confidence',
  'reason',
  'source',
  'comment',
]);
const TOP_LEVEL_FIELDS = new Set(['$schema', 'comment', 'version', 'rules']);
const ID_FORMAT = /^[a-z0-9][a-z0-9-]*$/;
// `g` and `y` make RegExp.test stateful through lastIndex, so a shared rule would skip matches.
const ALLOWED_FLAGS = /^[imsu]*$/;

/**
 * Validates the parsed JSON of a rules file and compiles its patterns. Pure: the caller reads the
 * file. Returns every problem found, each naming the entry, so an admin can fix them in one pass.
 */
export function parseUserAgentRules(data: unknown, origin: string): UserAgentRulesResult {
  const problems: RuleProblem[] = [];
  if (!isRecord(data)) {
    return invalid(origin, [fileProblem(null, 'expected a JSON object with "version" and "rules"')]);
  }
  for (const field of Object.keys(data)) {
    if (!TOP_LEVEL_FIELDS.has(field)) problems.push(fileProblem(field, `unknown field "${field}"`));
  }
  if (data.version !== RULES_FILE_VERSION) {
    problems.push(
      fileProblem('version', `expected ${RULES_FILE_VERSION}, received ${JSON.stringify(data.version)}`),
    );
  }
  if (!Array.isArray(data.rules)) {
    problems.push(fileProblem('rules', 'expected an array of rule objects'));
    return invalid(origin, problems);
  }

  const rules: UserAgentRule[] = [];
  const seenIds = new Set<string>();
  data.rules.forEach((entry: unknown, index: number) => {
    const rule = parseRule(entry, index, problems);
    if (rule === null) return;
    if (seenIds.has(rule.id)) {
      problems.push({ entry: index, id: rule.id, field: 'id', message: `duplicate id "${rule.id}"` });
      return;
    }
    seenIds.add(rule.id);
    rules.push(rule);
  });

  if (problems.length > 0) return invalid(origin, problems);
  return { ok: true, rules };
}

function parseRule(entry: unknown, index: number, problems: RuleProblem[]): UserAgentRule | null {
  if (!isRecord(entry)) {
    problems.push({ entry: index, id: null, field: null, message: 'expected a rule object' });
    return null;
  }
  const id = typeof entry.id === 'string' ? entry.id : null;
  const before = problems.length;
  const report = (field: string, message: string): void => {
    problems.push({ entry: index, id, field, message });
  };

  for (const field of Object.keys(entry)) {
    if (!RULE_FIELDS.has(field)) report(field, `unknown field "${field}"`);
  }
  if (id === null || !ID_FORMAT.test(id)) {
    report('id', 'expected lowercase letters, digits and hyphens, for example "gmail-image-proxy"');
  }

  const flags = entry.flags === undefined ? '' : entry.flags;
  if (typeof flags !== 'string' || !ALLOWED_FLAGS.test(flags)) {
    report('flags', `expected a string of the flags i, m, s, u; received ${JSON.stringify(entry.flags)}`);
  }
  let pattern: RegExp | null = null;
  if (typeof entry.pattern !== 'string' || entry.pattern.length === 0) {
    report('pattern', 'expected a non-empty regular expression source string');
  } else if (typeof flags === 'string' && ALLOWED_FLAGS.test(flags)) {
    try {
      pattern = new RegExp(entry.pattern, flags);
    } catch (error) {
      report(
        'pattern',
        `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  const kind = parseKind(entry.kind);
  if (kind === null) report('kind', kindMessage(entry.kind));
  let earlyKind: RuleKind | null = null;
  if (entry.earlyKind !== undefined && entry.earlyKind !== null) {
    earlyKind = parseKind(entry.earlyKind);
    if (earlyKind === null) report('earlyKind', kindMessage(entry.earlyKind));
  }

  const confidence = entry.confidence;
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    report('confidence', `expected a number from 0 to 1, received ${JSON.stringify(confidence)}`);
  }
  if (typeof entry.reason !== 'string' || !ID_FORMAT.test(entry.reason)) {
    report('reason', 'expected a reason code of lowercase letters, digits and hyphens');
  }
  if (typeof entry.source !== 'string' || entry.source.trim().length === 0) {
    report('source', 'expected where the user agent was published (a URL or a reference)');
  }

  if (problems.length > before || id === null || pattern === null || kind === null) return null;
  return {
    id,
    pattern,
    kind,
    earlyKind,
    confidence: confidence as number,
    reason: entry.reason as string,
    source: entry.source as string,
  };
}

function parseKind(value: unknown): RuleKind | null {
  return RULE_KINDS.find((kind) => kind === value) ?? null;
}

function kindMessage(value: unknown): string {
  const expected = RULE_KINDS.join(', ');
  if (value === 'self') return `"self" cannot come from a user agent; expected one of ${expected}`;
  return `unknown kind ${JSON.stringify(value)}; expected one of ${expected}`;
}

function fileProblem(field: string | null, message: string): RuleProblem {
  return { entry: null, id: null, field, message };
}

function invalid(origin: string, problems: RuleProblem[]): UserAgentRulesResult {
  const lines = problems.map(describeProblem);
  return {
    ok: false,
    error: {
      code: 'rules-file-invalid',
      origin,
      message: `Invalid user-agent rules in ${origin}:\n${lines.join('\n')}`,
      problems,
    },
  };
}

/** Formats a problem as one line: where it is, then what is wrong. */
export function describeProblem(problem: RuleProblem): string {
  const where: string[] = [];
  if (problem.entry !== null) where.push(`rules[${problem.entry}]`);
  if (problem.id !== null) where.push(`id "${problem.id}"`);
  if (problem.field !== null) where.push(`field "${problem.field}"`);
  const place = where.length > 0 ? where.join(', ') : 'file';
  return `- ${place}: ${problem.message}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
