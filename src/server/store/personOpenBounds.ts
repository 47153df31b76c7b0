/** First and last open by a person, as the tracked message's summary stores them. */
export interface PersonOpenBounds {
  first: Date | null;
  last: Date | null;
}

/**
 * Works out the first and last person open after some opens changed verdict. `recounted` is the
 * minimum and maximum over the person opens still stored, read after the change. A stored bound
 * that no removed open sat on is kept even when `recounted` does not reach it, because retention
 * may have deleted the open it came from while the summary keeps it.
 */
export function mergePersonOpenBounds(
  current: PersonOpenBounds,
  removedTimes: readonly Date[],
  recounted: PersonOpenBounds,
): PersonOpenBounds {
  const removed = new Set(removedTimes.map((time) => time.getTime()));
  const keepFirst = current.first !== null && !removed.has(current.first.getTime());
  const keepLast = current.last !== null && !removed.has(current.last.getTime());
  return {
    first: keepFirst ? earlier(current.first, recounted.first) : recounted.first,
    last: keepLast ? later(current.last, recounted.last) : recounted.last,
  };
}

function earlier(kept: Date | null, other: Date | null): Date | null {
  if (kept === null || other === null) return kept ?? other;
  return other < kept ? other : kept;
}

function later(kept: Date | null, other: Date | null): Date | null {
  if (kept === null || other === null) return kept ?? other;
  return other > kept ? other : kept;
}
