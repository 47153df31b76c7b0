'use strict';
// Profiles `readmark serve` on SQLite under pixel load. It runs the server with `node --cpu-prof`,
// loads the pixels of 1,000 tracked messages over loopback and stops the server. Then it prints,
// for the event loop and for the open writer thread, the share of samples spent idle and the
// functions of the project with the largest self and total share. Needs
// `npm run build:server` first. Traffic goes to 127.0.0.1 only.
// Usage: node bench/pixel-profile.js [--duration seconds] [--connections 50]
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { root, option, seedTrackedMessages, startReadmark, stopChild, loadPixels } = require('./pixelLoad');

const { SqliteTrackingStore } = require(join(root, 'dist/server/store/sqlite/sqliteTrackingStore.js'));

const args = process.argv.slice(2);
const durationSeconds = Number(option(args, '--duration', '8'));
const connections = Number(option(args, '--connections', '50'));
const ROWS = 12;

/** Names a profile node by its function and its file relative to the repository. */
function frameName(node) {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(`file://${root}/`, '').replace(`${root}/`, '');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

/** Returns each frame's self and total share of the samples, and the idle share. */
function summarise(profile) {
  const timeByNode = new Map();
  profile.samples.forEach((id, index) => {
    timeByNode.set(id, (timeByNode.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const total = [...timeByNode.values()].reduce((sum, time) => sum + time, 0);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

  const self = new Map();
  const inclusive = new Map();
  let idle = 0;
  for (const [id, time] of timeByNode) {
    const node = nodes.get(id);
    if (node.callFrame.functionName === '(idle)') idle += time;
    self.set(frameName(node), (self.get(frameName(node)) ?? 0) + time);
    // Each frame counts once per sample, however often it recurs on the stack.
    const seen = new Set();
    for (let current = id; current !== undefined; current = parents.get(current)) {
      const name = frameName(nodes.get(current));
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + time);
    }
  }
  const share = (time) => ((100 * time) / total).toFixed(1);
  const projectRows = (map) =>
    [...map]
      .filter(([name]) => name.includes('dist/') || name.includes('better-sqlite3'))
      .sort((left, right) => right[1] - left[1])
      .slice(0, ROWS)
      .map(([name, time]) => `  ${share(time).padStart(5)} %  ${name}`);
  return { idle: share(idle), self: projectRows(self), inclusive: projectRows(inclusive) };
}

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'readmark-profile-'));
  try {
    const databasePath = join(directory, 'readmark.db');
    const store = new SqliteTrackingStore({ path: databasePath });
    await store.migrate();
    const ids = await seedTrackedMessages(store);
    await store.close();

    const profiles = join(directory, 'profiles');
    const { child, url } = await startReadmark(
      3904,
      ['--database', databasePath],
      ['--cpu-prof', '--cpu-prof-dir', profiles],
    );
    const row = await loadPixels(url, ids, connections, durationSeconds);
    // SIGINT lets Node.js write the profiles on its way out.
    await stopChild(child, 'SIGINT');

    console.log(`${row.requestsPerSecond} requests/s at ${connections} connections, p99 ${row.p99Ms} ms\n`);
    for (const name of readdirSync(profiles).sort()) {
      const profile = JSON.parse(readFileSync(join(profiles, name), 'utf8'));
      const writer = profile.nodes.some((node) => node.callFrame.url.includes('openWriterWorker'));
      const summary = summarise(profile);
      console.log(`${writer ? 'Open writer thread' : 'Event loop'}: idle ${summary.idle} % of samples`);
      console.log('Self time:');
      console.log(summary.self.join('\n'));
      console.log('Total time (with callees):');
      console.log(`${summary.inclusive.join('\n')}\n`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
