import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Runs `readmark serve` as a real child process, for tests that need several processes or a
 * `kill -9`. The server is compiled with tsc into a temporary folder named after a hash of the
 * sources, so a clean clone (where `npm test` runs before any build) works and test files share
 * one build.
 */

const run = promisify(execFile);
const REPOSITORY = findRepository(__dirname);
const BUILD_TIMEOUT_MS = 240_000;

// Found by walking up, because bench/crash.ts runs this file compiled into dist/bench/.
function findRepository(start: string): string {
  let directory = start;
  while (!existsSync(join(directory, 'tsconfig.build.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no tsconfig.build.json above ${start}`);
    directory = parent;
  }
  return directory;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const visit = (directory: string): void => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) {
        visit(path);
      } else if (name.endsWith('.ts')) {
        hash.update(path).update(readFileSync(path));
      }
    }
  };
  visit(join(REPOSITORY, 'src', 'server'));
  visit(join(REPOSITORY, 'src', 'cli'));
  visit(join(REPOSITORY, 'src', 'shared'));
  hash.update(readFileSync(join(REPOSITORY, 'tsconfig.json')));
  return hash.digest('hex').slice(0, 16);
}

/** Compiles the server once per source version and returns the path of the compiled CLI entry. */
export async function buildServer(): Promise<string> {
  const directory = join(tmpdir(), `readmark-server-build-${sourceHash()}`);
  const main = join(directory, 'cli', 'main.js');
  if (existsSync(main)) {
    return main;
  }
  // Built beside the final folder and renamed, so a parallel test file never sees half a build.
  const staging = `${directory}.staging-${process.pid}`;
  await run(
    process.execPath,
    [
      join(REPOSITORY, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(REPOSITORY, 'tsconfig.build.json'),
      '--outDir',
      staging,
      '--sourceMap',
      'false',
    ],
    { cwd: REPOSITORY, timeout: BUILD_TIMEOUT_MS },
  );
  try {
    await rename(staging, directory);
  } catch (error) {
    // Another test file finished the same build first.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(main)) throw error;
  }
  return main;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code, or the signal name, once the process has ended. */
  exited: Promise<number | string>;
}

/** Starts `readmark serve` with `args` and resolves once it listens. */
export function startServerProcess(
  main: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [main, 'serve', '--host', '127.0.0.1', '--port', '0', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      // The compiled files live outside the repository, so dependencies resolve through NODE_PATH.
      NODE_PATH: join(REPOSITORY, 'node_modules'),
      READMARK_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown'));
  });
  return new Promise((resolveStart, reject) => {
    let started = false;
    const append = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!started && match?.[1] !== undefined) {
        started = true;
        resolveStart({ url: match[1], child, output: () => output, exited });
      }
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    void exited.then((code) => {
      if (!started) reject(new Error(`readmark serve exited (${String(code)}) before listening:\n${output}`));
    });
  });
}

/** Sends SIGTERM and waits for the process to end. */
export async function stopServerProcess(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
  }
  await server.exited;
}
