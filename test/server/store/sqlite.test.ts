import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../src/server/store/sqlite/migrations';
import { SqliteTrackingStore } from '../../../src/server/store/sqlite/sqliteTrackingStore';
import { createTempDirectory } from '../../support/tempDirectory';
import { describeTrackingStoreContract } from './contract';

describeTrackingStoreContract('SQLite', async () => {
  const directory = await createTempDirectory();
  const store = new SqliteTrackingStore({ path: join(directory.path, 'readmark.db') });
  await store.migrate();
  return {
    store,
    dispose: async () => {
      await store.close();
      await directory.remove();
    },
  };
});

describe('SqliteTrackingStore pragmas', () => {
  it('sets WAL and the requested synchronous level on every open', async () => {
    const directory = await createTempDirectory();
    const path = join(directory.path, 'nested', 'readmark.db');
    try {
      for (const level of ['FULL', 'NORMAL', 'FULL'] as const) {
        const store = new SqliteTrackingStore({ path, synchronous: level });
        await store.migrate();
        await store.close();
      }
      const reader = new Database(path, { readonly: true });
      expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
      reader.close();

      const store = new SqliteTrackingStore({ path, synchronous: 'FULL', busyTimeoutMs: 1234 });
      const inspect = (store as unknown as { db: Database.Database }).db;
      expect(inspect.pragma('synchronous', { simple: true })).toBe(2);
      expect(inspect.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(inspect.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
      await store.close();
    } finally {
      await directory.remove();
    }
  });

  it('applies each migration once', async () => {
    const directory = await createTempDirectory();
    const path = join(directory.path, 'readmark.db');
    try {
      const store = new SqliteTrackingStore({ path });
      const first = await store.migrate();
      const second = await store.migrate();
      await store.close();

      expect(first.applied).toEqual(MIGRATIONS.map(({ version }) => version));
      expect(second.applied).toEqual([]);

      const reader = new Database(path, { readonly: true });
      const versions = reader.prepare('SELECT version FROM schema_migrations').all();
      reader.close();
      expect(versions).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
    } finally {
      await directory.remove();
    }
  });
});
