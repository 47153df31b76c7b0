'use strict';
/* global fetch */
// Pieces the pixel benchmarks share: command-line options, seeding tracked messages, starting
// `readmark serve` on loopback and loading its pixel with autocannon. Needs `npm run build:server`.
const { execFileSync, spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { connect } = require('node:net');
const { join, resolve } = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
const autocannon = require('autocannon');

// The tree whose build is measured: this one, or another built tree named by READMARK_ROOT (for
// comparing versions with the same benchmark code, as bench/alternate.sh does).
const root = resolve(process.env.READMARK_ROOT ?? join(__dirname, '..'));
const { generateTrackingId } = require(join(root, 'dist/server/core/trackingId.js'));

/** Tracked messages each benchmark loads, one pixel request after another in turn. */
const TRACKED_MESSAGES = 1000;

/**
 * The User-Agent of every benchmark request: Outlook for Windows, the most common client of the
 * people Readmark serves. Real pixel requests carry one, and the classifier reads it.
 */
const PIXEL_USER_AGENT =
  'Mozilla/4.0 (compatible; ms-office; MSOffice 16; Microsoft Outlook 16.0.17928; Pro)';

/** The sender of every tracked message the benchmarks create. */
const SENDER = {
  tenantId: '8f1d2c3b-4a5e-4f60-9b7c-1d2e3f405162',
  objectId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};

/** Returns the value after `name` in `args`, or `fallback` when the option is absent. */
function option(args, name, fallback) {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
}

/** Creates TRACKED_MESSAGES tracked messages of one sender in `store` and returns their ids. */
async function seedTrackedMessages(store) {
  const ids = [];
  for (let index = 0; index < TRACKED_MESSAGES; index += 1) {
    const trackingId = generateTrackingId();
    ids.push(trackingId);
    await store.createTrackedMessage({
      trackingId,
      sender: SENDER,
      clientRequestId: `bench-${index}`,
      subject: null,
      recipientCount: null,
      createdAt: new Date(),
    });
  }
  return ids;
}

async function waitForHttp(url, child = null) {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    // A server that exits at start (a port already in use, say) must not leave another server
    // on that port to be measured in its place.
    if (child !== null && child.exitCode !== null) {
      throw new Error(
        `The server exited with code ${child.exitCode} before ${url} responded; see its message above.`,
      );
    }
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not respond within 30 s`);
}

/** Rejects when something already listens on 127.0.0.1:`port`, which would be measured instead. */
function checkPortFree(port) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      reject(
        new Error(
          `Port ${port} on 127.0.0.1 is in use by another program: stop it, then run the benchmark again.`,
        ),
      );
    });
    socket.once('error', () => resolve());
  });
}

/**
 * Starts `readmark serve` on 127.0.0.1:`port` with `extraArgs` and resolves with the child and
 * its URL once it responds. `nodeArgs` go to Node.js itself, for example `--cpu-prof`.
 */
async function startReadmark(port, extraArgs, nodeArgs = []) {
  await checkPortFree(port);
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      join(root, 'bin/readmark.js'),
      'serve',
      '--port',
      String(port),
      // All load comes from one client network, which the per-network limit would stop recording.
      '--pixel-rate-limit-per-minute',
      '0',
      '--log-level',
      'warn',
      ...extraArgs,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, child);
  } catch (error) {
    child.kill();
    throw error;
  }
  return { child, url };
}

/** Sends `signal` to `child` and resolves once it has exited. */
function stopChild(child, signal = 'SIGTERM') {
  return new Promise((done) => {
    if (child.exitCode !== null) {
      done();
      return;
    }
    child.once('exit', () => done());
    child.kill(signal);
  });
}

/** Returns the resident memory of process `pid` in MiB, or null once it has exited. From /proc (Linux only). */
function rssMiB(pid) {
  let status;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch (error) {
    // The process has exited: the load's errors report it.
    if (error.code === 'ENOENT') return null;
    throw error;
  }
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? NaN);
  return Math.round(kib / 1024);
}

let clockTicksPerSecond = null;

/**
 * Returns the CPU seconds (user and system, all threads) used so far by process `pid`, by its
 * running child processes, such as nginx's workers, and by the children it has already reaped.
 * A child that exits between two readings and is not yet reaped drops out of the second one.
 * From /proc, so Linux only, with the kernel's list of child processes (CONFIG_PROC_CHILDREN).
 */
function cpuSeconds(pid) {
  clockTicksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  // The fields after the command name, which is in parentheses and may contain spaces: utime,
  // stime, then the reaped children's cutime and cstime.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0);
  const own = ticks / clockTicksPerSecond;
  return children === ''
    ? own
    : children.split(' ').reduce((sum, child) => sum + childCpuSeconds(child), own);
}

/** Returns `cpuSeconds` of a child process, or 0 when it exited after its parent listed it. */
function childCpuSeconds(pid) {
  try {
    return cpuSeconds(pid);
  } catch (error) {
    if (error.code === 'ENOENT') return 0;
    throw error;
  }
}

/**
 * Loads the pixels of `ids` in turn with `connections` keep-alive connections for `seconds`. With
 * `serverPid`, the row also gives the server's CPU time per request, in microseconds. It always
 * gives the load generator's: autocannon runs in this process, so this process's CPU time is its.
 */
async function loadPixels(baseUrl, ids, connections, seconds, serverPid) {
  let next = Math.floor(Math.random() * ids.length);
  const cpuBefore = serverPid === undefined ? null : cpuSeconds(serverPid);
  const loadCpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    duration: seconds,
    headers: { 'user-agent': PIXEL_USER_AGENT },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          next = (next + 1) % ids.length;
          return { ...request, path: `/o/${ids[next]}.gif` };
        },
      },
    ],
  });
  const loadCpu = process.cpuUsage(loadCpuBefore);
  return {
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    errors: result.errors + result.timeouts + result.non2xx,
    // Responses received, successful or not: the divisor of the CPU time per request.
    responses: result.requests.total,
    cpuMicrosecondsPerRequest:
      cpuBefore === null
        ? undefined
        : Math.round(((cpuSeconds(serverPid) - cpuBefore) * 1e6) / result.requests.total),
    loadCpuMicrosecondsPerRequest: Math.round((loadCpu.user + loadCpu.system) / result.requests.total),
  };
}

module.exports = {
  PIXEL_USER_AGENT,
  SENDER,
  root,
  TRACKED_MESSAGES,
  option,
  seedTrackedMessages,
  waitForHttp,
  startReadmark,
  stopChild,
  loadPixels,
  rssMiB,
  cpuSeconds,
};
