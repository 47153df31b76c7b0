import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { statusStrings as text } from '../../strings/status';
import type { SentItem } from '../ports';
import { BADGE_KINDS, type BadgeKind } from '../model/badges';
import { enrich, isQueryActive, matchesQuery, type ListQuery } from '../model/listQuery';
import type { TrackedList } from '../hooks/useTrackedList';
import { useVisibleInterval } from '../hooks/useVisibleInterval';
import { Explanations } from './Explanations';
import { onListKeyDown } from './listKeyboard';
import { MessageRow } from './MessageRow';
import { RelativeTime } from './RelativeTime';
import { ErrorState, LoadingState, StateMessage } from './StateMessage';

/** How often the list is fetched again while the dashboard is visible. */
export const LIST_REFRESH_MS = 60 * 1000;
/** With a search or filter active, further pages load by themselves until this many rows match. */
const MIN_MATCHING_ROWS = 10;

const FILTER_LABELS: Record<BadgeKind, string> = {
  opened: text.filterOpened,
  proxy: text.filterProxy,
  unclear: text.filterUnclear,
  automated: text.filterAutomated,
  receipts: text.filterReceipts,
  'no-signal': text.filterNoSignal,
  stopped: text.filterStopped,
};

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  // Each control takes a line of its own when the pane is too narrow for both side by side.
  search: { flexGrow: 1, flexBasis: '140px', minWidth: 0 },
  filter: { flexGrow: 1, flexBasis: '140px', minWidth: 0 },
  updated: { color: tokens.colorNeutralForeground3, padding: `0 ${tokens.spacingHorizontalM}` },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  footer: {
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
});

interface DashboardProps {
  list: TrackedList;
  sentItems: ReadonlyMap<string, SentItem>;
  /** The message whose row gets focus once it is shown, after the user came back from its detail. */
  focusTrackingId: string | null;
  onOpen: (trackingId: string) => void;
}

/** Renders the user's tracked messages with search, a status filter and paging on scroll. */
export function Dashboard({ list, sentItems, focusTrackingId, onOpen }: DashboardProps) {
  const styles = useStyles();
  const listRef = useRef<HTMLUListElement>(null);
  const focusPending = useRef(focusTrackingId !== null);
  const [query, setQuery] = useState<ListQuery>({ search: '', badge: null });
  const { refresh, loadMore, messages, nextCursor, loadingMore, failure } = list;

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useVisibleInterval(() => void refresh(), LIST_REFRESH_MS, true);

  const rows = useMemo(
    () =>
      messages.map((message) => enrich(message, sentItems)).filter((listed) => matchesQuery(listed, query)),
    [messages, sentItems, query],
  );

  useEffect(() => {
    if (!focusPending.current || focusTrackingId === null || listRef.current === null) return;
    const row = Array.from(
      listRef.current.querySelectorAll<HTMLButtonElement>('button[data-tracking-id]'),
    ).find((button) => button.dataset.trackingId === focusTrackingId);
    if (row === undefined) return;
    focusPending.current = false;
    row.focus();
  }, [focusTrackingId, rows]);

  const queryActive = isQueryActive(query);
  const needsMoreMatches = queryActive && rows.length < MIN_MATCHING_ROWS;
  useEffect(() => {
    if (needsMoreMatches && nextCursor !== null && !loadingMore && failure === null) void loadMore();
  }, [needsMoreMatches, nextCursor, loadingMore, failure, loadMore]);

  const toolbar = (
    <div className={styles.toolbar} role="search">
      <SearchBox
        className={styles.search}
        aria-label={text.searchLabel}
        placeholder={text.searchPlaceholder}
        value={query.search}
        onChange={(_, data) => setQuery({ ...query, search: data.value })}
      />
      <Select
        className={styles.filter}
        aria-label={text.filterLabel}
        value={query.badge ?? 'all'}
        onChange={(_, data) =>
          setQuery({ ...query, badge: data.value === 'all' ? null : (data.value as BadgeKind) })
        }
      >
        <option value="all">{text.filterAll}</option>
        {BADGE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {FILTER_LABELS[kind]}
          </option>
        ))}
      </Select>
      <Button
        icon={<ArrowClockwise20Regular />}
        aria-label={list.refreshing ? text.refreshing : text.refresh}
        title={text.refresh}
        onClick={() => void refresh()}
      />
    </div>
  );

  if (messages.length === 0) {
    if (list.loading) return <LoadingState label={text.loading} />;
    if (failure !== null)
      return <ErrorState code={failure.code} detail={failure.detail} onRetry={() => void refresh()} />;
    if (nextCursor === null) {
      return (
        <>
          <StateMessage title={text.emptyTitle} body={text.emptyHowTo} />
          <Explanations />
        </>
      );
    }
  }

  return (
    <>
      {toolbar}
      {list.updatedAtMs !== null && (
        <Caption1 className={styles.updated}>
          <RelativeTime iso={new Date(list.updatedAtMs).toISOString()} prefix={text.updatedAt} />
        </Caption1>
      )}
      {failure !== null && (
        <MessageBar intent="warning">
          <MessageBarBody>{text.staleData}</MessageBarBody>
        </MessageBar>
      )}
      <ul ref={listRef} className={styles.list} aria-label={text.listLabel} onKeyDown={onListKeyDown}>
        {rows.map((listed) => (
          <li key={listed.message.id}>
            <MessageRow listed={listed} onOpen={onOpen} />
          </li>
        ))}
      </ul>
      <div className={styles.footer}>
        {rows.length === 0 && queryActive && (
          <>
            <Caption1 role="status">
              {nextCursor === null ? text.noMatches : text.noMatchesInLoaded(messages.length)}
            </Caption1>
            <Button onClick={() => setQuery({ search: '', badge: null })}>{text.clearFilters}</Button>
          </>
        )}
        {nextCursor !== null && <LoadMore loading={loadingMore} onLoadMore={() => void loadMore()} />}
        <Explanations />
      </div>
    </>
  );
}

/** Renders the "Load more" button, which also loads the next page when it scrolls into view. */
function LoadMore({ loading, onLoadMore }: { loading: boolean; onLoadMore: () => void }) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const onLoadMoreRef = useRef(onLoadMore);
  useEffect(() => {
    onLoadMoreRef.current = onLoadMore;
  });

  useEffect(() => {
    const button = buttonRef.current;
    if (button === null || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onLoadMoreRef.current();
    });
    observer.observe(button);
    return () => observer.disconnect();
  }, []);

  return (
    <Button ref={buttonRef} disabled={loading} onClick={onLoadMore}>
      {loading ? text.loadingMore : text.loadMore}
    </Button>
  );
}
