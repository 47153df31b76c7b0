import pino from 'pino';

/** What an error looks like in a log line: no driver fields such as pg's `detail` or `where`. */
export interface SerializedError {
  type: string;
  message: string;
  stack: string;
  code?: string;
}

// A tracking id is a capability: 22 base64url characters, the last one of A, Q, g or w.
const TRACKING_ID = /(?<![\w-])([\w-]{6})[\w-]{15}[AQgw](?![\w-])/g;
const EMAIL_ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;
// PostgreSQL quotes the rejected input after a colon: `invalid input syntax for type uuid: "…"`.
const QUOTED_INPUT = /: "[^"\n]*"/g;

/**
 * Replaces tracking ids (kept as their first six characters), email addresses, JWTs and quoted
 * input values in free text.
 */
export function redactLogText(text: string): string {
  return text
    .replace(QUOTED_INPUT, ': "[value]"')
    .replace(JWT, '[token]')
    .replace(EMAIL_ADDRESS, '[email]')
    .replace(TRACKING_ID, '$1…');
}

/**
 * Serializes an error for pino. Database drivers put the failing row into the message or into
 * extra fields (pg: `detail` reads "Key (tracking_id)=(…) already exists"), so only the type,
 * a string `code`, and the redacted message and stack are kept.
 */
export function serializeError(error: Error): SerializedError {
  const standard = pino.stdSerializers.err(error);
  const code = (error as { code?: unknown }).code;
  return {
    type: standard.type,
    message: redactLogText(standard.message),
    stack: redactLogText(standard.stack),
    ...(typeof code === 'string' ? { code } : {}),
  };
}
