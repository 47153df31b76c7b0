import { randomUUID } from 'node:crypto';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import Database from 'better-sqlite3';
import { Client } from 'pg';

import type { TrackedMessageDetail, TrackedMessageList } from '../src/shared/api';
import { parseServerConfig } from '../src/server/config/parseServerConfig';
import type { ServerConfig } from '../src/server/config/serverConfig';
import { createServerLogger } from '../src/server/http/logger';
import { startServer, type RunningServer } from '../src/server/server';
import { encodeMessageCursor } from '../src/server/store/cursor';
import { openPostgresStore } from '../src/server/store/postgres';
import { SqliteTrackingStore } from '../src/server/store/sqlite/sqliteTrackingStore';
import type { Sender, TrackingStore } from '../src/server/store/trackingStore';
import { LocalTokenIssuer } from '../test/support/localTokenIssuer';
import { dropSchema, uniqueSchemaName } from '../test/support/postgres';
import { createTempDirectory } from '../test/support/tempDirectory';
import { seedPostgresSender, seedSqliteSender, seedTrackingId, type SenderSeed } from './seedSenders';
import { percentile, timeInterleaved } from './stats';

/**
 * The API listing benchmark. It seeds a large and a small sender and starts the real server in this
 * process on 127.0.0.1, trusting a local token issuer. Then it times API requests one after another
 * over a keep-alive loopback connection, taking the request kinds in turn. The client runs in the
 * same process as the server, so each sample includes the client's request and response handling.
 */

export type ListingStoreTarget = { kind: 'sqlite' } | { kind: 'postgres'; url: string };

export interface ListingSizes {
  largeMessages: number;
  /** A whole multiple of `largeMessages`. */
  largeOpens: number;
  smallMessages: number;
  smallOpens: number;
  /** Requests of each kind sent before the measured ones. */
  warmUp: number;
  /** Measured requests of each kind. */
  iterations: number;
}

export const FULL_SIZES: ListingSizes = {
  largeMessages: 100_000,
  largeOpens: 1_000_000,
  smallMessages: 100,
  smallOpens: 1_000,
  warmUp: 50,
  iterations: 500,
};

export interface ListingCase {
  label: string;
  /** Duration of each measured request in milliseconds, until its whole body arrived. */
  samples: number[];
}

export interface ListingRunResult {
  store: 'SQLite' | 'PostgreSQL';
  /** The SQLite file or the PostgreSQL schema the run used; removed before the run returns. */
  location: string;
  seedMs: number;
  cases: ListingCase[];
  /** Resident set size of this process (server and client) after the measured requests, in bytes. */
  rssBytes: number;
}

const PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Seeds, starts the server, measures, and removes its database again, even when a step fails. */
export async function runListingBenchmark(
  target: ListingStoreTarget,
  sizes: ListingSizes,
): Promise<ListingRunResult> {
  const issuer = await LocalTokenIssuer.start();
  const large: Sender = { tenantId: issuer.tenantId, objectId: randomUUID() };
  const small: Sender = { tenantId: issuer.tenantId, objectId: randomUUID() };
  // Sixty days back, so every message is younger than the server's retention limits.
  const start = new Date(Date.now() - 60 * DAY_MS);
  const seeds: SenderSeed[] = [
    { sender: large, prefix: 'L', messages: sizes.largeMessages, opens: sizes.largeOpens, start },
    { sender: small, prefix: 'S', messages: sizes.smallMessages, opens: sizes.smallOpens, start },
  ];
  try {
    const database =
      target.kind === 'sqlite' ? await openSeededSqlite(seeds) : await openSeededPostgres(target.url, seeds);
    try {
      return await serveAndMeasure(target, database, issuer, { large, small }, sizes);
    } finally {
      await database.remove();
    }
  } finally {
    await issuer.stop();
  }
}

async function serveAndMeasure(
  target: ListingStoreTarget,
  database: SeededDatabase,
  issuer: LocalTokenIssuer,
  senders: { large: Sender; small: Sender },
  sizes: ListingSizes,
): Promise<ListingRunResult> {
  let server: RunningServer;
  try {
    const databaseOption = target.kind === 'sqlite' ? database.location : target.url;
    server = await startServer(benchmarkConfig(databaseOption, issuer), {
      store: database.store,
      logger: createServerLogger('info', warningsToStderr()),
    });
  } catch (error) {
    // startServer has closed the store already when it failed to migrate or listen.
    await database.store.close().catch(() => undefined);
    throw error;
  }
  try {
    const cases = await measureRequests(server.url, database.store, issuer, senders, sizes);
    return {
      store: target.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL',
      location: database.location,
      seedMs: database.seedMs,
      cases,
      rssBytes: process.memoryUsage().rss,
    };
  } finally {
    // The server closes the store it was given.
    await server.close();
  }
}

