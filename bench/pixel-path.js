'use strict';
// Times the pixel path's own work without HTTP or the open writer: `PixelHitHandler.handle`.
// The hits go to the load tests' 1,000 tracked messages of one sender, created just before, with
// their User-Agent. The handler has the server's caches and classifier, and a recorder that
// settles at once. Each message starts with 50 stored opens from the same client, so every hit
// is compared with stored and with recent hits, as in a long load test. It prints the CPU time
// of the whole process (garbage collection included) per hit: a warm-up pass, then five samples
// of `--hits` hits, each tree in a fresh process. With several built trees it runs them in turn
// for `--rounds` rounds. Needs `npm run build:server` in every tree. No network traffic. With
// --hits in the millions, the 60 s context entries expire during the samples and the store's
// reads are timed too.
// Usage: node bench/pixel-path.js [--rounds 3] [--hits 100000] [TREE...]   (default TREE: this one)
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { parseArgs } = require('node:util');
const { PIXEL_USER_AGENT, SENDER, seedTrackedMessages } = require('./pixelLoad');

/** Hits started before the handler waits for them, like requests in flight on 256 connections. */
const IN_FLIGHT = 256;
const SAMPLES = 5;
/** Opens stored per message before the samples: the most a hit's context reads (MAX_CONTEXT_OPENS). */
const STORED_OPENS = 50;
const CLIENT_ADDRESS = '127.0.0.1';
const CLIENT_NETWORK = '127.0.0.0/24';
const USAGE = 'Usage: node bench/pixel-path.js [--rounds 3] [--hits 100000] [TREE...]';
/** The built files each tree needs; a tree older than this benchmark may lack one. */
const REQUIRED_MODULES = [
  'server/core/pixelHits.js',
  'server/core/pixelTargetCache.js',
  'server/core/storedContextCache.js',
  'server/core/openClassifier.js',
  'server/store/sqlite/sqliteTrackingStore.js',
];
const HEADERS = { host: '127.0.0.1:3901', 'user-agent': PIXEL_USER_AGENT, accept: '*/*' };

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

  const directory = mkdtempSync(join(tmpdir(), 'readmark-pixel-path-'));
  const store = new SqliteTrackingStore({ path: join(directory, 'readmark.db') });
  try {
    await store.migrate();
    const ids = await seedTrackedMessages(store);
    const storedAt = new Date();
    for (const trackingId of ids) {
      const opens = Array.from({ length: STORED_OPENS }, () => ({
        trackingId,
        tenantId: SENDER.tenantId,
        at: storedAt,
        method: 'GET',
        userAgent: PIXEL_USER_AGENT,
        clientNetwork: CLIENT_NETWORK,
        kind: 'human',
        confidence: 0.9,
        reasons: ['outlook-windows'],
      }));
      await store.recordOpens(opens);
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
            clientAddress: CLIENT_ADDRESS,
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

/** Returns the whole number of at least 1 given for `--name`, or throws a message naming it. */
function wholeNumber(values, name, example) {
  const text = values[name];
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1) {
    throw new Error(
      `Invalid --${name} '${text}': give a whole number of 1 or more, for example --${name} ${example}.`,
    );
  }
  return value;
}

/** Returns the absolute path of a built tree, or throws an error that names what is missing. */
function builtTree(path) {
  const tree = resolve(path);
  if (!existsSync(tree)) {
    throw new Error(`Tree '${path}' not found: give the folder of a checkout or worktree of Readmark.`);
  }
  const missing = REQUIRED_MODULES.find((module) => !existsSync(join(tree, 'dist', module)));
  if (missing !== undefined) {
    throw new Error(
      `Tree '${path}' lacks dist/${missing}: run 'npm run build:server' in it. A tree older than ` +
        'this benchmark may not have that module at all.',
    );
  }
  return tree;
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--measure') {
    return measure(args[1], Number(args[2]));
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        rounds: { type: 'string', default: '3' },
        hits: { type: 'string', default: '100000' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new Error(`${error.message.replace(/\.$/, '')}. ${USAGE}`);
  }
  if (parsed.values.help === true) {
    console.log(USAGE);
    return undefined;
  }
  const rounds = wholeNumber(parsed.values, 'rounds', 3);
  const hitsPerSample = wholeNumber(parsed.values, 'hits', 100000);
  const trees = (parsed.positionals.length === 0 ? [join(__dirname, '..')] : parsed.positionals).map(
    builtTree,
  );

  console.log(`CPU µs per hit, median and lowest of ${SAMPLES} samples of ${hitsPerSample} hits:`);
  for (let round = 1; round <= rounds; round += 1) {
    for (const tree of trees) {
      const output = execFileSync(
        process.execPath,
        [join(__dirname, 'pixel-path.js'), '--measure', tree, String(hitsPerSample)],
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
