'use strict';
// Times the SQLite store's open writes alone, without HTTP: 2,000 batches of 50 opens into 1,000
// tracked messages. It runs once per kind of hit id (a random UUID, the time-ordered id of the
// pixel path, none), each on a fresh database file. Needs `npm run build:server` first.
// Usage: node bench/open-writes.js [--batches 2000]
const { randomUUID } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { root, option, seedTrackedMessages } = require('./pixelLoad');

const { SqliteTrackingStore, connectionPragmas } = require(
  join(root, 'dist/server/store/sqlite/sqliteTrackingStore.js'),
);
const { createOpenBatchWriter } = require(join(root, 'dist/server/store/sqlite/openWrites.js'));
const { newHitId } = require(join(root, 'dist/server/core/pixelHits.js'));

const BATCH_SIZE = 50;
const batches = Number(option(process.argv.slice(2), '--batches', '2000'));
const TENANT_ID = '8f1d2c3b-4a5e-4f60-9b7c-1d2e3f405162';

const HIT_IDS = {
  'random UUID': () => randomUUID(),
  'time-ordered (newHitId)': (at) => newHitId(at),
  none: () => undefined,
};

async function timeWrites(directory, name, hitId) {
  const path = join(directory, `${name.replace(/\W+/g, '-')}.db`);
  const store = new SqliteTrackingStore({ path });
  await store.migrate();
  const ids = await seedTrackedMessages(store);
  await store.close();

  // The connection the server's writer thread opens: WAL, synchronous=FULL, its checkpoint interval.
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  for (const pragma of connectionPragmas('FULL', 5000, {})) db.pragma(pragma);
  const write = createOpenBatchWriter(db);
  let count = 0;
  const started = process.hrtime.bigint();
  for (let batch = 0; batch < batches; batch += 1) {
    const opens = [];
    for (let index = 0; index < BATCH_SIZE; index += 1) {
      count += 1;
      const at = new Date(Date.now() + count);
      opens.push({
        hitId: hitId(at),
        trackingId: ids[count % ids.length],
        tenantId: TENANT_ID,
        at,
        method: 'GET',
        userAgent: null,
        clientNetwork: '127.0.0.0/24',
        kind: 'unknown',
        confidence: 0.3,
        reasons: ['no-user-agent', 'repeat'],
        counted: false,
      });
    }
    write(opens);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return { opensPerSecond: Math.round(count / seconds), microsecondsPerOpen: (seconds * 1e6) / count };
}

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'readmark-open-writes-'));
  try {
    console.log('| hit id | opens/s | µs per open |');
    console.log('| --- | ---: | ---: |');
    for (const [name, hitId] of Object.entries(HIT_IDS)) {
      const result = await timeWrites(directory, name, hitId);
      console.log(`| ${name} | ${result.opensPerSecond} | ${result.microsecondsPerOpen.toFixed(1)} |`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
