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
  return keyOf(normaliseUserAgent(userAgent, options.maxUserAgentLength), clientNetwork);
}

/** `clientKey` from a user agent that `normaliseUserAgent` has already cleaned. */
export function keyOf(normalisedUserAgent: string | null, clientNetwork: string | null): string {
  const network = clientNetwork?.trim().toLowerCase() ?? '';
  return `${network}\u0000${normalisedUserAgent ?? ''}`;
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

/** Evidence about a hit from the earlier hits on the same message. */
export interface EarlierHitEvidence {
  /** The most recent earlier hit from the same client inside the repeat window, or null. */
  repeated: EarlierHit | null;
  /** True when enough other clients fetched the pixel inside the burst window before this hit. */
  burst: boolean;
}

/**
 * Looks for a repeat and a burst in one pass over the earlier hits. Only hits at most the window's
 * length before this one count (inclusive); later ones are ignored.
 * @param key the hit's own `clientKey`.
 */
export function weighEarlierHits(
  hit: Hit,
  key: string,
  context: HitContext,
  options: ClassifyOptions,
): EarlierHitEvidence {
  // An invalid hit time gives NaN ages, which are outside every window.
  const at = isValidDate(hit.at) ? hit.at.getTime() : Number.NaN;
  const { repeatWindowSeconds, burstWindowSeconds } = options;
  let repeated: EarlierHit | null = null;
  let repeatedAt = -Infinity;
  let otherClients: Set<string> | null = null;
  for (const earlier of context.earlierHits) {
    // This loop runs for up to a hundred earlier hits per hit, so the time is read once, and
    // from `atMs` when it is set: reading each hit's date showed in profiles of the pixel path.
    const earlierAt = earlier.atMs ?? (earlier.at instanceof Date ? earlier.at.getTime() : Number.NaN);
    const age = (at - earlierAt) / MS_PER_SECOND;
    if (!(age >= 0) || (age > repeatWindowSeconds && age > burstWindowSeconds)) continue;
    // Equal raw fields give equal keys, so the common repeat needs no key of its own.
    const sameRawFields = earlier.userAgent === hit.userAgent && earlier.clientNetwork === hit.clientNetwork;
    const earlierKey = sameRawFields ? key : earlierClientKey(earlier, options);
    if (earlierKey === key) {
      if (age <= repeatWindowSeconds && earlierAt > repeatedAt) {
        repeated = earlier;
        repeatedAt = earlierAt;
      }
    } else if (age <= burstWindowSeconds) {
      otherClients ??= new Set();
      otherClients.add(earlierKey);
    }
  }
  const others = otherClients?.size ?? 0;
  return { repeated, burst: others >= options.burstMinOtherClients && others > 0 };
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
