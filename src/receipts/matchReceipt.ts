import { normalizeMessageId } from './messageId';
import type { ParsedReceipt } from './types';

/** The receipt field that identified the tracked message. */
export type MatchField = 'original-message-id' | 'in-reply-to' | 'references';

export type ReceiptMatch<T> =
  { matched: true; message: T; by: MatchField; messageId: string } | { matched: false; triedIds: string[] };

/**
 * Finds a tracked message by internet message id. It is called with ids in the form that
 * `normalizeMessageId` returns, so the caller indexes its messages by that same form.
 */
export type MessageLookup<T> = (normalizedMessageId: string) => T | null | undefined;

type ReceiptIds = Pick<ParsedReceipt, 'originalMessageId' | 'inReplyTo' | 'references'>;

/**
 * Finds the tracked message a receipt belongs to: by `Original-Message-ID`, then by `In-Reply-To`,
 * then by `References` from the last id to the first (the last is the message replied to). Each
 * field is tried in turn when the one before is missing or names no tracked message. The subject is
 * never used: two messages may share it and receipts translate it.
 */
export function matchReceipt<T>(receipt: ReceiptIds, lookup: MessageLookup<T>): ReceiptMatch<T> {
  const candidates: { field: MatchField; id: string | null }[] = [
    { field: 'original-message-id', id: receipt.originalMessageId },
    { field: 'in-reply-to', id: receipt.inReplyTo },
    ...[...receipt.references].reverse().map((id) => ({ field: 'references' as const, id })),
  ];
  const triedIds: string[] = [];
  for (const candidate of candidates) {
    const normalized = normalizeMessageId(candidate.id);
    if (normalized === null || triedIds.includes(normalized)) {
      continue;
    }
    triedIds.push(normalized);
    const message = lookup(normalized);
    if (message !== null && message !== undefined) {
      return { matched: true, message, by: candidate.field, messageId: normalized };
    }
  }
  return { matched: false, triedIds };
}

/**
 * Builds a lookup over messages by their internet message id, normalised with `normalizeMessageId`.
 * Messages without an id are left out; of two with the same id the first is kept.
 */
export function indexByMessageId<T>(
  messages: Iterable<T>,
  messageIdOf: (message: T) => string | null | undefined,
): MessageLookup<T> {
  const index = new Map<string, T>();
  for (const message of messages) {
    const key = normalizeMessageId(messageIdOf(message));
    if (key !== null && !index.has(key)) {
      index.set(key, message);
    }
  }
  return (normalizedMessageId) => index.get(normalizedMessageId);
}
