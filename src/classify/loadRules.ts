import { readFileSync } from 'node:fs';
import { parseUserAgentRules, type UserAgentRulesResult } from './rules';

/**
 * Reads and validates a user-agent rules file, for an admin's override of the shipped rules.
 * Never throws: an unreadable file, bad JSON or an invalid entry comes back as a typed error.
 */
export function loadUserAgentRules(path: string): UserAgentRulesResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return failure('rules-file-unreadable', path, `Cannot read user-agent rules file ${path}: ${detail}`);
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return failure('rules-file-not-json', path, `User-agent rules file ${path} is not valid JSON: ${detail}`);
  }
  return parseUserAgentRules(data, path);
}

function failure(
  code: 'rules-file-unreadable' | 'rules-file-not-json',
  path: string,
  message: string,
): UserAgentRulesResult {
  return { ok: false, error: { code, origin: path, message, problems: [] } };
}
