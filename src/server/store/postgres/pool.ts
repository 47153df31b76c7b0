import { Pool, type PoolClient } from 'pg';

import type { ResolvedPostgresStoreOptions } from './options';

/** SQLSTATE codes after which the whole transaction can simply be run again. */
const RETRYABLE_CODES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 3;

/**
 * Creates the connection pool. Every connection gets the store's schema as its search_path, so
 * the SQL elsewhere names tables without a schema.
 */
export function createPool(options: ResolvedPostgresStoreOptions): Pool {
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    // statement_timeout is enforced by the server, so it cannot end a query to a server that hangs
    // or a network that drops packets; this client-side limit, a little longer, does.
    query_timeout: options.statementTimeoutMs + 5_000,
    application_name: 'readmark',
    ...(options.schema === null ? {} : { options: `-c search_path=${options.schema}` }),
  });

  // An idle connection that breaks (the server restarted, say) emits 'error' on the pool; without
  // a listener Node would end the process. The pool drops that connection and opens a new one later.
  pool.on('error', (error: Error & { code?: string }) => {
    options.logger.warn({ err: error, code: error.code }, 'idle PostgreSQL connection failed');
  });
  return pool;
}

/**
 * Runs `work` in one transaction and commits it. A deadlock or serialization failure runs it
 * again, up to three attempts in all; any other error rolls back and is rethrown.
 */
export function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withRetries(async () => {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = await rollBack(client);
      throw error;
    } finally {
      // A connection whose rollback failed is in an unknown state: destroy it instead of reusing it.
      client.release(broken);
    }
  });
}

/**
 * Runs `attempt`, a transaction or a statement that commits on its own, again after a deadlock or
 * serialization failure, up to three attempts in all. Such a failure rolled the attempt back.
 */
export async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let count = 1; ; count++) {
    try {
      return await attempt();
    } catch (error) {
      if (count < MAX_ATTEMPTS && RETRYABLE_CODES.has(sqlState(error))) continue;
      throw error;
    }
  }
}

async function rollBack(client: PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    return false;
  } catch {
    return true;
  }
}

/** The SQLSTATE of a pg error, or '' for anything else. */
export function sqlState(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return '';
}
