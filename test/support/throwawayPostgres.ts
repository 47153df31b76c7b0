import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A PostgreSQL server of a test's own, in a temporary directory on a free loopback port, for tests
 * that stop and restart the database. The machine's shared server is never touched.
 */

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';
const SERVICE_USER = 'postgres';

export interface ThrowawayPostgres {
  url: string;
  port: number;
  /** `fast` ends sessions and checkpoints; `immediate` is a crash, with recovery on the next start. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

/** Finds the newest installed PostgreSQL's bin directory that has initdb and pg_ctl, else null. */
export function findPostgresBinaries(): string | null {
  if (!existsSync(POSTGRES_ROOT)) return null;
  const versions = readdirSync(POSTGRES_ROOT)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(POSTGRES_ROOT, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

/**
 * Declares a suite that needs its own PostgreSQL server. Without the server binaries the suite is
 * skipped with a message on stderr, except under CI, where it fails.
 */
export function describeWithThrowawayPostgres(name: string, body: (bin: string) => void): void {
  const bin = findPostgresBinaries();
  if (bin !== null) {
    describe(name, () => body(bin));
    return;
  }
  const reason = `no PostgreSQL server binaries (initdb, pg_ctl) under ${POSTGRES_ROOT}; install the postgresql package.`;
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') {
    describe(name, () => {
      test('PostgreSQL server binaries are installed', () => {
        throw new Error(`Found ${reason} CI is set, so this suite must run.`);
      });
    });
    return;
  }
  process.stderr.write(`Skipping "${name}": found ${reason}\n`);
  describe.skip(name, () => body(''));
}

/** Creates a cluster with trust authentication and starts it on a free loopback port. */
export async function startThrowawayPostgres(bin: string): Promise<ThrowawayPostgres> {
  const directory = await mkdtemp(join(tmpdir(), 'readmark-pg-'));
  const dataDirectory = join(directory, 'data');
  // initdb rejects root, so as root the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', SERVICE_USER]);
    const { stdout: group } = await run('id', ['-g', SERVICE_USER]);
    await chown(directory, Number(stdout.trim()), Number(group.trim()));
  }
  const command = (tool: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', SERVICE_USER, '--', join(bin, tool), ...args])
      : run(join(bin, tool), args);

  await command('initdb', ['-D', dataDirectory, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${directory}`,
    '-c max_connections=40',
    '-c shared_buffers=16MB',
  ].join(' ');
  const logFile = join(directory, 'server.log');

  const start = async () => {
    await command('pg_ctl', [
      'start',
      '-w',
      '-t',
      '60',
      '-D',
      dataDirectory,
      '-l',
      logFile,
      '-o',
      serverOptions,
    ]);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await command('pg_ctl', ['stop', '-w', '-t', '60', '-D', dataDirectory, '-m', mode]);
  };

  await start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async (mode) => {
      await stop(mode);
      running = false;
    },
    start: async () => {
      await start();
      running = true;
    },
    destroy: async () => {
      if (running) await stop('immediate');
      running = false;
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}
