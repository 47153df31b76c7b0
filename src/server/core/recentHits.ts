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
 *
 * A message's list is kept in time order and changed in place, because a new list per hit was
 * among the largest allocations of the pixel path. So a list that `recent` returns is valid only
 * until the next `remember` of that message. Expired hits are found from the front of the list.
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

  /** Hits on `trackingId` no older than the retention before `at`, oldest first. */
  recent(trackingId: string, at: Date): readonly EarlierHit[] {
    const stored = this.hits.get(trackingId);
    if (stored === undefined) return [];
    dropOlderThan(stored, at.getTime() - this.retentionMs);
    return stored;
  }

  remember(trackingId: string, hit: EarlierHit): void {
    let list = this.hits.get(trackingId);
    if (list === undefined) {
      list = [];
      if (this.hits.size >= this.maxMessages) {
        const leastRecent = this.hits.keys().next();
        if (leastRecent.done !== true) this.hits.delete(leastRecent.value);
      }
    } else {
      // Re-inserting moves the message to the end, so the first key is always the least recent.
      this.hits.delete(trackingId);
      dropOlderThan(list, hit.at.getTime() - this.retentionMs);
    }
    insertInTimeOrder(list, hit);
    if (list.length > this.maxHitsPerMessage) list.splice(0, list.length - this.maxHitsPerMessage);
    this.hits.set(trackingId, list);
  }

  forget(trackingId: string): void {
    this.hits.delete(trackingId);
  }
}

/** Removes the hits before `oldest`, and any without a valid time, from `hits`, which are in time order. */
function dropOlderThan(hits: EarlierHit[], oldest: number): void {
  let count = 0;
  while (count < hits.length && !((hits[count] as EarlierHit).at.getTime() >= oldest)) count += 1;
  if (count > 0) hits.splice(0, count);
}

/** Adds `hit` to `hits` after every hit that is not later; usually that is the end of the list. */
function insertInTimeOrder(hits: EarlierHit[], hit: EarlierHit): void {
  const at = hit.at.getTime();
  let index = hits.length;
  while (index > 0 && (hits[index - 1] as EarlierHit).at.getTime() > at) index -= 1;
  if (index === hits.length) hits.push(hit);
  else hits.splice(index, 0, hit);
}