interface SeededDatabase {
  store: TrackingStore;
  /** The SQLite file or the PostgreSQL schema. */
  location: string;
  seedMs: number;
  remove(): Promise<void>;
}

async function openSeededSqlite(seeds: readonly SenderSeed[]): Promise<SeededDatabase> {
  const directory = await createTempDirectory();
  const path = join(directory.path, 'readmark.db');
  const store = new SqliteTrackingStore({ path });
  try {
    await store.migrate();
    const started = Date.now();
    const db = new Database(path);
    try {
      for (const seed of seeds) seedSqliteSender(db, seed);
      db.exec('ANALYZE');
    } finally {
      db.close();
    }
    return { store, location: path, seedMs: Date.now() - started, remove: () => directory.remove() };
  } catch (error) {
    await store.close();
    await directory.remove();
    throw error;
  }
}

async function openSeededPostgres(url: string, seeds: readonly SenderSeed[]): Promise<SeededDatabase> {
  const schema = uniqueSchemaName('listing_bench');
  const store = openPostgresStore({ connectionString: url, schema, poolSize: defaultPoolSize(url) });
  const admin = new Client({ connectionString: url });
  try {
    await admin.connect();
    await store.migrate();
    const started = Date.now();
    for (const seed of seeds) await seedPostgresSender(admin, schema, seed);
    await admin.query(`ANALYZE ${schema}.tracked_messages; ANALYZE ${schema}.opens`);
    return { store, location: schema, seedMs: Date.now() - started, remove: () => dropSchema(url, schema) };
  } catch (error) {
    await store.close();
    await dropSchema(url, schema);
    throw error;
  } finally {
    await admin.end();
  }
}

/** Reads the pool size that `readmark serve` uses when `--postgres-pool-size` is not given. */
function defaultPoolSize(url: string): number {
  const parsed = parseServerConfig({ database: url });
  if (parsed.database.kind !== 'postgres') throw new Error('Invalid database URL: use a postgres:// URL.');
  return parsed.database.poolSize;
}

/**
 * Returns `readmark serve`'s defaults on a free loopback port, with the API rate limit and
 * scheduled retention runs off. The benchmark sends thousands of requests as one user, and a
 * retention run in the middle would be timed as listing latency.
 */
function benchmarkConfig(database: string, issuer: LocalTokenIssuer): ServerConfig {
  const config = parseServerConfig({
    host: '127.0.0.1',
    port: '0',
    database,
    publicUrl: 'https://track.example.test',
    apiRateLimitPerMinute: '0',
    purgeIntervalMinutes: '0',
  });
  return { ...config, auth: issuer.authConfig() };
}

/**
 * Creates a log destination that receives every line, as production logging at `info` does, but
 * passes on only warnings and errors, so the request lines do not flood the benchmark's output.
 */
function warningsToStderr(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (/"level":(40|50|60)\b/.test(line)) process.stderr.write(`${line}\n`);
      }
      callback();
    },
  });
}

