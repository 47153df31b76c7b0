import { Client } from 'pg';
import { openPostgresStore } from '../../../../src/server/store/postgres';
import { applyMigrations } from '../../../../src/server/store/postgres/migrate';
import { MIGRATIONS } from '../../../../src/server/store/postgres/migrations';
import { createPool } from '../../../../src/server/store/postgres/pool';
import { resolvePostgresStoreOptions } from '../../../../src/server/store/postgres/options';
import { describeWithPostgres, dropSchema, queryDatabase, uniqueSchemaName } from '../../../support/postgres';
import { FROZEN_NOW } from './fixtures';

describeWithPostgres('PostgreSQL store migrations', (databaseUrl) => {
  const schemas: string[] = [];

  function freshSchema(label: string): string {
    const schema = uniqueSchemaName(label);
    schemas.push(schema);
    return schema;
  }

  afterAll(async () => {
    for (const schema of schemas) await dropSchema(databaseUrl, schema);
  });

  test('migrate creates the schema and records each version', async () => {
    const schema = freshSchema('migrate');
    const store = openPostgresStore({ connectionString: databaseUrl, schema, clock: () => FROZEN_NOW });
    try {
      const result = await store.migrate();

      expect(result.applied).toEqual(MIGRATIONS.map((migration) => migration.version));
      const rows = await queryDatabase<{ version: number; name: string }>(
        databaseUrl,
        `SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`,
      );
      expect(rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    } finally {
      await store.close();
    }
  });

  test('migrate twice applies nothing the second time', async () => {
    const schema = freshSchema('again');
    const store = openPostgresStore({ connectionString: databaseUrl, schema, clock: () => FROZEN_NOW });
    try {
      await store.migrate();
      const second = await store.migrate();

      expect(second.applied).toEqual([]);
    } finally {
      await store.close();
    }
  });

  test('concurrent migrate from several stores applies each version once', async () => {
    const schema = freshSchema('concurrent');
    const stores = [1, 2, 3, 4].map(() =>
      openPostgresStore({ connectionString: databaseUrl, schema, poolSize: 2, clock: () => FROZEN_NOW }),
    );
    try {
      const results = await Promise.all(stores.map((store) => store.migrate()));

      const appliedVersions = results.flatMap((result) => result.applied).sort((a, b) => a - b);
      expect(appliedVersions).toEqual(MIGRATIONS.map((migration) => migration.version));
      const rows = await queryDatabase<{ count: string }>(
        databaseUrl,
        `SELECT count(*) AS count FROM ${schema}.schema_migrations`,
      );
      expect(Number(rows[0]?.count)).toBe(MIGRATIONS.length);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  test('migrate creates partitions for this month and the months ahead', async () => {
    const schema = freshSchema('partitions');
    const store = openPostgresStore({
      connectionString: databaseUrl,
      schema,
      partitionMonthsAhead: 2,
      clock: () => new Date('2026-11-20T00:00:00.000Z'),
    });
    try {
      await store.migrate();

      // The bounds print in the session's time zone, so this connection sets TimeZone to UTC.
      const rows = await queryDatabase<{ name: string; bound: string }>(
        `${databaseUrl}?options=-c%20TimeZone%3DUTC`,
        `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = '${schema}.opens'::regclass
          ORDER BY c.relname`,
      );
      expect(rows).toEqual([
        {
          name: 'opens_p202611',
          bound: "FOR VALUES FROM ('2026-11-01 00:00:00+00') TO ('2026-12-01 00:00:00+00')",
        },
        {
          name: 'opens_p202612',
          bound: "FOR VALUES FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')",
        },
        {
          name: 'opens_p202701',
          bound: "FOR VALUES FROM ('2027-01-01 00:00:00+00') TO ('2027-02-01 00:00:00+00')",
        },
      ]);
    } finally {
      await store.close();
    }
  });

  test('partition function keeps its schema for any caller', async () => {
    const schema = freshSchema('function');
    const store = openPostgresStore({ connectionString: databaseUrl, schema, clock: () => FROZEN_NOW });
    try {
      await store.migrate();

      // This connection has the default search_path, not the store's schema.
      await queryDatabase(databaseUrl, `SELECT ${schema}.create_opens_partition('2040-05-17T00:00:00Z')`);

      const rows = await queryDatabase<{ schema: string }>(
        databaseUrl,
        `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relname = 'opens_p204005'`,
      );
      expect(rows).toEqual([{ schema }]);
    } finally {
      await store.close();
    }
  });

  test('every primary key starts with tenant_id', async () => {
    const schema = freshSchema('keys');
    const store = openPostgresStore({ connectionString: databaseUrl, schema, clock: () => FROZEN_NOW });
    try {
      await store.migrate();

      const rows = await queryDatabase<{ table_name: string; first_column: string }>(
        databaseUrl,
        `SELECT c.relname AS table_name, a.attname AS first_column
           FROM pg_index i
           JOIN pg_class c ON c.oid = i.indrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
          WHERE i.indisprimary AND n.nspname = $1 AND NOT c.relispartition
            AND c.relname <> 'schema_migrations'`,
        [schema],
      );
      const firstColumns = Object.fromEntries(rows.map((row) => [row.table_name, row.first_column]));
      expect(firstColumns).toEqual({
        tracked_messages: 'tenant_id',
        message_activity: 'tenant_id',
        opens: 'tenant_id',
        read_receipts: 'tenant_id',
        sender_views: 'tenant_id',
        sender_networks: 'tenant_id',
      });
    } finally {
      await store.close();
    }
  });

  describe('message activity table', () => {
    const sender = { tenantId: 'tenant-a', objectId: 'user-a' };

    const INSERT_AS_OLDER_RELEASE = (schema: string) => `
      INSERT INTO ${schema}.tracked_messages
        (tenant_id, object_id, tracking_id, client_request_id, created_at, last_activity_at)
      VALUES ($1, $2, $3, $3, '2026-03-01T00:00:00Z', $4)`;

    /** Inserts a tracked message as the release before migration 4 did, with its activity time. */
    async function insertAsOlderRelease(
      schema: string,
      trackingId: string,
      activityAt: string,
    ): Promise<void> {
      await queryDatabase(databaseUrl, INSERT_AS_OLDER_RELEASE(schema), [
        sender.tenantId,
        sender.objectId,
        trackingId,
        activityAt,
      ]);
    }

    async function listedIds(schema: string): Promise<string[]> {
      const store = openPostgresStore({ connectionString: databaseUrl, schema, clock: () => FROZEN_NOW });
      try {
        const page = await store.listTrackedMessages(sender, { limit: 10, cursor: null });
        return page.items.map((message) => `${message.trackingId} ${message.lastActivityAt.toISOString()}`);
      } finally {
        await store.close();
      }
    }

    test('upgrade keeps the activity order', async () => {
      const schema = freshSchema('activity-upgrade');
      const pool = createPool(resolvePostgresStoreOptions({ connectionString: databaseUrl, schema }));
      try {
        await applyMigrations(pool, schema, MIGRATIONS.slice(0, 3));
        await insertAsOlderRelease(schema, 'older', '2026-03-02T00:00:00.000Z');
        await insertAsOlderRelease(schema, 'newer', '2026-03-05T00:00:00.000Z');
        await applyMigrations(pool, schema, MIGRATIONS);
      } finally {
        await pool.end();
      }

      expect(await listedIds(schema)).toEqual([
        'newer 2026-03-05T00:00:00.000Z',
        'older 2026-03-02T00:00:00.000Z',
      ]);
    });

    test("an older release's write during the upgrade reaches the list", async () => {
      const schema = freshSchema('activity-during');
      const pool = createPool(resolvePostgresStoreOptions({ connectionString: databaseUrl, schema }));
      const olderRelease = new Client({ connectionString: databaseUrl });
      await olderRelease.connect();
      try {
        await applyMigrations(pool, schema, MIGRATIONS.slice(0, 3));
        await olderRelease.query('BEGIN');
        await olderRelease.query(INSERT_AS_OLDER_RELEASE(schema), [
          sender.tenantId,
          sender.objectId,
          'in-flight',
          '2026-03-02T00:00:00.000Z',
        ]);

        const upgrade = applyMigrations(pool, schema, MIGRATIONS);
        // The migration waits for the older release's open transaction before it copies anything.
        for (let poll = 0; poll < 100; poll += 1) {
          const waiting = await queryDatabase<{ count: number }>(
            databaseUrl,
            `SELECT count(*)::int AS count FROM pg_locks
              WHERE NOT granted AND relation = to_regclass($1)`,
            [`${schema}.tracked_messages`],
          );
          if (waiting[0]?.count === 1) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await olderRelease.query('COMMIT');
        await upgrade;
      } finally {
        await olderRelease.end();
        await pool.end();
      }

      expect(await listedIds(schema)).toEqual(['in-flight 2026-03-02T00:00:00.000Z']);
    });

    test("an older release's writes reach the list", async () => {
      const schema = freshSchema('activity-older');
      const store = openPostgresStore({ connectionString: databaseUrl, schema, clock: () => FROZEN_NOW });
      await store.migrate();
      await store.close();

      await insertAsOlderRelease(schema, 'first', '2026-03-02T00:00:00.000Z');
      await insertAsOlderRelease(schema, 'second', '2026-03-03T00:00:00.000Z');
      // An open written by the older release moves the column; an earlier time changes nothing.
      await queryDatabase(
        databaseUrl,
        `UPDATE ${schema}.tracked_messages SET last_activity_at = GREATEST(last_activity_at, $2)
          WHERE tracking_id = $1`,
        ['first', '2026-03-04T00:00:00.000Z'],
      );
      await queryDatabase(
        databaseUrl,
        `UPDATE ${schema}.tracked_messages SET last_activity_at = $2 WHERE tracking_id = $1`,
        ['second', '2026-03-01T00:00:00.000Z'],
      );

      expect(await listedIds(schema)).toEqual([
        'first 2026-03-04T00:00:00.000Z',
        'second 2026-03-03T00:00:00.000Z',
      ]);
    });
  });

  test('migration renamed in code is reported as a mismatch', async () => {
    const schema = freshSchema('mismatch');
    const store = openPostgresStore({ connectionString: databaseUrl, schema, clock: () => FROZEN_NOW });
    await store.migrate();
    await store.close();

    const pool = createPool(resolvePostgresStoreOptions({ connectionString: databaseUrl, schema }));
    try {
      const renamed = MIGRATIONS.map((migration) => ({ ...migration, name: `${migration.name}_edited` }));
      await expect(applyMigrations(pool, schema, renamed)).rejects.toMatchObject({
        code: 'STORE_MIGRATION_MISMATCH',
      });
    } finally {
      await pool.end();
    }
  });
});
