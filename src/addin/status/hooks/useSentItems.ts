import { useEffect, useRef, useState } from 'react';
import { usePorts } from '../context';
import { paneErrorCode, type SentItem } from '../ports';
import type { TrackedList } from './useTrackedList';

/** Sent Items messages read per Graph call; the newest ones are the ones still waiting for a link. */
export const SENT_ITEMS_LIMIT = 50;
/** Graph is read again at most this often, however often the list refreshes. */
export const SENT_ITEMS_MIN_INTERVAL_MS = 2 * 60 * 1000;

const EMPTY: ReadonlyMap<string, SentItem> = new Map();

/**
 * Reads the user's recent Sent Items through Microsoft Graph and returns them keyed by Internet
 * Message-ID, for subjects and recipient counts the server does not store. It reads them when the
 * pane opens, on the list or on one message, so that both show the same header. A list refresh
 * reads them again, at most once per SENT_ITEMS_MIN_INTERVAL_MS. It also links each
 * tracked message that the server stores without an Internet Message-ID to its sent copy (`PATCH` with
 * `internetMessageId` and `sentAt`), once per pane session.
 */
export function useSentItems(list: TrackedList): ReadonlyMap<string, SentItem> {
  const { api, graph, logger, now } = usePorts();
  const [sentItems, setSentItems] = useState<ReadonlyMap<string, SentItem>>(EMPTY);
  const lastFetchMs = useRef<number | null>(null);
  const linkAttempted = useRef(new Set<string>());
  const { updatedAtMs, messages, replace } = list;

  useEffect(() => {
    if (graph === null) return;
    const nowMs = (now ?? Date.now)();
    if (lastFetchMs.current !== null && nowMs - lastFetchMs.current < SENT_ITEMS_MIN_INTERVAL_MS) return;
    lastFetchMs.current = nowMs;

    graph.listSentItems(SENT_ITEMS_LIMIT).then(
      (items) => setSentItems(new Map(items.map((item) => [item.internetMessageId, item]))),
      (error: unknown) => {
        // Graph only adds detail: the list stays usable with what the server stores.
        logger.warn('Reading Sent Items through Graph failed', { code: paneErrorCode(error) });
      },
    );
    // updatedAtMs is read only to run this effect again after each list refresh.
  }, [graph, logger, now, updatedAtMs]);

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
