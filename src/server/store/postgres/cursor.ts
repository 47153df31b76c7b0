import { StoreError } from '../storeError';

/**
 * Paging cursors: base64url JSON of the last row's sort key. Opaque to callers; a cursor that
 * does not decode to the expected shape throws STORE_INVALID_CURSOR.
 */

export interface MessageCursor {
  lastActivityAt: Date;
  trackingId: string;
}

export function encodeMessageCursor(cursor: MessageCursor): string {
  return encode({ a: cursor.lastActivityAt.toISOString(), t: cursor.trackingId });
}

export function decodeMessageCursor(cursor: string): MessageCursor {
  const value = decode(cursor);
  const at = typeof value.a === 'string' ? new Date(value.a) : null;
  if (at === null || Number.isNaN(at.getTime()) || typeof value.t !== 'string') {
    throw invalidCursor(cursor);
  }
  return { lastActivityAt: at, trackingId: value.t };
}

export function encodeOpenCursor(sequence: number): string {
  return encode({ s: sequence });
}

export function decodeOpenCursor(cursor: string): number {
  const value = decode(cursor);
  if (typeof value.s !== 'number' || !Number.isSafeInteger(value.s) || value.s < 0) {
    throw invalidCursor(cursor);
  }
  return value.s;
}

function encode(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(cursor: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(cursor);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidCursor(cursor);
  return value as Record<string, unknown>;
}

function invalidCursor(cursor: string): StoreError {
  const shown = cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor;
  return new StoreError(
    'STORE_INVALID_CURSOR',
    `Invalid paging cursor "${shown}": pass the nextCursor of the previous page unchanged, or no cursor for the first page.`,
  );
}

/** Checks a page size. Throws STORE_INVALID_LIMIT for anything but a positive integer. */
export function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new StoreError(
      'STORE_INVALID_LIMIT',
      `Invalid page limit ${String(limit)}: expected a positive integer.`,
    );
  }
  return limit;
}
