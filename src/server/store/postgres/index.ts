export { openPostgresStore, PostgresTrackingStore } from './postgresTrackingStore';
export type { PostgresStoreOptions, StoreLogger } from './options';
