import type { Pool } from 'pg';

import { StoreError } from '../storeError';
import type { Migration } from './migrations/migration';
import { withTransaction } from './pool';

/** First key of every advisory lock this store takes ('RDMK' in ASCII). */
export const ADVISORY_LOCK_CLASS = 1380207947;

export interface MigrationResult {
  applied: number[];
}

/**
 * Applies the migrations that the database has not seen, all in one transaction under an
 * advisory lock keyed by the schema, so server processes starting together apply each migration
 * once and the others wait, then find nothing to do.
 *
 * Versions in the database that this code does not know are left alone, because during a rolling
 * upgrade an older release runs beside the newer one that applied them. A known version whose
 * stored name differs throws STORE_MIGRATION_MISMATCH.
 */
export async function applyMigrations(
  pool: Pool,
  schema: string | null,
  migrations: readonly Migration[],
): Promise<MigrationResult> {
  return withTransaction(pool, async (client) => {
    const lockName = await client.query<{ name: string }>(
      'SELECT coalesce($1::text, current_schema()) AS name',
      [schema],
    );
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      ADVISORY_LOCK_CLASS,
      `${lockName.rows[0]?.name ?? ''}:migrations`,
    ]);

    if (schema !== null) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    }
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);

    const existing = await client.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    const appliedNames = new Map(existing.rows.map((row) => [row.version, row.name]));

    const applied: number[] = [];
    for (const migration of migrations) {
      const storedName = appliedNames.get(migration.version);
      if (storedName === migration.name) continue;
      if (storedName !== undefined) {
        throw new StoreError(
          'STORE_MIGRATION_MISMATCH',
          `Migration ${migration.version} is recorded as "${storedName}" in the database but is ` +
            `"${migration.name}" in this release; restore the released migration files.`,
        );
      }
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return { applied };
  });
}
