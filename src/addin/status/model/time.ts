import { common } from '../../strings/common';

/**
 * Times for people: relative ("2 hours ago") for reading, exact for hover and screen readers.
 * Both use the string catalogue's language, so they match the sentence around them, and the
 * runtime's time zone, which in Outlook is the user's.
 */

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

let relativeFormat: Intl.RelativeTimeFormat | undefined;
let exactFormat: Intl.DateTimeFormat | undefined;

/** Formats an ISO 8601 time relative to `nowMs`, for example "2 hours ago" or "now". */
export function formatRelative(iso: string, nowMs: number): string {
  const atMs = Date.parse(iso);
  if (Number.isNaN(atMs)) return iso;
  relativeFormat ??= new Intl.RelativeTimeFormat(common.locale, { numeric: 'auto' });

  const deltaSeconds = Math.round((atMs - nowMs) / 1000);
  if (Math.abs(deltaSeconds) < 10) return relativeFormat.format(0, 'second');
  for (const [unit, seconds] of UNITS) {
    if (Math.abs(deltaSeconds) >= seconds) {
      return relativeFormat.format(Math.round(deltaSeconds / seconds), unit);
    }
  }
  return relativeFormat.format(deltaSeconds, 'second');
}

/** Formats an ISO 8601 time as a full date and time in the user's time zone. */
export function formatExact(iso: string): string {
  const atMs = Date.parse(iso);
  if (Number.isNaN(atMs)) return iso;
  exactFormat ??= new Intl.DateTimeFormat(common.locale, { dateStyle: 'medium', timeStyle: 'short' });
  return exactFormat.format(atMs);
}
