import { randomBytes } from 'node:crypto';

/** Length of a tracking id: 16 random bytes in base64url without padding. */
export const TRACKING_ID_LENGTH = 22;

// 128 bits fill 21 characters and 2 bits of the 22nd, so the last character is one of A, Q, g, w.
const TRACKING_ID_PATTERN = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/** Creates a tracking id from 128 bits of the operating system's CSPRNG. */
export function generateTrackingId(): string {
  return randomBytes(16).toString('base64url');
}

/** Checks the shape only, so malformed ids are rejected before any storage lookup. */
export function isWellFormedTrackingId(value: string): boolean {
  return value.length === TRACKING_ID_LENGTH && TRACKING_ID_PATTERN.test(value);
}

/** Shortens a tracking id for logs: enough to correlate lines, too little to load the pixel. */
export function shortenTrackingId(trackingId: string): string {
  return `${trackingId.slice(0, 6)}…`;
}
