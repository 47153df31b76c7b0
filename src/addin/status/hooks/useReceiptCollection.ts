import { useCallback, useEffect, useRef } from 'react';
import { usePorts } from '../context';
import { useVisibleInterval } from './useVisibleInterval';

/** How often the mailbox is searched for new read receipts while the pane is visible. */
export const RECEIPT_CHECK_MS = 60_000;

/**
 * Collects read receipts from the user's mailbox when the pane opens and then every
 * RECEIPT_CHECK_MS while it is visible. `onPosted` runs when a receipt was posted, so the caller
 * can refresh what it shows; an open detail view picks the receipt up on its own next poll.
 */
export function useReceiptCollection(onPosted: () => void): void {
  const { receipts } = usePorts();
  // Kept in a ref, so a new callback from the caller does not start another check.
  const onPostedRef = useRef(onPosted);
  useEffect(() => {
    onPostedRef.current = onPosted;
  });

  const check = useCallback(async (): Promise<void> => {
    if (!receipts) return;
    const updated = await receipts.collect();
    if (updated.length > 0) onPostedRef.current();
  }, [receipts]);

  useEffect(() => {
    void check();
  }, [check]);
  useVisibleInterval(() => void check(), RECEIPT_CHECK_MS, Boolean(receipts));
}
