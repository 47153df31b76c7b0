import { useCallback, useEffect, useRef, useState } from 'react';
import { usePorts } from '../context';
import { useVisibleInterval } from './useVisibleInterval';

/** How often the mailbox is searched for new read receipts while the pane is visible. */
export const RECEIPT_CHECK_MS = 60_000;

/**
 * State of the search of the mailbox for read receipts. `unavailable`: this pane has no
 * receipt port, so it never searches. `checking`: the first search (or one the user asked for
 * after a failure) has not finished. `checked` and `failed`: the outcome of the latest search.
 */
export type ReceiptCheckState = 'unavailable' | 'checking' | 'checked' | 'failed';

export interface ReceiptCheck {
  state: ReceiptCheckState;
  /** Number of searches finished so far, so a view can tell a new outcome from one it has seen. */
  finishedChecks: number;
  /** Tracking ids that got a new receipt in the latest finished search. */
  updatedTrackingIds: readonly string[];
  /** Starts a search now; one already running is joined. */
  recheck: () => void;
}

/**
 * Collects read receipts from the user's mailbox when the pane opens and then every
 * RECEIPT_CHECK_MS while it is visible. `onPosted` runs when a receipt was posted, so the caller
 * can refresh what it shows. Periodic searches keep showing the previous outcome while they run,
 * so the pane does not flicker every minute.
 */
export function useReceiptCollection(onPosted: () => void): ReceiptCheck {
  const { receipts } = usePorts();
  const [outcome, setOutcome] = useState<Omit<ReceiptCheck, 'recheck'>>(() => ({
    state: receipts ? 'checking' : 'unavailable',
    finishedChecks: 0,
    updatedTrackingIds: [],
  }));
  // Kept in a ref, so a new callback from the caller does not start another check.
  const onPostedRef = useRef(onPosted);
  useEffect(() => {
    onPostedRef.current = onPosted;
  });

  const check = useCallback((): Promise<void> => {
    if (!receipts) return Promise.resolve();
    return receipts.collect().then((result) => {
      setOutcome((previous) => ({
        state: result.failed ? 'failed' : 'checked',
        finishedChecks: previous.finishedChecks + 1,
        updatedTrackingIds: result.updatedTrackingIds,
      }));
      if (result.updatedTrackingIds.length > 0) onPostedRef.current();
    });
  }, [receipts]);

  useEffect(() => {
    void check();
  }, [check]);
  useVisibleInterval(() => void check(), RECEIPT_CHECK_MS, Boolean(receipts));

  const recheck = useCallback(() => {
    if (!receipts) return;
    setOutcome((previous) => (previous.state === 'failed' ? { ...previous, state: 'checking' } : previous));
    void check();
  }, [check, receipts]);

  return { ...outcome, recheck };
}
