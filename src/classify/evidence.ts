import type { ClassifyOptions } from './options';
import { normaliseUserAgent } from './userAgentMatch';
import type { EarlierHit, Hit, HitContext } from './types';

const MS_PER_SECOND = 1000;
const SECONDS_PER_HOUR = 3600;

export function isValidDate(value: Date | null | undefined): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** Seconds from `earlier` to `later`; negative when `later` is before `earlier`. */
export function secondsBetween(earlier: Date, later: Date): number {
  return (later.getTime() - earlier.getTime()) / MS_PER_SECOND;
}

/**
 * Seconds from sending (or from creation while the send time is unknown) to the hit, or null
 * when either time is missing or invalid.
 */
export function secondsAfterSend(hit: Hit, context: HitContext): number | null {
  const reference = isValidDate(context.sentAt) ? context.sentAt : context.createdAt;
  if (!isValidDate(reference) || !isValidDate(hit.at)) return null;
  return secondsBetween(reference, hit.at);
}

/**
 * Identifies "the same client" for repeats and bursts: the cleaned user agent plus the network.
 * Both may be null; two hits with neither are treated as the same unknown client.
 */
export function clientKey(
  userAgent: string | null,
  clientNetwork: string | null,
  options: ClassifyOptions,
): string {
  const agent = normaliseUserAgent(userAgent, options.maxUserAgentLength) ?? '';
  const network = clientNetwork?.trim().toLowerCase() ?? '';
  return `${network}\u0000${agent}`;
}

/**
 * Client keys of earlier hits, by the user-agent length bound they were cut to. The pixel path
 * passes the same earlier-hit objects to many classifications, so each key is built once.
 */
const earlierKeys = new Map<number, WeakMap<EarlierHit, string>>();

function earlierClientKey(earlier: EarlierHit, options: ClassifyOptions): string {
  let keys = earlierKeys.get(options.maxUserAgentLength);
  if (keys === undefined) {
    keys = new WeakMap();
    earlierKeys.set(options.maxUserAgentLength, keys);
  }
  let key = keys.get(earlier);
  if (key === undefined) {
    key = clientKey(earlier.userAgent, earlier.clientNetwork, options);
    keys.set(earlier, key);
  }
  return key;
}

/** Earlier hits at most `windowSeconds` before the hit (inclusive); later ones are ignored. */
function hitsWithin(hit: Hit, earlierHits: readonly EarlierHit[], windowSeconds: number): EarlierHit[] {
  return earlierHits.filter((earlier) => {
    if (!isValidDate(earlier.at)) return false;
    const age = secondsBetween(earlier.at, hit.at);
    return age >= 0 && age <= windowSeconds;
  });
}

/** Returns the most recent earlier hit from the same client inside the repeat window, or null. */
export function findRepeatedHit(hit: Hit, context: HitContext, options: ClassifyOptions): EarlierHit | null {
  const key = clientKey(hit.userAgent, hit.clientNetwork, options);
  const sameClient = hitsWithin(hit, context.earlierHits, options.repeatWindowSeconds).filter(
    (earlier) => earlierClientKey(earlier, options) === key,
  );
  let latest: EarlierHit | null = null;
  for (const earlier of sameClient) {
    if (latest === null || earlier.at.getTime() > latest.at.getTime()) latest = earlier;
  }
  return latest;
}

/** Returns true when enough other clients fetched the pixel just before this hit to call it a burst. */
export function isBurst(hit: Hit, context: HitContext, options: ClassifyOptions): boolean {
  const key = clientKey(hit.userAgent, hit.clientNetwork, options);
  const otherClients = new Set<string>();
  for (const earlier of hitsWithin(hit, context.earlierHits, options.burstWindowSeconds)) {
    const earlierKey = earlierClientKey(earlier, options);
    if (earlierKey !== key) otherClients.add(earlierKey);
  }
  return otherClients.size >= options.burstMinOtherClients && otherClients.size > 0;
}

/** Returns true when the hit falls in the window around one of the sender's reported views. */
export function followsSenderView(hit: Hit, context: HitContext, options: ClassifyOptions): boolean {
  if (!isValidDate(hit.at)) return false;
  return context.senderViews.some((view) => {
    if (!isValidDate(view)) return false;
    const sinceView = secondsBetween(view, hit.at);
    return sinceView >= -options.selfViewLeadSeconds && sinceView <= options.selfViewWindowSeconds;
  });
}

/**
 * Returns true when the hit came from a network the sender's API calls used, seen at any time from
 * `senderNetworkWindowHours` before the hit onwards.
 */
export function comesFromSenderNetwork(hit: Hit, context: HitContext, options: ClassifyOptions): boolean {
  const network = hit.clientNetwork?.trim().toLowerCase();
  if (!network || !isValidDate(hit.at)) return false;
  const windowSeconds = options.senderNetworkWindowHours * SECONDS_PER_HOUR;
  return context.senderNetworks.some((entry) => {
    if (entry.network.trim().toLowerCase() !== network || !isValidDate(entry.lastSeenAt)) return false;
    return secondsBetween(entry.lastSeenAt, hit.at) <= windowSeconds;
  });
}
