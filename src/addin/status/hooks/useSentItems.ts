import { useEffect, useRef, useState } from 'react';
import { usePorts } from '../context';
import { paneErrorCode, type SentItem } from '../ports';
import type { TrackedMessage } from '../../../shared/api';
import type { TrackedList } from './useTrackedList';

/** Sent Items messages read per Graph call; the newest ones are the ones still waiting for a link. */
export const SENT_ITEMS_LIMIT = 50;
/** Graph is read again at most this often, however often the list refreshes. */
export const SENT_ITEMS_MIN_INTERVAL_MS = 2 * 60 * 1000;
/** Sent Items read at most when looking further back for tracked messages sent before the newest ones. */
export const SENT_ITEMS_REACH_BACK_MAX = 500;

const EMPTY: ReadonlyMap<string, SentItem> = new Map();

/**
 * Reads the user's recent Sent Items through Microsoft Graph and returns them keyed by Internet
 * Message-ID, for subjects and recipient counts the server does not store. It reads them when the
 * pane opens, on the list or on one message, so that both show the same header. A list refresh
 * reads them again, at most once per SENT_ITEMS_MIN_INTERVAL_MS. It also links each
 * tracked message that the server stores without an Internet Message-ID to its sent copy (`PATCH` with
 * `internetMessageId` and `sentAt`), once per pane session. When such a message was tracked before
 * the oldest of the newest Sent Items, it reads further back once per pane session, up to
 * SENT_ITEMS_REACH_BACK_MAX messages, because its sent copy may be older than they are.
 */
export function useSentItems(list: TrackedList): ReadonlyMap<string, SentItem> {
  const { api, graph, logger, now } = usePorts();
  const [sentItems, setSentItems] = useState<ReadonlyMap<string, SentItem>>(EMPTY);
  const lastFetchMs = useRef<number | null>(null);
  const linkAttempted = useRef(new Set<string>());
  const reachedBack = useRef(false);
  /** The items found by reading further back, kept when the newest ones are read again. */
  const olderItems = useRef<readonly SentItem[]>([]);
  const { updatedAtMs, messages, replace } = list;

  useEffect(() => {
    if (graph === null) return;
    const nowMs = (now ?? Date.now)();
    if (lastFetchMs.current !== null && nowMs - lastFetchMs.current < SENT_ITEMS_MIN_INTERVAL_MS) return;
    lastFetchMs.current = nowMs;

    graph.listSentItems(SENT_ITEMS_LIMIT).then(
      (items) =>
        setSentItems(
          new Map([...olderItems.current, ...items].map((item) => [item.internetMessageId, item])),
        ),
      (error: unknown) => {
        // Graph only adds detail: the list stays usable with what the server stores.
        logger.warn('Reading Sent Items through Graph failed', { code: paneErrorCode(error) });
      },
    );
    // updatedAtMs is read only to run this effect again after each list refresh.
  }, [graph, logger, now, updatedAtMs]);

  useEffect(() => {
    if (graph === null || reachedBack.current || sentItems.size < SENT_ITEMS_LIMIT) return;
    const sentSince = oldestUnlinkedBefore(messages, sentItems);
    if (sentSince === null) return;
    reachedBack.current = true;
    graph.listSentItems(SENT_ITEMS_LIMIT, { sentSince, maxItems: SENT_ITEMS_REACH_BACK_MAX }).then(
      (items) => {
        olderItems.current = items;
        setSentItems(
          (previous) =>
            new Map([...previous, ...items.map((item) => [item.internetMessageId, item] as const)]),
        );
      },
      (error: unknown) => {
        logger.warn('Reading older Sent Items through Graph failed', { code: paneErrorCode(error) });
      },
    );
  }, [graph, logger, messages, sentItems]);

  useEffect(() => {
    const unlinked = new Map(
      messages
        .filter((message) => message.internetMessageId === null)
        .map((message) => [message.id, message]),
    );
    for (const item of sentItems.values()) {
      const trackingId = item.trackingId;
      if (trackingId === null || !unlinked.has(trackingId) || linkAttempted.current.has(trackingId)) continue;
      linkAttempted.current.add(trackingId);
      api
        .linkSent(trackingId, { internetMessageId: item.internetMessageId, sentAt: item.sentAt })
        .then(replace, (error: unknown) => {
          logger.warn('Linking a sent message failed', { code: paneErrorCode(error) });
        });
    }
  }, [api, logger, messages, replace, sentItems]);

  return sentItems;
}

/**
 * Returns the creation time of the oldest tracked message that has no sent copy yet and was
 * created before the oldest of `sentItems`, or null when there is none. Its copy, if it was sent,
 * is older than every item read so far. Stopped messages are left out, so that tracked messages
 * past the server's age limit, which stops them, do not send the search further back.
 */
function oldestUnlinkedBefore(
  messages: readonly TrackedMessage[],
  sentItems: ReadonlyMap<string, SentItem>,
): string | null {
  const oldestSentMs = Math.min(...[...sentItems.values()].map((item) => Date.parse(item.sentAt)));
  const linkedIds = new Set([...sentItems.values()].map((item) => item.trackingId));
  let oldest: string | null = null;
  for (const message of messages) {
    if (message.internetMessageId !== null || message.stoppedAt !== null || linkedIds.has(message.id))
      continue;
    const createdMs = Date.parse(message.createdAt);
    if (!(createdMs < oldestSentMs)) continue;
    if (oldest === null || createdMs < Date.parse(oldest)) oldest = message.createdAt;
  }
  return oldest;
}
