import { removeComments } from './comments';

/**
 * Extracts the message ids from a `Message-ID`, `In-Reply-To`, `References` or
 * `Original-Message-ID` value, in order, each as `<id>` with any whitespace inside removed.
 * Ids written without angle brackets (seen from some gateways) are accepted when they contain `@`.
 */
export function extractMessageIds(value: string | null): string[] {
  if (value === null) {
    return [];
  }
  const text = removeComments(value);
  const bracketed = [...text.matchAll(/<([^<>]*)>/g)]
    .map((match) => (match[1] ?? '').replace(/\s+/g, ''))
    .filter((id) => id !== '');
  if (bracketed.length > 0) {
    return bracketed.map((id) => `<${id}>`);
  }
  return text
    .split(/[\s,]+/)
    .filter((token) => token.includes('@'))
    .map((token) => `<${token}>`);
}

/**
 * Returns the form of a message id used as a lookup key, or null for an empty id. Angle brackets and
 * whitespace are removed and the part after the last `@` is lower-cased, because domain names are
 * case-insensitive. The left part is compared exactly, since RFC 5322 gives it no case rule.
 */
export function normalizeMessageId(id: string | null | undefined): string | null {
  if (id === null || id === undefined) {
    return null;
  }
  const bare = id.replace(/[<>\s]/g, '');
  if (bare === '') {
    return null;
  }
  const at = bare.lastIndexOf('@');
  if (at < 0) {
    return bare;
  }
  return bare.slice(0, at) + '@' + bare.slice(at + 1).toLowerCase();
}
