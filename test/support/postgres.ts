import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

/**
 * Access to the PostgreSQL server that the PostgreSQL tests run against. Each test file works
 * in a schema of its own and drops it afterwards.
 *
 * The server is READMARK_TEST_DATABASE_URL, or else the first of the local defaults that accepts
 * a connection. Outside CI, with none reachable, the suites are skipped with a message on stderr.
 * With CI set they fail instead, because a skipped suite there would hide a broken setup.
 */

const CANDIDATE_URLS = process.env.READMARK_TEST_DATABASE_URL
  ? [process.env.READMARK_TEST_DATABASE_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

const PROBE_TIMEOUT_MS = 10_000;

// describe() bodies run synchronously, so the probe does too: a child process tries each URL.
const PROBE_SCRIPT = `
const { Client } = require('pg');
(async () => {
  for (const url of JSON.parse(process.argv[1])) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      process.stdout.write(url);
      await client.end();
      return;
    } catch (error) {
      process.stderr.write(url.replace(/:[^:@/]*@/, ':***@') + ': ' + error.message + '\\n');
      await client.end().catch(() => undefined);
    }
  }
  process.exitCode = 1;
})();
`;

interface ProbeResult {
  url: string | null;
  failure: string;
}

let probed: ProbeResult | undefined;

function probe(): ProbeResult {
  if (probed !== undefined) return probed;
  const child = spawnSync(process.execPath, ['-e', PROBE_SCRIPT, JSON.stringify(CANDIDATE_URLS)], {
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS,
  });
  const url = child.status === 0 && child.stdout !== '' ? child.stdout : null;
  const failure =
    child.stderr.trim() || (child.error?.message ?? `probe exited with status ${String(child.status)}`);
  probed = { url, failure };
  return probed;
}

function isCi(): boolean {
  const value = process.env.CI;
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/**
 * Declares a suite that needs PostgreSQL; `body` receives the connection URL. Without a
 * reachable server the suite is skipped (outside CI) or fails with the reason (in CI).
 */
export function describeWithPostgres(name: string, body: (databaseUrl: string) => void): void {
  const { url, failure } = probe();
  if (url !== null) {
    describe(name, () => body(url));
    return;
  }

  const reason =
    `PostgreSQL is not reachable (${failure.replace(/\n/g, '; ')}). ` +
    'Start it or set READMARK_TEST_DATABASE_URL to a postgres:// URL.';
  if (isCi()) {
    describe(name, () => {
      test('PostgreSQL is reachable', () => {
        throw new Error(`${reason} CI is set, so PostgreSQL tests must run.`);
      });
    });
    return;
  }
  process.stderr.write(`Skipping "${name}": ${reason}\n`);
  describe.skip(name, () => body(CANDIDATE_URLS[0] ?? ''));
}

/** Makes a schema name that is unique across parallel test files and runs. */
export function uniqueSchemaName(label: string): string {
  return `readmark_test_${label.toLowerCase().replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Runs one query with its own connection, for tests that inspect the database directly. */
export async function queryDatabase<Row extends object>(
  databaseUrl: string,
  sql: string,
  parameters: unknown[] = [],
): Promise<Row[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<Row>(sql, parameters);
    return result.rows;
  } finally {
    await client.end();
  }
}
