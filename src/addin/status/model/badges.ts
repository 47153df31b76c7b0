import type { TrackedMessage } from '../../../shared/api';

/** The status badges a tracked message can carry, also the values of the dashboard's filter. */
export const BADGE_KINDS = [
  'opened',
  'proxy',
  'unclear',
  'automated',
  'receipts',
  'no-signal',
  'stopped',
] as const;
export type BadgeKind = (typeof BADGE_KINDS)[number];

/**
 * Returns the badges of a message, most telling first. The open badge is one of `opened` (a
 * person's own mail app), `proxy` (people opens only through an image proxy), `unclear` (no
 * people opens, but loads Readmark could not attribute, which may be people) or `automated`
 * (prefetches and scanners only). `no-signal` appears only while tracking runs and nothing at all
 * has come in, because "yet" makes no sense once tracking has stopped.
 */
export function badgesOf(message: TrackedMessage): BadgeKind[] {
  const { counts, automatedOpens } = message.opens;
  const badges: BadgeKind[] = [];

  if (counts.human > 0) badges.push('opened');
  else if (counts['human-via-proxy'] > 0) badges.push('proxy');
  else if (counts.unknown > 0) badges.push('unclear');
  else if (automatedOpens > 0) badges.push('automated');

  const { read, notRead, other } = message.receipts;
  if (read + notRead + other > 0) badges.push('receipts');

  if (message.stoppedAt !== null) badges.push('stopped');
  else if (badges.length === 0) badges.push('no-signal');

  return badges;
}

/**
 * Returns true when the message has evidently been sent: a person, a privacy feature or a security
 * scanner loaded its pixel, or a read receipt came back. Own views and loads of unclear origin do
 * not count, because the compose window may itself load the pixel of a draft.
 */
export function hasBeenDelivered(message: TrackedMessage): boolean {
  const { peopleOpens, automatedOpens } = message.opens;
  const { read, notRead, other } = message.receipts;
  return peopleOpens + automatedOpens + read + notRead + other > 0;
}
