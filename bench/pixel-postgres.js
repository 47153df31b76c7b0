'use strict';
/* global URL, setInterval, clearInterval */
// Pixel endpoint load test of Readmark on PostgreSQL with one and with two server processes
// sharing one database, over loopback. The load is split evenly over the processes; each row
// reports throughput, latency, the server processes' resident memory (RSS) at the end of the
// load, and the CPU time per request of the Readmark processes and, when PostgreSQL runs on this
// machine, of PostgreSQL's processes. It creates a database of its own on the given server and
// drops it at the end.
// Needs `npm run build:server` first. Traffic goes to 127.0.0.1 only.
// Usage: node bench/pixel-postgres.js [--duration seconds] [--connections 50,256]
//        [--database postgres://postgres@127.0.0.1:5432/test]
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');
const {
  root,
  option,
  seedTrackedMessages,
  startReadmark,
  stopChild,
  loadPixels,
  rssMiB,
  cpuSeconds,
} = require('./pixelLoad');

const { openPostgresStore } = require(join(root, 'dist/server/store/postgres/index.js'));

const args = process.argv.slice(2);
const durationSeconds = Number(option(args, '--duration', '10'));
const connectionCounts = option(args, '--connections', '50,256').split(',').map(Number);
const adminUrl = option(args, '--database', 'postgres://postgres@127.0.0.1:5432/test');

async function startServers(databaseUrl, count) {
  const servers = [];
  try {
    for (let index = 0; index < count; index += 1) {
      servers.push(await startReadmark(3911 + index, ['--database', databaseUrl]));
    }
  } catch (error) {
    await Promise.all(servers.map(({ child }) => stopChild(child)));
    throw error;
  }
  return servers;
}

async function countOpens(databaseUrl) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query('SELECT count(*)::int AS opens FROM opens');
  await client.end();
  return rows[0].opens;
}

/** Returns the command name of process `pid` from /proc, or null when there is none. */
function commandName(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Returns the process id of the PostgreSQL server, the parent of this connection's backend. Returns
 * null when /proc shows no such PostgreSQL process, as when the database runs on another host or
 * in a container with process ids of its own.
 */
async function postgresServerPid(databaseUrl) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    const backend = rows[0].pid;
    if (commandName(backend) !== 'postgres') return null;
    const status = readFileSync(`/proc/${backend}/status`, 'utf8');
    const parent = Number(/^PPid:\s+(\d+)$/m.exec(status)?.[1]);
    return Number.isInteger(parent) && commandName(parent) === 'postgres' ? parent : null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** Returns the CPU time per response in microseconds, or 'n/a' without a process to measure. */
function perRequest(seconds, responses) {
  return seconds === null ? 'n/a' : String(Math.round((seconds * 1e6) / responses));
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
    const ids = await seedTrackedMessages(store);
    await store.close();

    console.log(
      '| processes | connections | requests/s | p50 ms | p99 ms | 2xx | errors | opens committed | RSS MiB per process | Readmark CPU µs/request | PostgreSQL CPU µs/request |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
    const postgresPid = await postgresServerPid(url);
    if (postgresPid === null) {
      console.error('PostgreSQL is not a process on this machine, so its CPU time is not measured.');
    }
    for (const processCount of [1, 2]) {
      const servers = await startServers(url, processCount);
      try {
        await Promise.all(servers.map((server) => loadPixels(server.url, ids, 10, 2)));
        for (const connections of connectionCounts) {
          const before = await countOpens(url);
          const readmarkCpu = () => servers.reduce((sum, { child }) => sum + cpuSeconds(child.pid), 0);
          const readmarkCpuBefore = readmarkCpu();
          const postgresCpuBefore = postgresPid === null ? null : cpuSeconds(postgresPid);
          let rss = [];
          const sampler = setInterval(() => {
            rss = servers.map(({ child }, index) => rssMiB(child.pid) ?? rss[index]);
          }, 500);
          let results;
          try {
            results = await Promise.all(
              servers.map((server) =>
                loadPixels(server.url, ids, Math.round(connections / processCount), durationSeconds),
              ),
            );
          } finally {
            clearInterval(sampler);
          }
          const readmarkSeconds = readmarkCpu() - readmarkCpuBefore;
          const postgresSeconds = postgresPid === null ? null : cpuSeconds(postgresPid) - postgresCpuBefore;
          const committed = (await countOpens(url)) - before;
          const requestsPerSecond = results.reduce((sum, result) => sum + result.requestsPerSecond, 0);
          // With two processes the slower one's percentile is reported, a conservative bound.
          const p50 = Math.max(...results.map((result) => result.p50Ms));
          const p99 = Math.max(...results.map((result) => result.p99Ms));
          const ok = results.reduce((sum, result) => sum + result.ok, 0);
          const errors = results.reduce((sum, result) => sum + result.errors, 0);
          const responses = results.reduce((sum, result) => sum + result.responses, 0);
          if (committed < ok) {
            console.error(
              `WARNING: ${ok} opens answered but only ${committed} committed with ${processCount} ` +
                `process(es) at ${connections} connections; the figures do not measure durable recording.`,
            );
          }
          console.log(
            `| ${processCount} | ${connections} | ${Math.round(requestsPerSecond)} | ${p50} | ${p99} | ${ok} | ${errors} | ${committed} | ${rss.join(', ')} | ${perRequest(readmarkSeconds, responses)} | ${perRequest(postgresSeconds, responses)} |`,
          );
        }
      } finally {
        await Promise.all(servers.map(({ child }) => stopChild(child)));
      }
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
