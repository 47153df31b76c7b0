import type { Open } from '../../../shared/api';
import { isPeopleOpen } from './openGroups';

export interface ChartBucket {
  startMs: number;
  endMs: number;
  people: number;
  other: number;
}

/**
 * Counts the counted opens into `bucketCount` equal time slices from `startMs` to `endMs`. Repeats
 * that the server did not count are skipped, so the totals match the pane's headline counts for
 * the opens given. Opens outside the range fall into the first or last bucket.
 */
export function bucketOpens(
  opens: readonly Open[],
  startMs: number,
  endMs: number,
  bucketCount: number,
): ChartBucket[] {
  const spanMs = Math.max(endMs - startMs, 1);
  const widthMs = spanMs / bucketCount;
  const buckets: ChartBucket[] = Array.from({ length: bucketCount }, (_, index) => ({
    startMs: startMs + index * widthMs,
    endMs: startMs + (index + 1) * widthMs,
    people: 0,
    other: 0,
  }));

  for (const open of opens) {
    if (!open.counted) continue;
    const atMs = Date.parse(open.at);
    if (Number.isNaN(atMs)) continue;
    const index = Math.min(bucketCount - 1, Math.max(0, Math.floor((atMs - startMs) / widthMs)));
    const bucket = buckets[index];
    if (bucket === undefined) continue;
    if (isPeopleOpen(open)) bucket.people += 1;
    else bucket.other += 1;
  }
  return buckets;
}
