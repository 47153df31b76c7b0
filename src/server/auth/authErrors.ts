/** The token is not acceptable; the API responds with 401 (or 403 for `scope` and `tenant`). */
export class TokenRejectedError extends Error {
  readonly kind: 'invalid' | 'scope' | 'tenant';
  /** A short clause for the error message, for example `it has expired`. */
  readonly reason: string;

  constructor(kind: 'invalid' | 'scope' | 'tenant', reason: string) {
    super(`The access token was rejected: ${reason}.`);
    this.name = 'TokenRejectedError';
    this.kind = kind;
    this.reason = reason;
  }
}

/** The signing keys could not be fetched, so no token can be checked; the API responds with 503. */
export class KeySetUnavailableError extends Error {
  constructor(cause: Error) {
    super(`The JSON Web Key Set could not be fetched: ${cause.message}`, { cause });
    this.name = 'KeySetUnavailableError';
  }
}
