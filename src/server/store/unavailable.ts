/**
 * Tells a database that cannot be reached right now (worth retrying later) from a failure that a
 * retry cannot fix, such as a constraint violation or a bug.
 */

/** Node.js socket errors of a connection that could not be made or was cut. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs of a server that is shutting down, starting up, or out of connections.
 * Class 08 (connection exception) is matched as a whole.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);

/**
 * Messages of the pg client (version 8) for a connection that timed out or ended; it raises these
 * as plain errors without a code.
 */
const PG_CLIENT_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/**
 * SQLite's result codes for a database file locked by another connection, and the SQLite store's
 * code for writes cut off by its writer thread stopping. Hit ids make the retry of those safe.
 */
const SQLITE_BUSY_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_LOCKED',
  'STORE_WRITER_EXITED',
]);

/** True when `error` means the database is unreachable or busy for now, so a retry may succeed. */
export function isStoreUnavailable(error: unknown): boolean {
  // Duck-typed, not `instanceof Error`: errors made in another realm (a vm context) fail that test.
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  if (NETWORK_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || SQLITE_BUSY_CODES.has(code)) {
    return true;
  }
  if (/^08[0-9A-Z]{3}$/.test(code)) {
    return true;
  }
  if (PG_CLIENT_MESSAGES.some((prefix) => message.startsWith(prefix))) {
    return true;
  }
  // A failed connect to a host name with several addresses raises an AggregateError (Node 20).
  if ('errors' in error && Array.isArray(error.errors)) {
    return error.errors.some((inner) => isStoreUnavailable(inner));
  }
  return false;
}
