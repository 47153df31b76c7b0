/**
 * Benchmarks API listing over HTTP on both stores. One sender has 100,000 tracked messages and
 * 1,000,000 opens, another 100 messages. Each request kind gets 50 warm-up and 500 measured
 * requests, sent one at a time with the kinds taken in turn. SQLite works in a temporary folder and
 * PostgreSQL in a schema of its own, and both are removed at the end. Without a reachable
 * PostgreSQL server that part is skipped.
 *
 *   npx tsc -p bench/tsconfig.json && node dist/bench/bench/listing.js [postgres://…]
 */
import { loadavg } from 'node:os';

import { Client } from 'pg';

import { formatTable, FULL_SIZES, runListingBenchmark, type ListingRunResult } from './listingRun';

const DATABASE_URL = process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function main(): Promise<void> {
  console.log(`load average at start: ${formatLoad()}`);
  const results: ListingRunResult[] = [];

  const sqlite = await runListingBenchmark({ kind: 'sqlite' }, FULL_SIZES);
  results.push(sqlite);
  report(sqlite);

  const unreachable = await checkPostgres(DATABASE_URL);
  if (unreachable === null) {
    const postgres = await runListingBenchmark({ kind: 'postgres', url: DATABASE_URL }, FULL_SIZES);
    results.push(postgres);
    report(postgres);
  } else {
    console.log(`PostgreSQL: skipped, ${redactPassword(DATABASE_URL)} is not reachable: ${unreachable}`);
  }

  console.log(`load average at end: ${formatLoad()}\n`);
  console.log(formatTable(results));
}

/** Returns null when a connection succeeds, else the reason it failed. */
async function checkPostgres(url: string): Promise<string | null> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function report(result: ListingRunResult): void {
  console.log(
    `${result.store}: seeded in ${(result.seedMs / 1000).toFixed(1)} s, ` +
      `process RSS after the requests ${Math.round(result.rssBytes / 2 ** 20)} MiB`,
  );
}

function formatLoad(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}

function redactPassword(url: string): string {
  return url.replace(/:[^:@/]*@/, ':***@');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
