import type { TrackingStore } from '../../../src/server/store/trackingStore';

/**
 * A store that forwards every call to whichever store `use` set last, so a test can put a full,
 * locked or read-only connection under a running app and take it away again.
 */
export function createSwitchableStore(initial: TrackingStore): {
  store: TrackingStore;
  use(next: TrackingStore): void;
} {
  let current = initial;
  const store = new Proxy({} as TrackingStore, {
    get(_target, name) {
      const value = (current as unknown as Record<string | symbol, unknown>)[name];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
  return {
    store,
    use(next) {
      current = next;
    },
  };
}
