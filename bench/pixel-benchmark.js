'use strict';
/* global fetch, setInterval, clearInterval */
// Pixel endpoint load test over loopback: Readmark (group commit, synchronous=FULL) against a
// one-INSERT-per-request Express + SQLite server and, when installed, nginx `empty_gif` with an
// access log. Needs `npm run build:server` first. Traffic goes to 127.0.0.1 only.
// Usage: node bench/pixel-benchmark.js [--duration seconds] [--connections 50,256]
//        [--sqlite-synchronous FULL|NORMAL|EXTRA] [--readmark-only]
const { fork, spawn, execFileSync } = require('node:child_process');
const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = require('node:fs');
const { availableParallelism, tmpdir } = require('node:os');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const {
  root,
  TRACKED_MESSAGES,
  option,
  seedTrackedMessages,
  waitForHttp,
  startReadmark,
  stopChild,
  loadPixels,
  rssMiB,
} = require('./pixelLoad');

const { SqliteTrackingStore } = require(join(root, 'dist/server/store/sqlite/sqliteTrackingStore.js'));
const { generateTrackingId } = require(join(root, 'dist/server/core/trackingId.js'));

const args = process.argv.slice(2);
const durationSeconds = Number(option(args, '--duration', '10'));
const connectionCounts = option(args, '--connections', '50,256').split(',').map(Number);
const synchronous = option(args, '--sqlite-synchronous', 'FULL');
const readmarkOnly = args.includes('--readmark-only');

async function runReadmark(workDirectory) {
  const databasePath = join(workDirectory, 'readmark.db');
  const store = new SqliteTrackingStore({ path: databasePath });
  await store.migrate();
  const ids = await seedTrackedMessages(store);
  await store.close();

  const { child, url: baseUrl } = await startReadmark(3901, [
    '--database',
    databasePath,
    '--sqlite-synchronous',
    synchronous,
  ]);
  await loadPixels(baseUrl, ids, 50, 2);

  const countOpens = () => {
    const reader = new Database(databasePath, { readonly: true });
    const { opens } = reader.prepare('SELECT count(*) AS opens FROM opens').get();
    reader.close();
    return opens;
  };
  const rows = [];
  for (const connections of connectionCounts) {
    const before = countOpens();
    // Sampled during the load: the last sample is the server's resident memory near its end.
    let rss = null;
    const sampler = setInterval(() => {
      rss = rssMiB(child.pid) ?? rss;
    }, 500);
    const commitsBefore = await openCommits(baseUrl);
    let row;
    try {
      row = await loadPixels(baseUrl, ids, connections, durationSeconds, child.pid);
    } finally {
      clearInterval(sampler);
    }
    const commitsAfter = await openCommits(baseUrl);
    const batches = commitsAfter.batches - commitsBefore.batches;
    row.meanBatch = (commitsAfter.opens - commitsBefore.opens) / batches;
    row.meanCommitMs = (1000 * (commitsAfter.seconds - commitsBefore.seconds)) / batches;
    row.rssMiB = rss;
    // Every 200 was sent after its open's commit, so the table must already hold all of them.
    row.committed = countOpens() - before;
    if (row.committed < row.ok) {
      console.error(
        `WARNING: ${row.ok} opens answered but only ${row.committed} committed at ${connections} connections; ` +
          'the figures do not measure durable recording.',
      );
    }
    rows.push(row);
  }
  await stopChild(child);
  return { name: `Readmark (Fastify, group commit, WAL, synchronous=${synchronous})`, rows };
}

/**
 * Reads the server's totals of committed open batches, the opens in them and the seconds from
 * handing a batch to the writer to its commit, from `/metrics`.
 */
