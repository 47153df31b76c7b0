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
    await seed(admin, schema, large, 'L', LARGE_MESSAGES, LARGE_OPENS);
    await seed(admin, schema, small, 'S', SMALL_MESSAGES, SMALL_MESSAGES * 10);
    await admin.query(`ANALYZE ${schema}.tracked_messages; ANALYZE ${schema}.opens`);
    console.log(`seeded ${LARGE_MESSAGES} messages and ${LARGE_OPENS} opens in ${Date.now() - started} ms`);

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
      ['get one message', () => store.getTrackedMessage(large, 'L0050000')],
      ['find pixel target', () => store.findPixelTarget('L0050000')],
      [
        'list opens of one message',
        () => store.listOpens(large, 'L0050000', { limit: PAGE_SIZE, cursor: null }),
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

/** Inserts messages and opens with set-based SQL; the counters match the opens inserted. */
async function seed(
  client: Client,
  schema: string,
  sender: Sender,
  prefix: string,
  messageCount: number,
  openCount: number,
): Promise<void> {
  const opensPerMessage = openCount / messageCount;
  await client.query(
    `INSERT INTO ${schema}.tracked_messages
       (tenant_id, object_id, tracking_id, client_request_id, subject, recipient_count, created_at,
        last_activity_at, last_open_sequence, opens_human, first_person_open_at, last_person_open_at)
     SELECT $1, $2, $3 || lpad(i::text, 7, '0'), 'draft-' || i, 'Subject ' || i, 2,
            now() - interval '60 days' + i * interval '30 seconds',
            now() - interval '60 days' + i * interval '30 seconds' + interval '1 hour',
            $4::int, $4::int,
            now() - interval '60 days' + i * interval '30 seconds' + interval '10 minutes',
            now() - interval '60 days' + i * interval '30 seconds' + interval '1 hour'
       FROM generate_series(0, $5::int - 1) AS i`,
    [sender.tenantId, sender.objectId, prefix, opensPerMessage, messageCount],
  );
  for (const month of [-3, -2, -1, 0]) {
    await client.query(`SELECT ${schema}.create_opens_partition(now() + $1 * interval '1 month')`, [month]);
  }
  await client.query(
    `INSERT INTO ${schema}.opens
       (tenant_id, tracking_id, sequence, opened_at, method, user_agent, client_network, kind, confidence, reasons)
     SELECT $1, $2 || lpad((i % $3::int)::text, 7, '0'), i / $3::int + 1,
            now() - interval '60 days' + (i % $3::int) * interval '30 seconds' + (i / $3::int) * interval '5 minutes',
            'GET', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', '203.0.113.0/24', 'human', 0.9, ARRAY['desktop-client']
       FROM generate_series(0, $4::int - 1) AS i`,
    [sender.tenantId, prefix, messageCount, openCount],
  );
}

function openBatch(sender: Sender, size: number, batch: number): NewOpen[] {
  return Array.from({ length: size }, (_, index) => ({
    trackingId: `L${String((batch * size + index) % LARGE_MESSAGES).padStart(7, '0')}`,
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
