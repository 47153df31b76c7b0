import { useEffect, useRef } from 'react';
import { usePageVisible } from './usePageVisible';

/**
 * Calls `tick` every `intervalMs` while `enabled` and the page is visible. No timer runs while the
 * page is hidden; when it becomes visible again `tick` runs at once, so the pane catches up.
 */
export function useVisibleInterval(tick: () => void, intervalMs: number, enabled: boolean): void {
  const visible = usePageVisible();
  const tickRef = useRef(tick);
  useEffect(() => {
    tickRef.current = tick;
  });
  const wasHidden = useRef(false);

  useEffect(() => {
    if (!enabled) return undefined;
    if (!visible) {
      wasHidden.current = true;
      return undefined;
    }
    if (wasHidden.current) {
      wasHidden.current = false;
      tickRef.current();
    }
    const timer = setInterval(() => tickRef.current(), intervalMs);
    return () => clearInterval(timer);
  }, [enabled, visible, intervalMs]);
}