async function measureRequests(
  baseUrl: string,
  store: TrackingStore,
  issuer: LocalTokenIssuer,
  senders: { large: Sender; small: Sender },
  sizes: ListingSizes,
): Promise<ListingCase[]> {
  const largeToken = await issuer.issueToken({ claims: { oid: senders.large.objectId } });
  const smallToken = await issuer.issueToken({ claims: { oid: senders.small.objectId } });
  const deepPosition = Math.floor(sizes.largeMessages / 2);
  // The cursor after the first `deepPosition` messages names the last of them. Paging there through
  // the API would take hundreds of requests, so it is built from that message as the stores build it.
  const lastBeforeDeep = seedTrackingId('L', sizes.largeMessages - deepPosition);
  const lastBeforeDeepMessage = await store.getTrackedMessage(senders.large, lastBeforeDeep);
  if (lastBeforeDeepMessage === null) {
    throw new Error(`The seeded message ${lastBeforeDeep} was not found.`);
  }
  const deepCursor = encodeMessageCursor({
    lastActivityAt: lastBeforeDeepMessage.lastActivityAt.getTime(),
    trackingId: lastBeforeDeep,
  });
  const middleMessage = seedTrackingId('L', deepPosition);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (path: string, token: string) => getBody(agent, `${baseUrl}/api/v1${path}`, token);

  const requests: { label: string; send: () => Promise<string>; check: (body: string) => void }[] = [
    {
      label: `first page of ${PAGE_SIZE}, ${formatCount(sizes.largeMessages)}-message sender`,
      send: () => send(`/tracked-messages?limit=${PAGE_SIZE}`, largeToken),
      check: (body) => checkPage(body, 'L', sizes.largeMessages - 1, sizes.largeOpens / sizes.largeMessages),
    },
    {
      label: `page at position ${formatCount(deepPosition)}, same sender`,
      send: () =>
        send(`/tracked-messages?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(deepCursor)}`, largeToken),
      check: (body) =>
        checkPage(body, 'L', sizes.largeMessages - 1 - deepPosition, sizes.largeOpens / sizes.largeMessages),
    },
    {
      label: `first page of ${PAGE_SIZE}, ${formatCount(sizes.smallMessages)}-message sender`,
      send: () => send(`/tracked-messages?limit=${PAGE_SIZE}`, smallToken),
      check: (body) => checkPage(body, 'S', sizes.smallMessages - 1, sizes.smallOpens / sizes.smallMessages),
    },
    {
      label: 'one message with its recent opens',
      send: () => send(`/tracked-messages/${middleMessage}`, largeToken),
      check: (body) => checkDetail(body, middleMessage, sizes.largeOpens / sizes.largeMessages),
    },
  ];

  try {
    for (const request of requests) {
      request.check(await request.send());
    }
    const sends = requests.map((request) => request.send);
    await timeInterleaved(sizes.warmUp, sends);
    const samples = await timeInterleaved(sizes.iterations, sends);
    return requests.map((request, index) => ({ label: request.label, samples: samples[index] ?? [] }));
  } finally {
    agent.destroy();
  }
}

/** Sends one GET with a bearer token and resolves with the body; rejects unless the status is 200. */
function getBody(agent: Agent, url: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode === 200) resolve(body);
        else reject(new Error(`GET ${url} returned ${String(response.statusCode)}: ${body.slice(0, 500)}`));
      });
    });
    request.on('error', reject);
  });
}

/** Checks that a page starts at the expected seeded message and carries its seeded open count. */
function checkPage(body: string, prefix: string, firstIndex: number, opensPerMessage: number): void {
  const page = JSON.parse(body) as TrackedMessageList;
  const first = page.items[0];
  const expectedLength = Math.min(PAGE_SIZE, firstIndex + 1);
  if (page.items.length !== expectedLength || first === undefined) {
    throw new Error(`Expected a page of ${expectedLength} messages, got ${page.items.length}.`);
  }
  const expectedId = seedTrackingId(prefix, firstIndex);
  if (first.id !== expectedId || first.opens.counts.human !== opensPerMessage) {
    throw new Error(
      `Expected the page to start with ${expectedId} and ${opensPerMessage} human opens, ` +
        `got ${first.id} with ${first.opens.counts.human}.`,
    );
  }
}

function checkDetail(body: string, trackingId: string, opensPerMessage: number): void {
  const detail = JSON.parse(body) as TrackedMessageDetail;
  const expectedOpens = Math.min(PAGE_SIZE, opensPerMessage);
  if (
    detail.id !== trackingId ||
    detail.opens.counts.human !== opensPerMessage ||
    detail.recentOpens.length !== expectedOpens
  ) {
    throw new Error(
      `Expected ${trackingId} with ${opensPerMessage} human opens, ${expectedOpens} of them recent, ` +
        `got ${detail.id} with ${detail.opens.counts.human} and ${detail.recentOpens.length} recent.`,
    );
  }
}

function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Formats one markdown row per request and store: p50, p95 and p99 in milliseconds. */
export function formatTable(results: readonly ListingRunResult[]): string {
  const rows = results.flatMap((result) =>
    result.cases.map((entry) => [
      entry.label,
      result.store,
      ...[0.5, 0.95, 0.99].map((fraction) => percentile(entry.samples, fraction).toFixed(2)),
    ]),
  );
  const header = ['request', 'store', 'p50 ms', 'p95 ms', 'p99 ms'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (column < 2 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
