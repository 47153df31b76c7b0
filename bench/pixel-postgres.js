'use strict';
/* global fetch, URL, setInterval, clearInterval */
// Pixel endpoint load test of Readmark on PostgreSQL with one and with two server processes
// sharing one database, over loopback. The load is split evenly over the processes; each row
// reports throughput, latency and the server processes' resident memory (RSS) at the end of the
// load. It creates a database of its own on the given server and drops it at the end.
// Needs `npm run build:server` first. Traffic goes to 127.0.0.1 only.
// Usage: node bench/pixel-postgres.js [--duration seconds] [--connections 50,256]
//        [--database postgres://postgres@127.0.0.1:5432/test]
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
const { randomBytes } = require('node:crypto');
const autocannon = require('autocannon');
const { Client } = require('pg');

const root = resolve(__dirname, '..');
const { openPostgresStore } = require(join(root, 'dist/server/store/postgres/index.js'));
const { generateTrackingId } = require(join(root, 'dist/server/core/trackingId.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const durationSeconds = Number(option('--duration', '10'));
const connectionCounts = option('--connections', '50,256').split(',').map(Number);
const adminUrl = option('--database', 'postgres://postgres@127.0.0.1:5432/test');
const TRACKED_MESSAGES = 1000;

async function waitForHttp(url) {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not respond within 30 s`);
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? NaN);
  return Math.round(kib / 1024);
}

function load(baseUrl, ids, connections, seconds) {
  let next = Math.floor(Math.random() * ids.length);
  return autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    duration: seconds,
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
}

async function startServers(databaseUrl, count) {
  const servers = [];
  for (let index = 0; index < count; index += 1) {
    const port = 3911 + index;
    const child = spawn(
      process.execPath,
      [
        join(root, 'bin/readmark.js'),
        'serve',
        '--port',
        String(port),
        '--database',
        databaseUrl,
        // All load comes from one client network, which the per-network limit would stop recording.
        '--pixel-rate-limit-per-minute',
        '0',
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/healthz`);
    servers.push({ child, url });
  }
  return servers;
}

async function stopServers(servers) {
  await Promise.all(
    servers.map(
      ({ child }) =>
        new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', done);
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function countOpens(databaseUrl) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query('SELECT count(*)::int AS opens FROM opens');
  await client.end();
  return rows[0].opens;
}

async function main() {
  const name = `readmark_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${name}`;
  const url = databaseUrl.toString();
  try {
    const store = openPostgresStore({ connectionString: url, poolSize: 4 });
    await store.migrate();
    const ids = [];
    for (let index = 0; index < TRACKED_MESSAGES; index += 1) {
      const trackingId = generateTrackingId();
      ids.push(trackingId);
      await store.createTrackedMessage({
        trackingId,
        sender: { tenantId: 'tenant-bench', objectId: 'sender-bench' },
        clientRequestId: `bench-${index}`,
        subject: null,
        recipientCount: null,
        createdAt: new Date(),
      });
    }
    await store.close();

    console.log(
      '| processes | connections | requests/s | p50 ms | p99 ms | 2xx | errors | opens committed | RSS MiB per process |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const processCount of [1, 2]) {
      const servers = await startServers(url, processCount);
      await Promise.all(servers.map((server) => load(server.url, ids, 10, 2)));
      for (const connections of connectionCounts) {
        const before = await countOpens(url);
        let rss = [];
        const sampler = setInterval(() => {
          rss = servers.map(({ child }) => rssMiB(child.pid));
        }, 500);
        const results = await Promise.all(
          servers.map((server) =>
            load(server.url, ids, Math.round(connections / processCount), durationSeconds),
          ),
        );
        clearInterval(sampler);
        const committed = (await countOpens(url)) - before;
        const requestsPerSecond = results.reduce((sum, result) => sum + result.requests.average, 0);
        // With two processes the slower one's percentile is reported, a conservative bound.
        const p50 = Math.max(...results.map((result) => result.latency.p50));
        const p99 = Math.max(...results.map((result) => result.latency.p99));
        const ok = results.reduce((sum, result) => sum + result['2xx'], 0);
        const errors = results.reduce(
          (sum, result) => sum + result.errors + result.timeouts + result.non2xx,
          0,
        );
        console.log(
          `| ${processCount} | ${connections} | ${Math.round(requestsPerSecond)} | ${p50} | ${p99} | ${ok} | ${errors} | ${committed} | ${rss.join(', ')} |`,
        );
      }
      await stopServers(servers);
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
