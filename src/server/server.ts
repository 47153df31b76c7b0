import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { OpenClassifier } from './core/classification';
import type { ServerConfig } from './config/serverConfig';
import { buildApp } from './http/app';
import { createServerLogger } from './http/logger';
import { SqliteTrackingStore } from './store/sqlite/sqliteTrackingStore';
import type { TrackingStore } from './store/trackingStore';

export interface RunningServer {
  app: FastifyInstance;
  /** The address the server listens on, for example `http://127.0.0.1:3000`. */
  url: string;
  /**
   * Stops accepting connections, finishes in-flight requests, commits every open already taken
   * and closes the database. Safe to call more than once.
   */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  classifier?: OpenClassifier;
  /** A store to use in place of the SQLite file named in `config`; it is migrated and closed here too. */
  store?: TrackingStore;
}

/** Opens the database, runs pending migrations and starts listening. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createServerLogger(config.logLevel);
  const store =
    options.store ??
    new SqliteTrackingStore({ path: config.database.path, synchronous: config.database.synchronous });
  await store.migrate();
  const app = await buildApp({
    config,
    store,
    logger,
    ...(options.classifier === undefined ? {} : { classifier: options.classifier }),
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.info({ host: config.host, port, database: config.database.path }, 'server started');

  let closing: Promise<void> | null = null;
  return {
    app,
    url: `http://${host}:${port}`,
    close: () => {
      closing ??= (async () => {
        await app.close();
        await store.close();
        logger.info('server stopped');
      })();
      return closing;
    },
  };
}
