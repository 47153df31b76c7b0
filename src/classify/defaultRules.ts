import { parseUserAgentRules } from './rules';
import type { UserAgentRule } from './types';
import shippedRules from './user-agents.json';

function compileShippedRules(): UserAgentRule[] {
  const result = parseUserAgentRules(shippedRules, 'built-in');
  // The shipped file is checked by the test suite, so this only fires after a broken edit.
  if (!result.ok) throw new Error(result.error.message);
  return result.rules;
}

/** The rules in src/classify/user-agents.json, compiled once at start-up. */
export const DEFAULT_USER_AGENT_RULES: readonly UserAgentRule[] = Object.freeze(compileShippedRules());
