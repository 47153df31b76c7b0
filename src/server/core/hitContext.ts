import type { ClassifyOptions, EarlierHit } from '../../classify';
import type { HitContextQuery, Sender, StoredOpen } from '../store/trackingStore';
import { internText } from './internedText';

/** The classifier windows that decide how far back the pixel path reads. */
export type HitContextWindows = Pick<
  ClassifyOptions,
  | 'repeatWindowSeconds'
  | 'burstWindowSeconds'
  | 'selfViewWindowSeconds'
  | 'selfViewLeadSeconds'
  | 'senderNetworkWindowHours'
>;

/**
 * Upper bound of stored opens read per hit. A repeat or burst needs only the latest few hits per
 * client, and the bound keeps a message that is fetched thousands of times as cheap as any other.
 */
export const MAX_CONTEXT_OPENS = 50;
/** Upper bound of sender views read per hit; the pane reports a view at most every few seconds. */
export const MAX_CONTEXT_VIEWS = 20;

const MS_PER_SECOND = 1000;
const MS_PER_HOUR = 3_600_000;

/** Builds the bounded store read for a hit on `trackingId` at `at`. */
export function buildHitContextQuery(
  sender: Sender,
  trackingId: string,
  hit: { at: Date; clientNetwork: string | null },
  windows: HitContextWindows,
): HitContextQuery {
  const at = hit.at.getTime();
  const opensWindowSeconds = Math.max(windows.repeatWindowSeconds, windows.burstWindowSeconds);
  return {
    sender,
    trackingId,
    opensSince: new Date(at - opensWindowSeconds * MS_PER_SECOND),
    maxOpens: MAX_CONTEXT_OPENS,
    viewsSince: new Date(at - windows.selfViewWindowSeconds * MS_PER_SECOND),
    maxViews: MAX_CONTEXT_VIEWS,
    clientNetwork: hit.clientNetwork,
    networkSeenSince: new Date(at - windows.senderNetworkWindowHours * MS_PER_HOUR),
  };
}

/** Earlier hits made from stored opens, so a stored context reused for many hits maps each open once. */
const earlierHits = new WeakMap<object, EarlierHit>();

export function toEarlierHit(
  open: Pick<StoredOpen, 'at' | 'userAgent' | 'clientNetwork' | 'kind'>,
): EarlierHit {
  let earlier = earlierHits.get(open);
  if (earlier === undefined) {
    earlier = {
      at: open.at,
      atMs: open.at.getTime(),
      userAgent: internText(open.userAgent),
      clientNetwork: internText(open.clientNetwork),
      kind: open.kind,
    };
    earlierHits.set(open, earlier);
  }
  return earlier;
}

/** Earlier-hit lists made from lists of stored opens. */
const earlierHitLists = new WeakMap<readonly StoredOpen[], readonly EarlierHit[]>();

/**
 * Returns the stored opens as earlier hits. Each list is mapped once, because one cached stored
 * context serves many hits and mapping its opens for each of them showed in profiles.
 */
export function toEarlierHits(opens: readonly StoredOpen[]): readonly EarlierHit[] {
  let earlier = earlierHitLists.get(opens);
  if (earlier === undefined) {
    earlier = opens.map(toEarlierHit);
    earlierHitLists.set(opens, earlier);
  }
  return earlier;
}

/** Returns the greatest sequence among `opens`, or 0 when there are none (sequences start at 1). */
export function newestSequence(opens: readonly StoredOpen[]): number {
  let newest = 0;
  for (const open of opens) newest = Math.max(newest, open.sequence);
  return newest;
}

/**
 * Returns the opens of an earlier read brought up to date with the opens read after it: those at
 * or after `since`, newest first, at most `maxOpens`, like a full read.
 */
export function mergeNewerOpens(
  newer: readonly StoredOpen[],
  previous: readonly StoredOpen[],
  since: Date,
  maxOpens: number,
): StoredOpen[] {
  const oldest = since.getTime();
  const merged = newer.concat(previous.filter((open) => open.at.getTime() >= oldest));
  merged.sort((a, b) => b.at.getTime() - a.at.getTime() || b.sequence - a.sequence);
  return merged.slice(0, maxOpens);
}

/** Returns true when `newer` contains a sender view that `previous` does not. */
export function hasNewSenderView(newer: readonly Date[], previous: readonly Date[]): boolean {
  const known = new Set(previous.map((view) => view.getTime()));
  return newer.some((view) => !known.has(view.getTime()));
}
