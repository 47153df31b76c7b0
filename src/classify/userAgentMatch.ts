import type { RuleKind, UserAgentRule } from './types';

/** Evidence from the user agent alone, before timing and the sender's activity are weighed. */
export interface UserAgentEvidence {
  kind: RuleKind;
  earlyKind: RuleKind | null;
  confidence: number;
  reason: string;
  ruleId: string | null;
}

// Any Mozilla-style user agent with a rendering engine token: most unlisted mail apps look like this.
const BROWSER_LIKE = /^Mozilla\/\d+\.\d+ \(.*\b(?:AppleWebKit|Gecko|Trident|MSIE)\b/i;
// HTTP header values carry no control characters other than tab, but log exports and samples can.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/**
 * Cleans a raw `User-Agent` value for matching: control characters become spaces, runs of
 * whitespace collapse, the ends are trimmed, one pair of surrounding double quotes (as in some
 * log exports) is removed, and the result is cut to `maxLength` characters.
 * Returns null for a missing or blank value, and for `-`, which web server logs write for none.
 */
export function normaliseUserAgent(raw: string | null, maxLength: number): string | null {
  if (raw === null) return null;
  let text = String(raw).replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).trim();
  text = text.slice(0, maxLength).trim();
  return text.length === 0 || text === '-' ? null : text;
}

/** Tries the rules in order and returns the first match, else evidence from the user agent's shape. */
export function matchUserAgent(userAgent: string | null, rules: readonly UserAgentRule[]): UserAgentEvidence {
  if (userAgent === null) {
    return { kind: 'unknown', earlyKind: 'scanner', confidence: 0.3, reason: 'no-user-agent', ruleId: null };
  }
  for (const rule of rules) {
    if (rule.pattern.test(userAgent)) {
      return {
        kind: rule.kind,
        earlyKind: rule.earlyKind,
        confidence: rule.confidence,
        reason: rule.reason,
        ruleId: rule.id,
      };
    }
  }
  if (BROWSER_LIKE.test(userAgent)) {
    return {
      kind: 'human',
      earlyKind: 'scanner',
      confidence: 0.5,
      reason: 'browser-like-client',
      ruleId: null,
    };
  }
  return {
    kind: 'unknown',
    earlyKind: 'scanner',
    confidence: 0.3,
    reason: 'unrecognised-user-agent',
    ruleId: null,
  };
}

/** A raw user agent read once: its cleaned text and the evidence the rules give for it. */
export interface UserAgentReading {
  userAgent: string | null;
  evidence: UserAgentEvidence;
}

interface Reading extends UserAgentReading {
  maxLength: number;
}

/** Readings kept per rule list before the list's readings are dropped and gathered again. */
const READINGS_PER_RULE_LIST = 1000;
const readingsByRules = new WeakMap<readonly UserAgentRule[], Map<string, Reading>>();

/**
 * Returns the cleaned user agent and its rule match, kept per rule list for later hits with the
 * same raw value, because most hits come from a few mail clients and proxies. A rule list is read
 * as it was when first used, so a changed list must be a new array. The results are frozen.
 */
export function readUserAgent(
  raw: string | null,
  maxLength: number,
  rules: readonly UserAgentRule[],
): UserAgentReading {
  if (typeof raw !== 'string') {
    const userAgent = normaliseUserAgent(raw, maxLength);
    return { userAgent, evidence: matchUserAgent(userAgent, rules) };
  }
  let readings = readingsByRules.get(rules);
  if (readings === undefined) {
    readings = new Map();
    readingsByRules.set(rules, readings);
  }
  const known = readings.get(raw);
  if (known !== undefined && known.maxLength === maxLength) return known;
  if (readings.size >= READINGS_PER_RULE_LIST) readings.clear();
  const userAgent = normaliseUserAgent(raw, maxLength);
  const reading: Reading = Object.freeze({
    maxLength,
    userAgent,
    evidence: Object.freeze(matchUserAgent(userAgent, rules)),
  });
  readings.set(raw, reading);
  return reading;
}
