export interface RateLimiterOptions {
  /** Allowed events per key per window; 0 allows everything. */
  limit: number;
  windowMs: number;
  /** Keys tracked at once; the oldest window is forgotten first, so memory stays bounded. */
  maxKeys?: number;
  now?: () => number;
}

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the key's window ends, at least 1. */
  retryAfterSeconds: number;
}

interface Window {
  startedAt: number;
  count: number;
}

/**
 * Counts events per key in fixed windows. A fixed window lets a burst of up to twice the limit
 * through at a window edge; that is accepted here, as the limits only bound abuse.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: RateLimiterOptions) {
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts one event for `key` and returns whether it is within the limit. */
  take(key: string): RateDecision {
    if (this.limit === 0) {
      return { allowed: true, retryAfterSeconds: 1 };
    }
    const now = this.now();
    let window = this.windows.get(key);
    if (window === undefined || now - window.startedAt >= this.windowMs) {
      this.windows.delete(key);
      this.evictIfFull();
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
    return { allowed: window.count <= this.limit, retryAfterSeconds };
  }

  private evictIfFull(): void {
    if (this.windows.size < this.maxKeys) return;
    // Map iteration follows insertion order, and a key is reinserted when its window restarts.
    const oldest = this.windows.keys().next();
    if (oldest.done !== true) {
      this.windows.delete(oldest.value);
    }
  }
}
