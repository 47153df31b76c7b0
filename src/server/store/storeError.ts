/**
 * Errors a tracking store raises for a caller's mistake or an unusable database. The HTTP layer
 * maps `code` to a status; `message` states what failed, on which value, and what to do.
 */
export type StoreErrorCode =
  /** A paging limit that is not a positive integer. */
  | 'STORE_INVALID_LIMIT'
  /** A store option that is missing or malformed, found at start-up. */
  | 'STORE_INVALID_OPTION'
  /** The database schema was changed by a migration this version does not know. */
  | 'STORE_MIGRATION_MISMATCH';

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}
