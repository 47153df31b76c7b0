import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { openPostgresStore } from '../src/server/store/postgres';
import { SqliteTrackingStore } from '../src/server/store/sqlite/sqliteTrackingStore';
import type { Sender, TrackingStore } from '../src/server/store/trackingStore';
import { startServerProcess, type ServerProcess } from '../test/support/serverProcess';

/**
 * The crash test: loads the pixel endpoint of a real `readmark serve` process over loopback, kills
 * it with SIGKILL at a random moment, restarts it, and repeats. Afterwards every open that got a
 * 200 must be in the database, and the database must pass its integrity check. Each request
 * carries a unique user agent, so an acknowledged open can be found again.
 */

export interface CrashRunOptions {
  /** Compiled CLI entry (`buildServer()`). */
  main: string;
  /** A SQLite file path or a postgres:// URL, exactly as `--database` takes it. */
  database: string;
  kills: number;
  /** Concurrent request loops. */
  connections: number;
  /** Each round runs the load for a random time between these bounds before the kill, in ms. */
  minRunMs: number;
  maxRunMs: number;
}

export interface CrashRunResult {
  acknowledged: number;
  stored: number;
  /** Acknowledged opens missing from the database; must be empty. */
  missing: string[];
  /** Problems the integrity check found; must be empty. */
  integrityProblems: string[];
}

const SENDER: Sender = { tenantId: 'tenant-crash', objectId: 'user-crash' };

export async function runCrashTest(options: CrashRunOptions): Promise<CrashRunResult> {
  const trackingId = randomBytes(16).toString('base64url');
  const isPostgres = /^postgres(ql)?:\/\//.test(options.database);
  const setup: TrackingStore = isPostgres
    ? openPostgresStore({ connectionString: options.database, poolSize: 2 })
    : new SqliteTrackingStore({ path: options.database });
  await setup.migrate();
  await setup.createTrackedMessage({
    trackingId,
    sender: SENDER,
    clientRequestId: trackingId,
    subject: 'Crash test',
    recipientCount: 1,
    createdAt: new Date(),
  });
  await setup.close();

  const acknowledged = new Set<string>();
  for (let round = 0; round < options.kills; round++) {
    // All load comes from one client network, which the per-network limit would stop recording.
    const server = await startServerProcess(options.main, [
      '--database',
      options.database,
      '--pixel-rate-limit-per-minute',
      '0',
    ]);
    const runMs = options.minRunMs + Math.random() * (options.maxRunMs - options.minRunMs);
    await loadUntilKilled(server, trackingId, round, options.connections, runMs, acknowledged);
  }

  const stored = isPostgres
    ? await postgresUserAgents(options.database, trackingId)
    : sqliteUserAgents(options.database, trackingId);
  const integrityProblems = isPostgres
    ? await checkPostgres(options.database)
    : checkSqlite(options.database);
  return {
    acknowledged: acknowledged.size,
    stored: stored.size,
    missing: [...acknowledged].filter((userAgent) => !stored.has(userAgent)),
    integrityProblems,
  };
}

async function loadUntilKilled(
  server: ServerProcess,
  trackingId: string,
  round: number,
  connections: number,
  runMs: number,
  acknowledged: Set<string>,
): Promise<void> {
  const url = new URL(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let alive = true;
  let sequence = 0;
  const loop = async (): Promise<void> => {
    while (alive) {
      const userAgent = `crash-${round}-${sequence++}`;
      const status = await get(url, `/o/${trackingId}.gif`, userAgent, agent);
      if (status === 200) acknowledged.add(userAgent);
      if (status === 0) return;
    }
  };
  const loops = Array.from({ length: connections }, () => loop());
  await new Promise((resolve) => setTimeout(resolve, runMs));
  server.child.kill('SIGKILL');
  await server.exited;
  alive = false;
  await Promise.all(loops);
  agent.destroy();
}

/** Resolves with the status code, or 0 when the connection failed (the server was killed). */
function get(url: URL, path: string, userAgent: string, agent: Agent): Promise<number> {
  return new Promise((resolve) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, path, agent, headers: { 'user-agent': userAgent } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', () => resolve(0));
      },
    );
    outgoing.on('error', () => resolve(0));
    outgoing.end();
  });
}

function sqliteUserAgents(path: string, trackingId: string): Set<string> {
  const database = new Database(path, { readonly: true });
  try {
    const rows = database
      .prepare<[string], { user_agent: string }>('SELECT user_agent FROM opens WHERE tracking_id = ?')
      .all(trackingId);
    return new Set(rows.map((row) => row.user_agent));
  } finally {
    database.close();
  }
}

function checkSqlite(path: string): string[] {
  const database = new Database(path, { readonly: true });
  try {
    const problems = database
      .prepare<[], { integrity_check: string }>('PRAGMA integrity_check')
      .all()
      .map((row) => row.integrity_check)
      .filter((line) => line !== 'ok');
    problems.push(...counterMismatches(database.prepare<[], CounterRow>(SQLITE_COUNTERS).all()));
    return problems;
  } finally {
    database.close();
  }
}

async function postgresUserAgents(url: string, trackingId: string): Promise<Set<string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ user_agent: string }>(
      'SELECT user_agent FROM opens WHERE tracking_id = $1',
      [trackingId],
    );
    return new Set(result.rows.map((row) => row.user_agent));
  } finally {
    await client.end();
  }
}

async function checkPostgres(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const counters = await client.query<CounterRow>(POSTGRES_COUNTERS);
    const orphans = await client.query<{ count: string }>(
      `SELECT count(*) AS count FROM opens o
        WHERE NOT EXISTS (SELECT 1 FROM tracked_messages m
                           WHERE m.tenant_id = o.tenant_id AND m.tracking_id = o.tracking_id)`,
    );
    const problems = counterMismatches(counters.rows);
    const orphanCount = Number(orphans.rows[0]?.count ?? 0);
    if (orphanCount > 0) problems.push(`${orphanCount} opens belong to no tracked message`);
    return problems;
  } finally {
    await client.end();
  }
}

interface CounterRow {
  tracking_id: string;
  counted: string | number;
  stored: string | number;
}

const COUNTER_SUM =
  'opens_human + opens_human_via_proxy + opens_prefetch + opens_scanner + opens_self + opens_unknown';

const SQLITE_COUNTERS = `
  SELECT m.tracking_id, ${COUNTER_SUM} AS counted,
         (SELECT count(*) FROM opens o WHERE o.tracking_id = m.tracking_id) AS stored
    FROM tracked_messages m`;

const POSTGRES_COUNTERS = `
  SELECT m.tracking_id, ${COUNTER_SUM} AS counted,
         (SELECT count(*) FROM opens o
           WHERE o.tenant_id = m.tenant_id AND o.tracking_id = m.tracking_id) AS stored
    FROM tracked_messages m`;

function counterMismatches(rows: CounterRow[]): string[] {
  return rows
    .filter((row) => Number(row.counted) !== Number(row.stored))
    .map(
      (row) =>
        `message ${row.tracking_id.slice(0, 6)}…: counters say ${row.counted} opens, ${row.stored} rows`,
    );
}
