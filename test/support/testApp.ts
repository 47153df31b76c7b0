import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { OpenClassifier } from '../../src/server/core/classification';
import { parseServerConfig } from '../../src/server/config/parseServerConfig';
import type { RawServerOptions } from '../../src/server/config/options';
import type { ServerConfig } from '../../src/server/config/serverConfig';
import { buildApp, type AppOptions } from '../../src/server/http/app';
import { createServerLogger } from '../../src/server/http/logger';
import { SqliteTrackingStore } from '../../src/server/store/sqlite/sqliteTrackingStore';
import type { TrackingStore } from '../../src/server/store/trackingStore';
import type { LocalTokenIssuer } from './localTokenIssuer';
import { createTempDirectory } from './tempDirectory';

export interface TestApp {
  app: FastifyInstance;
  store: SqliteTrackingStore;
  config: ServerConfig;
  /** Every log line written so far, as raw JSON text. */
  logLines: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  issuer?: LocalTokenIssuer;
  classifier?: OpenClassifier;
  /** Wraps the SQLite store, for example to delay or fail commits. */
  wrapStore?: (store: SqliteTrackingStore) => TrackingStore;
  appOptions?: Partial<AppOptions>;
  /** `readmark serve` options on top of the test defaults, for example a rate limit. */
  serverOptions?: RawServerOptions;
}

/** Builds the app on a fresh SQLite file in a temporary folder, trusting `issuer` when given. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const directory = await createTempDirectory();
  const databasePath = join(directory.path, 'readmark.db');
  const parsed = parseServerConfig({
    database: databasePath,
    publicUrl: 'https://track.example.test',
    logLevel: 'info',
    // Fixtures use fixed dates and send many hits from one address; tests of these limits set them.
    trackingMaxAgeDays: '3650',
    pixelRateLimitPerMinute: '0',
    apiRateLimitPerMinute: '0',
    ...options.serverOptions,
  });
  const config: ServerConfig =
    options.issuer === undefined ? parsed : { ...parsed, auth: options.issuer.authConfig() };
  const store = new SqliteTrackingStore({ path: databasePath });
  await store.migrate();

  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  const app = await buildApp({
    config,
    store: options.wrapStore === undefined ? store : options.wrapStore(store),
    logger: createServerLogger('info', destination),
    addinDirectory: join(directory.path, 'no-addin'),
    ...(options.classifier === undefined ? {} : { classifier: options.classifier }),
    ...options.appOptions,
  });
  await app.ready();
  return {
    app,
    store,
    config,
    logLines,
    close: async () => {
      await app.close();
      await store.close();
      await directory.remove();
    },
  };
}
