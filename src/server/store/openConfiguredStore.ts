import type { DatabaseConfig } from '../config/serverConfig';
import { openPostgresStore, type StoreLogger } from './postgres';
import { SqliteTrackingStore } from './sqlite/sqliteTrackingStore';
import type { TrackingStore } from './trackingStore';

export interface ConfiguredStore {
  store: TrackingStore;
  /** Upkeep the server runs at start-up and once a day (PostgreSQL: monthly partitions ahead). */
  maintain: (() => Promise<void>) | null;
  /** What the start-up log line says about the database; never contains a password. */
  description: object;
}

/** Opens the store that `--database` names: a SQLite file, or PostgreSQL for a postgres:// URL. */
export function openConfiguredStore(config: DatabaseConfig, logger: StoreLogger): ConfiguredStore {
  if (config.kind === 'sqlite') {
    return {
      store: new SqliteTrackingStore({ path: config.path, synchronous: config.synchronous }),
      maintain: null,
      description: { database: 'sqlite', path: config.path },
    };
  }
  const store = openPostgresStore({ connectionString: config.url, poolSize: config.poolSize, logger });
  const url = new URL(config.url);
  return {
    store,
    maintain: () => store.maintainPartitions(),
    description: {
      database: 'postgres',
      host: url.hostname,
      port: url.port === '' ? 5432 : Number(url.port),
      name: url.pathname.slice(1),
      poolSize: config.poolSize,
    },
  };
}
