import { openPostgresStore } from '../../../../src/server/store/postgres';
import type { PostgresTrackingStore } from '../../../../src/server/store/postgres/postgresTrackingStore';
import {
  describeWithThrowawayPostgres,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../../support/throwawayPostgres';
import { newMessage, newOpen, newSender } from './fixtures';

describeWithThrowawayPostgres('PostgreSQL store across a database restart', (bin) => {
  let server: ThrowawayPostgres;
  let store: PostgresTrackingStore;

  beforeAll(async () => {
    server = await startThrowawayPostgres(bin);
    store = openPostgresStore({ connectionString: server.url, poolSize: 3, connectTimeoutMs: 2000 });
    await store.migrate();
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await server?.destroy();
  }, 120_000);

  test.each(['fast', 'immediate'] as const)(
    'store works again after a %s stop',
    async (mode) => {
      const sender = newSender();
      const message = newMessage(sender);
      await store.createTrackedMessage(message);
      // Fill the pool with idle connections, which the restart then breaks.
      await Promise.all([1, 2, 3].map(() => store.ping()));

      await server.stop(mode);
      await expect(store.ping()).rejects.toThrow();
      await expect(store.recordOpens([newOpen(message)])).rejects.toThrow();
      await server.start();

      await store.recordOpens([newOpen(message), newOpen(message)]);
      const stored = await store.getTrackedMessage(sender, message.trackingId);
      expect(stored?.opens.counts.human).toBe(2);
    },
    120_000,
  );
});
