import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { OpenClassifier } from './core/classification';
import type { ServerConfig } from './config/serverConfig';
import { buildApp } from './http/app';
import { READMARK_VERSION } from './version';
import { createServerLogger } from './http/logger';
import { openConfiguredStore, type ConfiguredStore } from './store/openConfiguredStore';
import { startRetentionSchedule } from './privacy/retentionSchedule';
import { ServerStartError } from './startError';
import type { TrackingStore } from './store/trackingStore';

/** How often a running server repeats the store's upkeep (PostgreSQL partitions ahead). */
export const STORE_MAINTENANCE_INTERVAL_MS = 24 * 60 * 60 * 1000;

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
  /** A store to use in place of the database named in `config`; it is migrated and closed here too. */
  store?: TrackingStore;
  /** Folder of the built add-in served under `/addin/`; defaults to `dist/addin`. */
  addinDirectory?: string;
}

/**
 * Opens the database, runs pending migrations and starts listening. A failure to open or migrate
 * the database, or to listen, is raised as a `ServerStartError` that names the step.
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createServerLogger(config.logLevel);
  let configured: ConfiguredStore;
  try {
    configured =
      options.store === undefined
        ? openConfiguredStore(config.database, logger)
        : { store: options.store, maintain: null, description: { database: 'given' } };
  } catch (error) {
    throw new ServerStartError('database', error);
  }
  const store = configured.store;
  try {
    // migrate() also runs the PostgreSQL store's partition upkeep once.
    const { applied } = await store.migrate();
    if (applied.length > 0) logger.info({ versions: applied }, 'database migrations applied');
  } catch (error) {
    await store.close();
    throw new ServerStartError('database', error);
  }
  const maintenance = scheduleMaintenance(configured.maintain, logger);
  let app: FastifyInstance;
  try {
    app = await buildApp({
      config,
      store,
      logger,
      ...(options.classifier === undefined ? {} : { classifier: options.classifier }),
      ...(options.addinDirectory === undefined ? {} : { addinDirectory: options.addinDirectory }),
    });
  } catch (error) {
    // Closed as on the other failure paths, so a caller that handles the error leaks no connections.
    clearInterval(maintenance);
    await store.close();
    throw error;
  }
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    clearInterval(maintenance);
    await store.close();
    throw new ServerStartError('listen', error);
  }
  const retention = startRetentionSchedule({
    store,
    policy: config.privacy.retention,
    intervalMinutes: config.privacy.purgeIntervalMinutes,
    onRun: (result) => {
      if (result.opensDeleted > 0 || result.messagesStopped > 0) {
        logger.info(
          { opensDeleted: result.opensDeleted, messagesStopped: result.messagesStopped },
          'retention applied',
        );
      }
    },
    onError: (error) => logger.error({ err: error }, 'retention run failed'),
    onClockJump: (jumpMs) =>
      logger.warn(
        { clockJumpMinutes: Math.round(jumpMs / 60_000) },
        'retention skipped: the system clock moved forward since the server started; fix the clock, or restart the server if the new time is right',
      ),
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  // The store's own host and port are nested, so they cannot pass for the address the server listens on.
  logger.info(
    { version: READMARK_VERSION, host: config.host, port, store: configured.description },
    'server started',
  );
  if (config.auth.apiClientId === null) {
    logger.warn(
      'the API is not configured, so the add-in cannot sign in and every API request gets 503 AUTH_NOT_CONFIGURED: set --api-client-id (READMARK_API_CLIENT_ID) to the API app registration',
    );
  }

  let closing: Promise<void> | null = null;
  return {
    app,
    url: `http://${host}:${port}`,
    close: () => {
      closing ??= (async () => {
        clearInterval(maintenance);
        await retention.stop();
        await app.close();
        await store.close();
        logger.info('server stopped');
      })();
      return closing;
    },
  };
}

function scheduleMaintenance(
  maintain: (() => Promise<void>) | null,
  logger: Logger,
): NodeJS.Timeout | undefined {
  if (maintain === null) {
    return undefined;
  }
  const timer = setInterval(() => {
    maintain().then(
      () => logger.info('store maintenance finished'),
      (error: unknown) => logger.error({ err: error }, 'store maintenance failed; it runs again in a day'),
    );
  }, STORE_MAINTENANCE_INTERVAL_MS);
  // The daily upkeep alone must not keep the process alive.
  timer.unref();
  return timer;
}
