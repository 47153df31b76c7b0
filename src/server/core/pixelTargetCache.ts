import type { PixelTarget } from '../store/trackingStore';
import { isStoreUnavailable } from '../store/unavailable';

export interface PixelTargetCacheOptions {
  /** Default 10 000 entries; the oldest entry goes first when full. */
  maxEntries?: number;
  /** How long a lookup result is reused, in milliseconds. Default 5000. */
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  target: PixelTarget | null;
  expiresAt: number;
}

/**
 * Short-lived memory of pixel lookups, so a burst of hits on one message (proxies, scanners, a
 * flood of unknown ids) costs one query. Changes made in this process invalidate their entry;
 * a change made by another server process shows within `ttlMs`. The store still refuses opens for
 * a stopped message, so a stale entry cannot record one.
 *
 * While the database is unreachable an expired entry is still used, so opens of messages seen
 * recently can wait in the open recorder's queue instead of being lost at the lookup.
 */
export class PixelTargetCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: PixelTargetCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** Returns the unexpired result for `trackingId` without a lookup, or undefined when there is none. */
  peek(trackingId: string): PixelTarget | null | undefined {
    const entry = this.entries.get(trackingId);
    return entry !== undefined && entry.expiresAt > this.now() ? entry.target : undefined;
  }

  async get(
    trackingId: string,
    load: (trackingId: string) => Promise<PixelTarget | null>,
  ): Promise<PixelTarget | null> {
    const entry = this.entries.get(trackingId);
    if (entry !== undefined && entry.expiresAt > this.now()) {
      return entry.target;
    }
    let target: PixelTarget | null;
    try {
      target = await load(trackingId);
    } catch (error) {
      if (entry !== undefined && isStoreUnavailable(error)) {
        return entry.target;
      }
      throw error;
    }
    this.entries.delete(trackingId);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) {
        this.entries.delete(oldest.value);
      }
    }
    this.entries.set(trackingId, { target, expiresAt: this.now() + this.ttlMs });
    return target;
  }

  invalidate(trackingId: string): void {
    this.entries.delete(trackingId);
  }

  clear(): void {
    this.entries.clear();
  }
}
