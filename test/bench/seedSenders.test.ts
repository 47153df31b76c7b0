import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import {
  seedPostgresSender,
  seedSqliteSender,
  seedTrackingId,
  type SenderSeed,
} from '../../bench/seedSenders';
import { isWellFormedTrackingId } from '../../src/server/core/trackingId';
import { openPostgresStore } from '../../src/server/store/postgres';
import { SqliteTrackingStore } from '../../src/server/store/sqlite/sqliteTrackingStore';
import type { TrackingStore } from '../../src/server/store/trackingStore';
import { describeWithPostgres, dropSchema, queryDatabase, uniqueSchemaName } from '../support/postgres';
import { createTempDirectory } from '../support/tempDirectory';

// Ten minutes before a month ends, so the opens of one seed fall into two monthly partitions.
const SEED: SenderSeed = {
  sender: { tenantId: 'tenant-seed', objectId: 'user-seed' },
  prefix: 'L',
  messages: 20,
  opens: 60,
  start: new Date('2026-01-31T23:50:00Z'),
};

/** Checks what the store reads back: each message's counters match its opens. */
async function expectCountersMatchOpens(store: TrackingStore): Promise<void> {
  const page = await store.listTrackedMessages(SEED.sender, { limit: 100, cursor: null });
  expect(page.items).toHaveLength(SEED.messages);
  for (const message of page.items) {
    const opens = await store.listOpens(SEED.sender, message.trackingId, { limit: 100, cursor: null });
    const times = opens.items.map((open) => open.at.getTime());
    expect(message.opens.counts.human).toBe(opens.items.length);
    expect(opens.items).toHaveLength(SEED.opens / SEED.messages);
    expect(message.opens.firstOpenAt?.getTime()).toBe(Math.min(...times));
    expect(message.opens.lastOpenAt?.getTime()).toBe(Math.max(...times));
    expect(message.lastActivityAt.getTime()).toBe(Math.max(...times));
    // Newest first: sequence order and time order agree.
    expect(times).toEqual([...times].sort((a, b) => b - a));
  }
}

describe('seedTrackingId', () => {
  test('makes ids the API accepts', () => {
    expect(seedTrackingId('L', 0)).toBe('L00000000000000000000A');
    expect(isWellFormedTrackingId(seedTrackingId('S', 99_999))).toBe(true);
  });
});

describe('seedSqliteSender', () => {
  test('keeps counters equal to the opens', async () => {
    const directory = await createTempDirectory();
    const path = join(directory.path, 'readmark.db');
    const store = new SqliteTrackingStore({ path });
    try {
      await store.migrate();
      const db = new Database(path);
      seedSqliteSender(db, SEED);
      db.close();

      await expectCountersMatchOpens(store);
      expect(await store.findPixelTarget(seedTrackingId('L', 19))).not.toBeNull();
    } finally {
      await store.close();
      await directory.remove();
    }
  });

  test.each([
    ['a two-letter prefix', { prefix: 'LL' }, /seed prefix "LL"/],
    ['opens not a multiple of messages', { opens: 61 }, /open count 61/],
    ['no messages', { messages: 0 }, /message count 0/],
  ])('rejects %s', async (_name, change, message) => {
    const directory = await createTempDirectory();
    const db = new Database(join(directory.path, 'readmark.db'));
    try {
      expect(() => seedSqliteSender(db, { ...SEED, ...change })).toThrow(message);
    } finally {
      db.close();
      await directory.remove();
    }
  });
});

describeWithPostgres('seedPostgresSender', (databaseUrl) => {
  test('keeps counters equal to the opens across months', async () => {
    const schema = uniqueSchemaName('seed_senders');
    const store = openPostgresStore({ connectionString: databaseUrl, schema, poolSize: 2 });
    const admin = new Client({ connectionString: databaseUrl });
    try {
      await store.migrate();
      await admin.connect();
      await seedPostgresSender(admin, schema, SEED);

      await expectCountersMatchOpens(store);
      const partitions = await queryDatabase<{ month: string; rows: string }>(
        databaseUrl,
        `SELECT tableoid::regclass::text AS month, count(*) AS rows FROM ${schema}.opens
          GROUP BY 1 ORDER BY 1`,
      );
      expect(partitions.map((row) => row.month)).toEqual([
        `${schema}.opens_p202601`,
        `${schema}.opens_p202602`,
      ]);
      const sequences = await queryDatabase<{ last_open_sequence: string; max: string }>(
        databaseUrl,
        `SELECT DISTINCT m.last_open_sequence, max(o.sequence) AS max
           FROM ${schema}.tracked_messages m JOIN ${schema}.opens o USING (tenant_id, tracking_id)
          GROUP BY m.tracking_id, m.last_open_sequence`,
      );
      expect(sequences).toEqual([{ last_open_sequence: '3', max: '3' }]);
    } finally {
      await admin.end();
      await store.close();
      await dropSchema(databaseUrl, schema);
    }
  });
});
