/**
 * Full-length crash test of both stores: 20 SIGKILLs each under 64 concurrent pixel requests.
 * The SQLite file goes to a temporary folder; PostgreSQL runs in a server of its own (initdb and
 * pg_ctl from the postgresql package), never the machine's shared one.
 *
 *   npx tsc -p bench/tsconfig.json && node dist/bench/bench/crash.js
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../test/support/serverProcess';
import { findPostgresBinaries, startThrowawayPostgres } from '../test/support/throwawayPostgres';
import { runCrashTest, type CrashRunResult } from './crashRun';

const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const CONNECTIONS = 64;

function report(store: string, result: CrashRunResult): boolean {
  const ok = result.missing.length === 0 && result.integrityProblems.length === 0;
  console.log(
    `${store}: ${KILLS} kills, ${result.acknowledged} opens acknowledged, ${result.stored} stored, ` +
      `${result.missing.length} missing, integrity ${result.integrityProblems.length === 0 ? 'ok' : result.integrityProblems.join('; ')}`,
  );
  return ok;
}

async function main(): Promise<void> {
  const serverMain = await buildServer();
  const directory = await mkdtemp(join(tmpdir(), 'readmark-crash-'));
  let ok = true;
  try {
    const sqlite = await runCrashTest({
      main: serverMain,
      database: join(directory, 'readmark.db'),
      kills: KILLS,
      connections: CONNECTIONS,
      minRunMs: 200,
      maxRunMs: 2000,
    });
    ok = report('SQLite', sqlite) && ok;

    const bin = findPostgresBinaries();
    if (bin === null) {
      console.log('PostgreSQL: skipped, no initdb and pg_ctl under /usr/lib/postgresql');
    } else {
      const postgres = await startThrowawayPostgres(bin);
      try {
        const result = await runCrashTest({
          main: serverMain,
          database: postgres.url,
          kills: KILLS,
          connections: CONNECTIONS,
          minRunMs: 200,
          maxRunMs: 2000,
        });
        ok = report('PostgreSQL', result) && ok;
      } finally {
        await postgres.destroy();
      }
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  process.exitCode = ok ? 0 : 1;
}

void main();
