'use strict';
// Times the pixel path's own work without HTTP or the open writer: `PixelHitHandler.handle` for
// hits on 1,000 tracked messages of one sender with the load tests' User-Agent, the server's
// caches and classifier, and a recorder that settles at once. It prints the CPU time per hit,
// which varies less between runs than a load test over loopback. With several built trees it
// runs them in turn, each in a fresh process, for the given number of rounds.
// Needs `npm run build:server` in every tree. No network traffic.
// Usage: node bench/pixel-path.js [--rounds 3] [--hits 100000] [TREE...]   (default TREE: this one)
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { PIXEL_USER_AGENT } = require('./pixelLoad');

const TRACKED_MESSAGES = 1000;
/** Hits started before the handler waits for them, like requests in flight on 256 connections. */
const IN_FLIGHT = 256;
const SAMPLES = 5;
const SENDER = {
  tenantId: '8f1d2c3b-4a5e-4f60-9b7c-1d2e3f405162',
  objectId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};
const HEADERS = { host: '127.0.0.1:3901', 'user-agent': PIXEL_USER_AGENT, accept: '*/*' };

function option(args, name, fallback) {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
}

/** Returns the arguments that are not options or option values. */
function positional(args) {
  return args.filter((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
}

function requireBuilt(tree, path) {
  return require(join(tree, 'dist', path));
}

/** Measures one tree in this process and prints one JSON line: the median and lowest µs per hit. */
async function measure(tree, hitsPerSample) {
  const { PixelHitHandler } = requireBuilt(tree, 'server/core/pixelHits.js');
  const { PixelTargetCache } = requireBuilt(tree, 'server/core/pixelTargetCache.js');
  const { StoredContextCache } = requireBuilt(tree, 'server/core/storedContextCache.js');
  const { createOpenClassifier } = requireBuilt(tree, 'server/core/openClassifier.js');
  const { SqliteTrackingStore } = requireBuilt(tree, 'server/store/sqlite/sqliteTrackingStore.js');
  const { generateTrackingId } = requireBuilt(tree, 'server/core/trackingId.js');

  const directory = mkdtempSync(join(tmpdir(), 'readmark-pixel-path-'));
  const store = new SqliteTrackingStore({ path: join(directory, 'readmark.db') });
  try {
    await store.migrate();
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
        createdAt: new Date(Date.now() - 3_600_000),
      });
    }
    // As `buildApp` sets the handler up on SQLite (60 s context entries, the default classifier),
    // without the rate limiter, and with nothing written.
    const handler = new PixelHitHandler({
      store,
      recorder: { record: () => Promise.resolve('recorded') },
      cache: new PixelTargetCache(),
      storedContexts: new StoredContextCache({ ttlMs: 60_000 }),
      addressMinimisation: { ipv4PrefixBits: 24, ipv6PrefixBits: 48 },
      classifier: createOpenClassifier({}),
      onError: (error) => {
        throw error;
      },
    });

    let next = 0;
    const hit = async (count) => {
      const running = [];
      for (let index = 0; index < count; index += 1) {
        next = (next + 1) % ids.length;
        running.push(
          handler.handle({
            trackingId: ids[next],
            method: 'GET',
            headers: HEADERS,
            clientAddress: '127.0.0.1',
            at: new Date(),
          }),
        );
        if (running.length === IN_FLIGHT) await Promise.all(running.splice(0));
      }
      await Promise.all(running);
    };

    // The first pass fills the caches and lets V8 optimise the path.
    await hit(hitsPerSample);
    const samples = [];
    for (let sample = 0; sample < SAMPLES; sample += 1) {
      const before = process.cpuUsage();
      await hit(hitsPerSample);
      const used = process.cpuUsage(before);
      samples.push((used.user + used.system) / hitsPerSample);
    }
    samples.sort((left, right) => left - right);
    console.log(JSON.stringify({ median: samples[Math.floor(SAMPLES / 2)], lowest: samples[0] }));
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

function main() {
  const args = process.argv.slice(2);
  const hitsPerSample = Number(option(args, '--hits', '100000'));
  if (args[0] === '--measure') {
    return measure(args[1], hitsPerSample);
  }
  const rounds = Number(option(args, '--rounds', '3'));
  if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(hitsPerSample) || hitsPerSample < 1) {
    throw new Error(
      '--rounds and --hits take whole numbers of 1 or more, for example --rounds 3 --hits 100000.',
    );
  }
  const trees = positional(args).map((tree) => resolve(tree));
  if (trees.length === 0) trees.push(resolve(__dirname, '..'));
  for (const tree of trees) {
    if (!existsSync(join(tree, 'dist/server/core/pixelHits.js'))) {
      throw new Error(`Tree '${tree}' is not built or not found: run 'npm run build:server' in it.`);
    }
  }

  console.log(`CPU µs per hit, median and lowest of ${SAMPLES} samples of ${hitsPerSample} hits:`);
  for (let round = 1; round <= rounds; round += 1) {
    for (const tree of trees) {
      const output = execFileSync(
        process.execPath,
        [join(__dirname, 'pixel-path.js'), '--measure', tree, '--hits', String(hitsPerSample)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const { median, lowest } = JSON.parse(output.trim().split('\n').pop());
      console.log(`round ${round}  ${tree}  ${median.toFixed(2)} (lowest ${lowest.toFixed(2)})`);
    }
  }
  return undefined;
}

Promise.resolve()
  .then(main)
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
