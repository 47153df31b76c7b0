import { join } from 'node:path';
import { runCrashTest } from '../../bench/crashRun';
import { buildServer } from '../support/serverProcess';
import { createTempDirectory } from '../support/tempDirectory';
import {
  describeWithThrowawayPostgres,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../support/throwawayPostgres';

// The short form of bench/crash.ts: three kills per store under a light load.
const SHORT_RUN = { kills: 3, connections: 8, minRunMs: 150, maxRunMs: 600 };

describe('crash test on SQLite', () => {
  test('keeps every acknowledged open', async () => {
    const main = await buildServer();
    const directory = await createTempDirectory();
    try {
      const result = await runCrashTest({
        main,
        database: join(directory.path, 'readmark.db'),
        ...SHORT_RUN,
      });

      expect(result.acknowledged).toBeGreaterThan(0);
      expect(result.missing).toEqual([]);
      expect(result.integrityProblems).toEqual([]);
    } finally {
      await directory.remove();
    }
  }, 300_000);
});

describeWithThrowawayPostgres('crash test on PostgreSQL', (bin) => {
  let database: ThrowawayPostgres;

  beforeAll(async () => {
    database = await startThrowawayPostgres(bin);
  }, 120_000);

  afterAll(async () => {
    await database?.destroy();
  }, 120_000);

  test('keeps every acknowledged open', async () => {
    const main = await buildServer();

    const result = await runCrashTest({ main, database: database.url, ...SHORT_RUN });

    expect(result.acknowledged).toBeGreaterThan(0);
    expect(result.missing).toEqual([]);
    expect(result.integrityProblems).toEqual([]);
  }, 300_000);
});
