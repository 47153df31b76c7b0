import { useCallback, useRef, useState } from 'react';
import type { TrackedMessage } from '../../../shared/api';
import { usePorts } from '../context';
import { appendPage, mergeFirstPage } from '../model/listQuery';
import { failureOf, paneErrorCode, type PaneFailure } from '../ports';

/** Messages per API page. */
export const PAGE_SIZE = 50;

export interface TrackedListState {
  /** Most recent activity first. */
  messages: TrackedMessage[];
  nextCursor: string | null;
  /** True until the first page has arrived or failed. */
  loading: boolean;
  loadingMore: boolean;
  refreshing: boolean;
  /** The failure of the last load; with messages on screen it is shown as a warning only. */
  failure: PaneFailure | null;
  /** When the list last matched the server, in milliseconds; null before the first page. */
  updatedAtMs: number | null;
}

export interface TrackedList extends TrackedListState {
  /** Fetches the first page again and merges it into what is loaded. */
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
  replace: (message: TrackedMessage) => void;
  remove: (trackingId: string) => void;
}

const INITIAL_STATE: TrackedListState = {
  messages: [],
  nextCursor: null,
  loading: true,
  loadingMore: false,
  refreshing: false,
  failure: null,
  updatedAtMs: null,
};

/**
 * Loads the dashboard's data: the user's tracked messages, page by page from the Readmark API.
 * Nothing loads until the first `refresh()`, so a pane that opens on a message's detail makes no
 * list request.
 */
export function useTrackedList(): TrackedList {
  const { api, logger, now } = usePorts();
  const [state, setState] = useState<TrackedListState>(INITIAL_STATE);
  const refreshInFlight = useRef(false);
  const loadMoreInFlight = useRef(false);
  const cursorRef = useRef<string | null>(null);
  const everLoaded = useRef(false);

  const refresh = useCallback(async (): Promise<void> => {
    if (refreshInFlight.current) return;
    refreshInFlight.current = true;
    setState((previous) => ({ ...previous, refreshing: true }));
    try {
      const page = await api.list({ cursor: null, limit: PAGE_SIZE });
      const firstLoad = !everLoaded.current;
      everLoaded.current = true;
      if (firstLoad) cursorRef.current = page.nextCursor;
      setState((previous) => ({
        ...previous,
        messages: firstLoad ? page.items : mergeFirstPage(previous.messages, page.items),
        nextCursor: firstLoad ? page.nextCursor : previous.nextCursor,
        loading: false,
        refreshing: false,
        failure: null,
        updatedAtMs: (now ?? Date.now)(),
      }));
    } catch (error) {
      logger.warn('Loading tracked messages failed', { code: paneErrorCode(error) });
      setState((previous) => ({ ...previous, loading: false, refreshing: false, failure: failureOf(error) }));
    } finally {
      refreshInFlight.current = false;
    }
  }, [api, logger, now]);

  const loadMore = useCallback(async (): Promise<void> => {
    const cursor = cursorRef.current;
    if (loadMoreInFlight.current || cursor === null) return;
    loadMoreInFlight.current = true;
    setState((previous) => ({ ...previous, loadingMore: true }));
    try {
      const page = await api.list({ cursor, limit: PAGE_SIZE });
      cursorRef.current = page.nextCursor;
      setState((previous) => ({
        ...previous,
        messages: appendPage(previous.messages, page.items),
        nextCursor: page.nextCursor,
        loadingMore: false,
        failure: null,
      }));
    } catch (error) {
      logger.warn('Loading more tracked messages failed', { code: paneErrorCode(error) });
      setState((previous) => ({ ...previous, loadingMore: false, failure: failureOf(error) }));
    } finally {
      loadMoreInFlight.current = false;
    }
  }, [api, logger]);

  const replace = useCallback((message: TrackedMessage): void => {
    setState((previous) => ({ ...previous, messages: mergeFirstPage(previous.messages, [message]) }));
  }, []);

  const remove = useCallback((trackingId: string): void => {
    setState((previous) => ({
      ...previous,
      messages: previous.messages.filter((message) => message.id !== trackingId),
    }));
  }, []);

  return { ...state, refresh, loadMore, replace, remove };
}
