/**
 * Removes RFC 5322 comments, `(…)` with nesting, from a header field value. Parentheses inside a
 * quoted string are text, not comments, and are kept.
 */
export function removeComments(value: string): string {
  let output = '';
  let depth = 0;
  let inQuotes = false;
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (inQuotes) {
      output += char;
      if (char === '\\' && i + 1 < value.length) {
        output += value.charAt(++i);
      } else if (char === '"') {
        inQuotes = false;
      }
    } else if (char === '(') {
      depth++;
    } else if (char === ')' && depth > 0) {
      depth--;
    } else if (depth === 0) {
      output += char;
      inQuotes = char === '"';
    }
  }
  return output;
}
