import { removeComments } from './comments';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Offsets in minutes of the obsolete zone names of RFC 5322 section 4.3. */
const ZONE_NAMES: Readonly<Record<string, number>> = {
  ut: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const DATE_TIME =
  /^(?:[a-z]{2,9}\s*,?\s*)?(\d{1,2})[\s-]+([a-z]{3})[a-z]*[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\s*([+-]\d{4}|[a-z]{1,5}))?/i;

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined) {
    return 0;
  }
  if (zone.startsWith('+') || zone.startsWith('-')) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(3, 5));
    return sign * (hours * 60 + minutes);
  }
  // Military and unknown zone letters mean "no zone information" (RFC 5322 section 4.3): use UTC.
  return ZONE_NAMES[zone.toLowerCase()] ?? 0;
}

function fullYear(written: string): number {
  const year = Number(written);
  // Two- and three-digit years follow RFC 5322 section 4.3.
  if (written.length === 2) {
    return year < 50 ? 2000 + year : 1900 + year;
  }
  return written.length === 3 ? 1900 + year : year;
}

/**
 * Parses an RFC 5322 `Date` value (obsolete forms included) and returns it as an ISO 8601 UTC
 * string, or null when it is not a valid date. Parsed here rather than with `Date.parse`, whose
 * accepted formats differ between JavaScript engines.
 */
export function parseMailDate(value: string | null): string | null {
  if (value === null) {
    return null;
  }
  const text = removeComments(value).trim().slice(0, 200);
  const match = DATE_TIME.exec(text);
  if (match === null) {
    return null;
  }
  const day = Number(match[1]);
  const month = MONTHS.indexOf((match[2] ?? '').toLowerCase());
  const year = fullYear(match[3] ?? '');
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  // A leap second (60) is folded into the second before it.
  const second = Math.min(Number(match[6] ?? '0'), 59);
  if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59) {
    return null;
  }
  const localMs = Date.UTC(year, month, day, hour, minute, second);
  const check = new Date(localMs);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month) {
    return null;
  }
  const utc = new Date(localMs - zoneOffsetMinutes(match[7]) * 60_000);
  return Number.isNaN(utc.getTime()) ? null : utc.toISOString();
}
