/** Texts kept before the table is emptied and filled again. */
const MAX_TEXTS = 10_000;
const texts = new Map<string, string>();

/**
 * Returns one shared instance per distinct text, so that equal user agents and networks of many
 * hits are one string. Comparing two of them then compares references, where separate copies
 * are compared character by character: the classifier compares each hit with up to a hundred
 * earlier hits of its message.
 */
export function internText(text: string | null): string | null {
  if (text === null) return null;
  const shared = texts.get(text);
  if (shared !== undefined) return shared;
  if (texts.size >= MAX_TEXTS) texts.clear();
  texts.set(text, text);
  return text;
}
