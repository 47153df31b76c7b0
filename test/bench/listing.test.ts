import { existsSync } from 'node:fs';
import { formatTable, runListingBenchmark, type ListingSizes } from '../../bench/listingRun';
import { describeWithPostgres, queryDatabase } from '../support/postgres';

// The short form of bench/listing.ts. It proves the benchmark runs; its timings are not checked.
const SHORT_SIZES: ListingSizes = {
  largeMessages: 1_000,
  largeOpens: 10_000,
  smallMessages: 100,
  smallOpens: 1_000,
  warmUp: 3,
  iterations: 10,
};

const EXPECTED_LABELS = [
  'first page of 50, 1,000-message sender',
  'page at position 500, same sender',
  'first page of 50, 100-message sender',
  'one message with its recent opens',
];

describe('listing benchmark on SQLite', () => {
  test('times each request and removes its folder', async () => {
    const result = await runListingBenchmark({ kind: 'sqlite' }, SHORT_SIZES);

    expect(result.store).toBe('SQLite');
    expect(result.cases.map((entry) => entry.label)).toEqual(EXPECTED_LABELS);
    for (const entry of result.cases) {
      expect(entry.samples).toHaveLength(SHORT_SIZES.iterations);
    }
    expect(existsSync(result.location)).toBe(false);
  }, 120_000);
});

describeWithPostgres('listing benchmark on PostgreSQL', (databaseUrl) => {
  test('times each request and drops its schema', async () => {
    const result = await runListingBenchmark({ kind: 'postgres', url: databaseUrl }, SHORT_SIZES);

    expect(result.store).toBe('PostgreSQL');
    expect(result.cases.map((entry) => entry.label)).toEqual(EXPECTED_LABELS);
    for (const entry of result.cases) {
      expect(entry.samples).toHaveLength(SHORT_SIZES.iterations);
    }
    const schemas = await queryDatabase(
      databaseUrl,
      'SELECT schema_name FROM information_schema.schemata WHERE schema_name = $1',
      [result.location],
    );
    expect(schemas).toEqual([]);
  }, 120_000);
});

describe('listing table', () => {
  test('has one row per store and request', () => {
    const table = formatTable([
      {
        store: 'SQLite',
        location: '/tmp/readmark.db',
        seedMs: 1,
        cases: [{ label: 'first page', samples: [1, 2, 3, 4] }],
        rssBytes: 0,
      },
      {
        store: 'PostgreSQL',
        location: 'readmark_bench',
        seedMs: 1,
        cases: [{ label: 'first page', samples: [10] }],
        rssBytes: 0,
      },
    ]);

    expect(table.split('\n')).toEqual([
      '| request    | store      | p50 ms | p95 ms | p99 ms |',
      '| ---------- | ---------- | -----: | -----: | -----: |',
      '| first page | SQLite     |   2.00 |   4.00 |   4.00 |',
      '| first page | PostgreSQL |  10.00 |  10.00 |  10.00 |',
    ]);
  });
});
