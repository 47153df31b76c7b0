import type { TrackedMessage } from '../../../shared/api';
import type { SentItem } from '../ports';
import { badgesOf, type BadgeKind } from './badges';

/** A tracked message with what Microsoft Graph adds when the server stores less. */
export interface ListedMessage {
  message: TrackedMessage;
  subject: string | null;
  recipientCount: number | null;
}

export interface ListQuery {
  search: string;
  /** null shows every message. */
  badge: BadgeKind | null;
}

/**
 * Fills in subject and recipient count from Sent Items, matched by Internet Message-ID, or by the
 * tracking id on the sent copy while the server stores no Internet Message-ID for the message.
 */
export function enrich(message: TrackedMessage, sentItems: ReadonlyMap<string, SentItem>): ListedMessage {
  const sent =
    message.internetMessageId === null
      ? [...sentItems.values()].find((item) => item.trackingId === message.id)
      : sentItems.get(message.internetMessageId);
  return {
    message,
    subject: message.subject ?? sent?.subject ?? null,
    recipientCount: message.recipientCount ?? sent?.recipientCount ?? null,
  };
}

export function matchesQuery(listed: ListedMessage, query: ListQuery): boolean {
  const search = query.search.trim().toLocaleLowerCase();
  if (search !== '' && !(listed.subject ?? '').toLocaleLowerCase().includes(search)) return false;
  return query.badge === null || badgesOf(listed.message).includes(query.badge);
}

export function isQueryActive(query: ListQuery): boolean {
  return query.search.trim() !== '' || query.badge !== null;
}

function byActivityDescending(a: TrackedMessage, b: TrackedMessage): number {
  return b.lastActivityAt.localeCompare(a.lastActivityAt) || a.id.localeCompare(b.id);
}

/**
 * Merges a freshly fetched first page into the messages already loaded: fresher copies replace
 * older ones by id, and the result is sorted by latest activity again.
 */
export function mergeFirstPage(
  loaded: readonly TrackedMessage[],
  fresh: readonly TrackedMessage[],
): TrackedMessage[] {
  const byId = new Map<string, TrackedMessage>();
  for (const message of loaded) byId.set(message.id, message);
  for (const message of fresh) byId.set(message.id, message);
  return [...byId.values()].sort(byActivityDescending);
}

/** Appends a further page, dropping any message already loaded (activity can move it between pages). */
export function appendPage(
  loaded: readonly TrackedMessage[],
  page: readonly TrackedMessage[],
): TrackedMessage[] {
  const known = new Set(loaded.map((message) => message.id));
  return [...loaded, ...page.filter((message) => !known.has(message.id))];
}
