import { useEffect, useRef, useState } from 'react';
import type { TrackedMessage } from '../../../shared/api';
import { usePorts } from '../context';
import { RECEIPT_CHECK_MS } from './useReceiptCollection';

/** State of the latest read-receipt request check: not started or finished, running, or failed. */
export type RequestCheckState = 'idle' | 'checking' | 'failed';

/**
 * Checks whether each sent message with an unchecked request (`readReceiptRequested: null`) really
 * asked for a read receipt, by its Sent Items copy, and passes every updated message to `apply`.
 * A message is checked at most once per RECEIPT_CHECK_MS, so one without a sent copy yet is retried.
 * Returns the state of the latest check, so a view can show "checking" instead of "not checked".
 */
export function useReceiptRequestCheck(
  messages: readonly TrackedMessage[],
  apply: (message: TrackedMessage) => void,
): RequestCheckState {
  const { receipts, logger, now } = usePorts();
  const attemptedAtMs = useRef(new Map<string, number>());
  const [state, setState] = useState<RequestCheckState>('idle');

  useEffect(() => {
    if (!receipts) return;
    const nowMs = (now ?? Date.now)();
    const unchecked = messages.filter((message) => {
      if (message.readReceiptRequested !== null || message.internetMessageId === null) return false;
      const attempted = attemptedAtMs.current.get(message.id);
      return attempted === undefined || nowMs - attempted >= RECEIPT_CHECK_MS;
    });
    if (unchecked.length === 0) return;
    for (const message of unchecked) attemptedAtMs.current.set(message.id, nowMs);
    setState('checking');
    receipts.verifyRequests(unchecked).then(
      (updated) => {
        updated.forEach(apply);
        setState('idle');
      },
      (error: unknown) => {
        logger.warn('Checking read-receipt requests failed', {
          error: error instanceof Error ? error.name : 'unknown',
        });
        setState('failed');
      },
    );
  }, [apply, logger, messages, now, receipts]);

  return state;
}
