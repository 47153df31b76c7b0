import { useCallback, useEffect, useRef, useState } from 'react';
import type { Open, TrackedMessage, TrackedMessageDetail } from '../../../shared/api';
import { usePorts } from '../context';
import { failureOf, paneErrorCode, type PaneFailure, type SelectedItem } from '../ports';
import { useVisibleInterval } from './useVisibleInterval';

/** How often the shown message is fetched again while the pane is visible, so a new open shows within seconds. */
export const DETAIL_POLL_MS = 5000;

export interface DetailState {
  detail: TrackedMessageDetail | null;
  /** Opens older than `detail.recentOpens`, loaded on request. */
  olderOpens: Open[];
  olderCursor: string | null;
  failure: PaneFailure | null;
  updatedAtMs: number | null;
}

export interface Detail extends DetailState {
  /** Fetches the message again, joining a request that is already running. */
  refresh: () => Promise<void>;
  /** Fetches the message with a request that starts after this call, for data known to have changed. */
  reload: () => Promise<void>;
  loadOlderOpens: () => Promise<void>;
  /** Applies a changed summary (after "Stop tracking") without waiting for the next poll. */
  applyChange: (message: TrackedMessage) => void;
}

const EMPTY_STATE: DetailState = {
  detail: null,
  olderOpens: [],
  olderCursor: null,
  failure: null,
  updatedAtMs: null,
};

/**
 * Loads one tracked message with its opens and read receipts, and polls it while visible. When the message is
 * the selected Sent Items copy and the server does not know its Internet Message-ID yet, the hook
 * links it (`PATCH` with `internetMessageId` and `sentAt`) once. Mount it once per tracking id
 * (a React `key`), because its state belongs to one message.
 */
export function useDetail(
  trackingId: string,
  selectedItem: SelectedItem | null,
  onChange: (message: TrackedMessage) => void,
): Detail {
  const { api, logger, now } = usePorts();
  const [state, setState] = useState<DetailState>(EMPTY_STATE);
  const inFlight = useRef<Promise<void> | null>(null);
  const linkAttempted = useRef(false);

  const fetchDetail = useCallback(async (): Promise<void> => {
    try {
      const detail = await api.get(trackingId);
      setState((previous) => ({
        ...previous,
        detail,
        olderCursor: previous.detail === null ? detail.nextOpensCursor : previous.olderCursor,
        failure: null,
        updatedAtMs: (now ?? Date.now)(),
      }));
    } catch (error) {
      logger.warn('Loading a tracked message failed', { code: paneErrorCode(error) });
      setState((previous) => ({ ...previous, failure: failureOf(error) }));
    }
  }, [api, logger, now, trackingId]);

  const refresh = useCallback((): Promise<void> => {
    inFlight.current ??= fetchDetail().finally(() => {
      inFlight.current = null;
    });
    return inFlight.current;
  }, [fetchDetail]);

  const reload = useCallback(async (): Promise<void> => {
    // A request already running may have left the server before the change the caller knows of.
    if (inFlight.current !== null) await inFlight.current;
    await refresh();
  }, [refresh]);

  // The caller keys the component on the tracking id, so a new message starts from a fresh state.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  useVisibleInterval(() => void refresh(), DETAIL_POLL_MS, true);

  const detail = state.detail;
  const internetMessageId = selectedItem?.internetMessageId ?? null;
  useEffect(() => {
    if (detail === null || detail.internetMessageId !== null || internetMessageId === null) return;
    if (linkAttempted.current) return;
    linkAttempted.current = true;
    const sentAt = selectedItem?.createdAt ?? new Date((now ?? Date.now)()).toISOString();
    api.linkSent(detail.id, { internetMessageId, sentAt }).then(
      (message) => {
        setState((previous) =>
          previous.detail?.id === message.id
            ? { ...previous, detail: { ...previous.detail, ...message } }
            : previous,
        );
        onChange(message);
      },
      (error: unknown) =>
        logger.warn('Linking the selected sent message failed', { code: paneErrorCode(error) }),
    );
  }, [api, detail, internetMessageId, logger, now, onChange, selectedItem]);

  const loadOlderOpens = useCallback(async (): Promise<void> => {
    const cursor = state.olderCursor;
    if (cursor === null) return;
    try {
      const page = await api.listOpens(trackingId, cursor);
      setState((previous) => ({
        ...previous,
        olderOpens: [...previous.olderOpens, ...page.items],
        olderCursor: page.nextCursor,
      }));
    } catch (error) {
      logger.warn('Loading older opens failed', { code: paneErrorCode(error) });
      setState((previous) => ({ ...previous, failure: failureOf(error) }));
    }
  }, [api, logger, state.olderCursor, trackingId]);

  const applyChange = useCallback((message: TrackedMessage): void => {
    setState((previous) =>
      previous.detail?.id === message.id
        ? { ...previous, detail: { ...previous.detail, ...message } }
        : previous,
    );
  }, []);

  return { ...state, refresh, reload, loadOlderOpens, applyChange };
}
