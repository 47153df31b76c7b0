/**
 * Benchmarks the PostgreSQL store directly, without HTTP: listing latency for one sender with
 * 100,000 tracked messages and 1,000,000 opens beside a sender with 100 messages, and the rate of
 * recordOpens at several batch sizes. It works in a schema of its own and drops it at the end.
 *
 *   npx tsc -p bench/tsconfig.json && node dist/bench/bench/postgresStore.js [postgres://…]
 */
import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { openPostgresStore } from '../src/server/store/postgres';
import type { NewOpen, Sender } from '../src/server/store/trackingStore';
import { seedPostgresSender, seedTrackingId } from './seedSenders';
import { formatLatency, timeEach } from './stats';

const DATABASE_URL = process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/test';
const LARGE_MESSAGES = 100_000;
const LARGE_OPENS = 1_000_000;
const SMALL_MESSAGES = 100;
const ITERATIONS = 500;
const PAGE_SIZE = 50;

async function main(): Promise<void> {
  const schema = `readmark_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  const store = openPostgresStore({ connectionString: DATABASE_URL, schema, poolSize: 4 });
  try {
    await store.migrate();
    const large: Sender = { tenantId: 'tenant-bench', objectId: 'large-sender' };
    const small: Sender = { tenantId: 'tenant-bench', objectId: 'small-sender' };

    let started = Date.now();
    const start = new Date(Date.now() - 60 * 24 * 60 * 60 * 1000);
    await seedPostgresSender(admin, schema, {
      sender: large,
      prefix: 'L',
      messages: LARGE_MESSAGES,
      opens: LARGE_OPENS,
      start,
    });
    await seedPostgresSender(admin, schema, {
      sender: small,
      prefix: 'S',
      messages: SMALL_MESSAGES,
      opens: SMALL_MESSAGES * 10,
      start,
    });
    await admin.query(`ANALYZE ${schema}.tracked_messages; ANALYZE ${schema}.opens`);
    console.log(`seeded ${LARGE_MESSAGES} messages and ${LARGE_OPENS} opens in ${Date.now() - started} ms`);
    // Sums every partition with its indexes and TOAST data. The partitioned parent stores nothing.
    const size = await admin.query<{ bytes: string; rows: string }>(
      `SELECT (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree($1::regclass)) AS bytes,
              (SELECT count(*) FROM ${schema}.opens) AS rows`,
      [`${schema}.opens`],
    );
    const { bytes, rows } = size.rows[0] ?? { bytes: '0', rows: '1' };
    console.log(`opens on disk with their indexes: ${Math.round(Number(bytes) / Number(rows))} bytes per open`);

    const middleMessage = seedTrackingId('L', LARGE_MESSAGES / 2);
    const deepCursor = (await store.listTrackedMessages(large, { limit: LARGE_MESSAGES / 2, cursor: null }))
      .nextCursor;
    const cases: [string, () => Promise<unknown>][] = [
      [
        'list first page, 100,000-message sender',
        () => store.listTrackedMessages(large, { limit: PAGE_SIZE, cursor: null }),
      ],
      [
        'list page at 50,000, 100,000-message sender',
        () => store.listTrackedMessages(large, { limit: PAGE_SIZE, cursor: deepCursor }),
      ],
      [
        'list first page, 100-message sender',
        () => store.listTrackedMessages(small, { limit: PAGE_SIZE, cursor: null }),
      ],
      ['get one message', () => store.getTrackedMessage(large, middleMessage)],
      ['find pixel target', () => store.findPixelTarget(middleMessage)],
      [
        'list opens of one message',
        () => store.listOpens(large, middleMessage, { limit: PAGE_SIZE, cursor: null }),
      ],
    ];
    for (const [label, work] of cases) {
      await timeEach(50, work); // warm-up
      console.log(`${label}: ${formatLatency(await timeEach(ITERATIONS, work))}`);
    }

    for (const batchSize of [1, 10, 100, 1000]) {
      const batches = Math.max(20, Math.floor(20_000 / batchSize / 5));
      started = Date.now();
      for (let batch = 0; batch < batches; batch++) {
        await store.recordOpens(openBatch(large, batchSize, batch));
      }
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `recordOpens batch of ${batchSize}: ${Math.round((batches * batchSize) / seconds)} opens/s, ` +
          `${Math.round(batches / seconds)} commits/s`,
      );
    }
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

function openBatch(sender: Sender, size: number, batch: number): NewOpen[] {
  return Array.from({ length: size }, (_, index) => ({
    trackingId: seedTrackingId('L', (batch * size + index) % LARGE_MESSAGES),
    tenantId: sender.tenantId,
    at: new Date(),
    method: 'GET',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    clientNetwork: '203.0.113.0/24',
    kind: 'human',
    confidence: 0.9,
    reasons: ['desktop-client'],
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