async function openCommits(baseUrl) {
  const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
  const total = (name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
  return {
    batches: total('readmark_open_batch_size_count'),
    opens: total('readmark_open_batch_size_sum'),
    seconds: total('readmark_open_commit_seconds_sum'),
  };
}

/** Runs every connection count against a server that records any id, so the ids need no seeding. */
async function loadWithUnknownIds(baseUrl, serverPid) {
  const ids = Array.from({ length: TRACKED_MESSAGES }, () => generateTrackingId());
  const rows = [];
  for (const connections of connectionCounts) {
    rows.push(await loadPixels(baseUrl, ids, connections, durationSeconds, serverPid));
  }
  return rows;
}

async function runExpress(workDirectory) {
  const databasePath = join(workDirectory, 'express.db');
  const port = 3902;
  const child = fork(join(__dirname, 'express-one-insert.js'), [String(port), databasePath], {
    stdio: 'inherit',
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/o/warmup.gif`, child);
  const rows = await loadWithUnknownIds(baseUrl, child.pid);
  await stopChild(child);
  return { name: 'Express + one INSERT per request (WAL, synchronous=FULL)', rows };
}

async function runNginx(workDirectory) {
  let nginx;
  try {
    nginx = execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim();
  } catch {
    console.error('nginx is not on the PATH (it is often in /usr/sbin), so its rows are left out.');
    return null;
  }
  const prefix = join(workDirectory, 'nginx');
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  const port = 3903;
  const config = join(prefix, 'nginx.conf');
  writeFileSync(
    config,
    `daemon off;
worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log ${prefix}/logs/access.log;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port};
    location /o/ { empty_gif; add_header Cache-Control "no-store, no-cache, must-revalidate, max-age=0"; }
  }
}
`,
  );
  const child = spawn(nginx, ['-p', prefix, '-c', config], { stdio: 'inherit' });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/o/warmup.gif`, child);
  const rows = await loadWithUnknownIds(baseUrl, child.pid);
  await stopChild(child, 'SIGQUIT');
  return { name: `nginx empty_gif with access log (worker_processes auto)`, rows };
}

/** Names the tree whose build was measured, with its commit when it is a git checkout. */
function describeTree() {
  try {
    const commit = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return { tree: root, commit };
  } catch {
    return { tree: root, commit: null };
  }
}

async function main() {
  const workDirectory = mkdtempSync(join(tmpdir(), 'readmark-bench-'));
  try {
    const results = [await runReadmark(workDirectory)];
    if (!readmarkOnly) {
      results.push(await runExpress(workDirectory));
      const nginx = await runNginx(workDirectory);
      if (nginx !== null) {
        results.push(nginx);
      }
    }

    // The server and the load generator share the machine's cores, so their CPU time per request
    // together bounds the rate any server can reach here.
    const cores = availableParallelism();
    console.log(
      `| server | connections | requests/s | p50 ms | p99 ms | 2xx | errors | opens committed | RSS MiB | CPU µs/request | load generator CPU µs/request | CPU ceiling requests/s |`,
    );
    console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
    for (const result of results) {
      for (const row of result.rows) {
        const committed = row.committed === undefined ? 'n/a' : String(row.committed);
        const rss = row.rssMiB === undefined ? 'n/a' : String(row.rssMiB);
        const ceiling = Math.round(
          (cores * 1e6) / (row.cpuMicrosecondsPerRequest + row.loadCpuMicrosecondsPerRequest),
        );
        console.log(
          `| ${result.name} | ${row.connections} | ${row.requestsPerSecond} | ${row.p50Ms} | ${row.p99Ms} | ${row.ok} | ${row.errors} | ${committed} | ${rss} | ${row.cpuMicrosecondsPerRequest} | ${row.loadCpuMicrosecondsPerRequest} | ${ceiling} |`,
        );
      }
    }
    console.log('');
    console.log(
      `CPU ceiling: the rate at which the server and the load generator together would keep all ${cores} cores busy.`,
    );
    for (const row of results[0].rows) {
      console.log(
        `Readmark at ${row.connections} connections: mean open batch ${row.meanBatch.toFixed(1)}, ` +
          `${row.meanCommitMs.toFixed(2)} ms from handing a batch to the writer to its commit`,
      );
    }
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    const file = join(__dirname, 'results', `pixel-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ measured: describeTree(), durationSeconds, results }, null, 2));
    console.log(`Raw results: ${file}`);
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
