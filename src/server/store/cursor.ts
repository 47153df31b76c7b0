/**
 * Opaque page cursors shared by every store backend. A cursor is base64url JSON, so a client
 * cannot rely on its shape, and a damaged or foreign one fails with `InvalidCursorError`.
 */

/** Raised when a `cursor` value does not come from a previous page of the same listing. */
export class InvalidCursorError extends Error {
  readonly code = 'CURSOR_INVALID';

  constructor() {
    super('The cursor is invalid: pass the nextCursor value from the previous page unchanged.');
    this.name = 'InvalidCursorError';
  }
}

/** Position after the last tracked message of a page: sorted by activity, then tracking id. */
export interface MessageCursor {
  lastActivityAt: number;
  trackingId: string;
}

/** Position after the last open of a page. */
export interface OpenCursor {
  sequence: number;
}

export function encodeMessageCursor(cursor: MessageCursor): string {
  return encode({ m: [cursor.lastActivityAt, cursor.trackingId] });
}

export function decodeMessageCursor(text: string): MessageCursor {
  const value = decode(text);
  const position = value['m'];
  if (
    !Array.isArray(position) ||
    position.length !== 2 ||
    !Number.isSafeInteger(position[0]) ||
    typeof position[1] !== 'string'
  ) {
    throw new InvalidCursorError();
  }
  return { lastActivityAt: position[0] as number, trackingId: position[1] };
}

export function encodeOpenCursor(cursor: OpenCursor): string {
  return encode({ o: cursor.sequence });
}

export function decodeOpenCursor(text: string): OpenCursor {
  const sequence = decode(text)['o'];
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0) {
    throw new InvalidCursorError();
  }
  return { sequence };
}

function encode(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(text: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) {
    throw new InvalidCursorError();
  }
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InvalidCursorError();
    }
    return value as Record<string, unknown>;
  } catch {
    throw new InvalidCursorError();
  }
}
