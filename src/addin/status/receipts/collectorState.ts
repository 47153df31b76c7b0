/** The part of `Storage` (the pane's `localStorage`) that the collector uses. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What the collector remembers between checks. */
export interface CollectorState {
  /** When the last complete check started (ISO 8601); null before the first one. */
  lastCheckAt: string | null;
  /** Graph ids of report messages already handled (posted, or found to need no post), oldest first. */
  handled: string[];
}

const STORAGE_KEY = 'readmark.receipts.collector.v1';
/** Enough for every report message inside the overlap window of any realistic mailbox. */
export const MAX_HANDLED_IDS = 2000;

/** Reads the state; a missing, damaged or foreign value starts afresh instead of failing. */
export function loadCollectorState(store: KeyValueStore): CollectorState {
  let text: string | null = null;
  try {
    text = store.getItem(STORAGE_KEY);
  } catch {
    // Storage may be blocked in the pane's browser; collecting then starts afresh every time.
  }
  if (text === null) return { lastCheckAt: null, handled: [] };
  try {
    const parsed = JSON.parse(text) as Partial<CollectorState>;
    const lastCheckAt =
      typeof parsed.lastCheckAt === 'string' && !Number.isNaN(Date.parse(parsed.lastCheckAt))
        ? parsed.lastCheckAt
        : null;
    const handled = Array.isArray(parsed.handled)
      ? parsed.handled.filter((id): id is string => typeof id === 'string')
      : [];
    return { lastCheckAt, handled };
  } catch {
    return { lastCheckAt: null, handled: [] };
  }
}

/** Writes the state, keeping only the newest MAX_HANDLED_IDS handled ids. Returns false when storage refused. */
export function saveCollectorState(store: KeyValueStore, state: CollectorState): boolean {
  const handled = state.handled.slice(-MAX_HANDLED_IDS);
  try {
    store.setItem(STORAGE_KEY, JSON.stringify({ lastCheckAt: state.lastCheckAt, handled }));
    return true;
  } catch {
    return false;
  }
}
