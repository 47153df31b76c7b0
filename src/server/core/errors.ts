/**
 * The one catalogue of API error codes. Every non-2xx JSON response is `{code, message}` with a code
 * from here; `docs/errors.md` lists the same entries and a test keeps the two in step. Templates
 * take `{name}` placeholders, filled only with values the server chose or validated, never with
 * raw request data.
 */
export const ERROR_CATALOGUE = {
  REQUEST_INVALID: {
    status: 400,
    message: 'The request {part} is invalid: {detail}. Correct it and send the request again.',
  },
  REQUEST_BODY_MALFORMED: {
    status: 400,
    message:
      'The request body is not valid JSON or contains a forbidden prototype key. Send a plain JSON object.',
  },
  CURSOR_INVALID: {
    status: 400,
    message: 'The cursor is invalid: pass the nextCursor value from the previous page unchanged.',
  },
  AUTH_TOKEN_MISSING: {
    status: 401,
    message:
      'The request has no bearer access token. Sign in and send the token in the Authorization header.',
  },
  AUTH_TOKEN_INVALID: {
    status: 401,
    message: 'The access token was rejected: {reason}. Sign in again to get a new token.',
  },
  AUTH_SCOPE_MISSING: {
    status: 403,
    message:
      'The access token lacks the {scope} scope. Request a token for the Readmark API with that scope.',
  },
  AUTH_TENANT_NOT_ALLOWED: {
    status: 403,
    message:
      'The tenant of this account may not use this Readmark server. Ask its administrator to allow the tenant.',
  },
  TRACKING_DISABLED_BY_POLICY: {
    status: 403,
    message:
      "Tracking is switched off for this account's organisation by its Readmark administrator. Send the message without tracking.",
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    message: 'No route matches this method and path. Check them against /docs/openapi.json.',
  },
  TRACKED_MESSAGE_NOT_FOUND: {
    status: 404,
    message: 'No tracked message with this id exists for the signed-in user.',
  },
  REQUEST_BODY_TOO_LARGE: {
    status: 413,
    message: 'The request body is larger than {limitBytes} bytes. Send a smaller body.',
  },
  CONTENT_TYPE_UNSUPPORTED: {
    status: 415,
    message: 'The request body must be application/json.',
  },
  RATE_LIMITED: {
    status: 429,
    message: 'This account sent too many requests. Try again in {retryAfterSeconds} seconds.',
  },
  INTERNAL_ERROR: {
    status: 500,
    message:
      'The server failed to handle the request. Try again; if it keeps failing, report request id {requestId}.',
  },
  AUTH_NOT_CONFIGURED: {
    status: 503,
    message:
      'This server has no API client id configured, so it cannot check tokens. Set --api-client-id (READMARK_API_CLIENT_ID).',
  },
  AUTH_KEYS_UNAVAILABLE: {
    status: 503,
    message:
      'The token signing keys could not be fetched from the identity provider. Try again in {retryAfterSeconds} seconds.',
  },
  STORAGE_UNAVAILABLE: {
    status: 503,
    message: 'The database is not available. Try again in {retryAfterSeconds} seconds.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An API failure with a catalogue code; the HTTP layer turns it into the JSON response. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra response headers, for example `Retry-After` or `WWW-Authenticate`. */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    params: Record<string, string | number> = {},
    headers: Record<string, string> = {},
  ) {
    super(formatErrorMessage(code, params));
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.headers = headers;
  }
}

/** Fills a template's placeholders; a placeholder without a value stays visible as `{name}`. */
export function formatErrorMessage(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return ERROR_CATALOGUE[code].message.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}
