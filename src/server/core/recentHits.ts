import type { EarlierHit } from '../../classify';

export interface RecentHitMemoryOptions {
  /** How long a hit is kept, in milliseconds: the longest window that looks back at hits. */
  retentionMs: number;
  /** Hits kept per tracked message; the oldest goes first. Default 50. */
  maxHitsPerMessage?: number;
  /** Tracked messages kept; the one hit least recently goes first. Default 10 000. */
  maxMessages?: number;
}

/**
 * The hits this process classified in the last few minutes, per tracking id. Group commit writes
 * hits in batches, so hits that arrive together cannot see each other in the store yet. This
 * memory lets the second fetch of a pair be found as a repeat, and lets a burst show before its
 * batch commits. The pixel path merges it with the stored hits, so a hit seen in both is counted
 * once per client by the classifier, which compares clients, not hit numbers.
 */
export class RecentHitMemory {
  private readonly hits = new Map<string, EarlierHit[]>();
  private readonly retentionMs: number;
  private readonly maxHitsPerMessage: number;
  private readonly maxMessages: number;

  constructor(options: RecentHitMemoryOptions) {
    this.retentionMs = options.retentionMs;
    this.maxHitsPerMessage = options.maxHitsPerMessage ?? 50;
    this.maxMessages = options.maxMessages ?? 10_000;
  }

  /**
   * Hits on `trackingId` no older than the retention before `at`. The list is not copied when every
   * hit is recent enough, which is the common case for a message fetched often: lists are never
   * changed once stored, because `remember` stores a new one.
   */
  recent(trackingId: string, at: Date): readonly EarlierHit[] {
    const stored = this.hits.get(trackingId);
    if (stored === undefined) return [];
    const oldest = at.getTime() - this.retentionMs;
    for (const hit of stored) {
      if (hit.at.getTime() < oldest) return stored.filter((kept) => kept.at.getTime() >= oldest);
    }
    return stored;
  }

  remember(trackingId: string, hit: EarlierHit): void {
    const oldest = hit.at.getTime() - this.retentionMs;
    const kept = (this.hits.get(trackingId) ?? []).filter((earlier) => earlier.at.getTime() >= oldest);
    kept.push(hit);
    if (kept.length > this.maxHitsPerMessage) kept.splice(0, kept.length - this.maxHitsPerMessage);
    // Re-inserting moves the message to the end, so the first key is always the least recent.
    this.hits.delete(trackingId);
    if (this.hits.size >= this.maxMessages) {
      const leastRecent = this.hits.keys().next();
      if (leastRecent.done !== true) this.hits.delete(leastRecent.value);
    }
    this.hits.set(trackingId, kept);
  }

  forget(trackingId: string): void {
    this.hits.delete(trackingId);
  }
}
