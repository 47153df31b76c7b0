import { StoreError } from '../storeError';

/** The few pino methods the store logs through, so any pino logger (or a test double) fits. */
export interface StoreLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database`. It must not set `options`: the store sets search_path. */
  connectionString: string;
  /**
   * Schema that contains every table, created when missing. Without it the tables go to the first
   * schema of the server's search_path (usually `public`).
   */
  schema?: string;
  /** Connections per process. Default 10. */
  poolSize?: number;
  /** How long to wait for a connection before a query fails. Default 5,000 ms. */
  connectTimeoutMs?: number;
  /** Server-side limit for one statement. Default 30,000 ms. */
  statementTimeoutMs?: number;
  /** Monthly partitions of opens created ahead of the current month. Default 3. */
  partitionMonthsAhead?: number;
  logger?: StoreLogger;
  /** Source of "now" for receipt arrival times and partition upkeep. Default: the system clock. */
  clock?: () => Date;
}

export interface ResolvedPostgresStoreOptions {
  connectionString: string;
  schema: string | null;
  poolSize: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  partitionMonthsAhead: number;
  logger: StoreLogger;
  clock: () => Date;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const silentLogger: StoreLogger = {
  warn: () => undefined,
  error: () => undefined,
};

/** Checks the options and fills in defaults. Throws STORE_INVALID_OPTION naming the option. */
export function resolvePostgresStoreOptions(options: PostgresStoreOptions): ResolvedPostgresStoreOptions {
  const url = parseConnectionString(options.connectionString);
  if (url.searchParams.has('options')) {
    throw invalidOption('connectionString', 'a URL without an `options` parameter', '`options=…`');
  }

  const schema = options.schema ?? null;
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw invalidOption(
      'schema',
      'a lowercase identifier of letters, digits and underscores (at most 63 characters)',
      JSON.stringify(schema),
    );
  }

  return {
    connectionString: options.connectionString,
    schema,
    poolSize: positiveInteger('poolSize', options.poolSize, 10),
    connectTimeoutMs: positiveInteger('connectTimeoutMs', options.connectTimeoutMs, 5_000),
    statementTimeoutMs: positiveInteger('statementTimeoutMs', options.statementTimeoutMs, 30_000),
    partitionMonthsAhead: nonNegativeInteger('partitionMonthsAhead', options.partitionMonthsAhead, 3),
    logger: options.logger ?? silentLogger,
    clock: options.clock ?? (() => new Date()),
  };
}

function parseConnectionString(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidOption('connectionString', 'a postgres:// URL', 'a value that is not a URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw invalidOption('connectionString', 'a postgres:// or postgresql:// URL', `a ${url.protocol} URL`);
  }
  return url;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw invalidOption(name, 'a positive integer', String(value));
  }
  return value;
}

function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidOption(name, 'an integer of 0 or more', String(value));
  }
  return value;
}

// The received value of connectionString is never echoed: it may contain a password.
function invalidOption(name: string, expected: string, received: string): StoreError {
  return new StoreError(
    'STORE_INVALID_OPTION',
    `Invalid PostgreSQL store option ${name}: expected ${expected}, received ${received}.`,
  );
}
