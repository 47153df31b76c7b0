import { randomBytes } from 'node:crypto';
import { parseServerConfig } from '../../../src/server/config/parseServerConfig';
import { createServerLogger } from '../../../src/server/http/logger';
import { startServer, type RunningServer } from '../../../src/server/server';
import { openPostgresStore } from '../../../src/server/store/postgres';
import type { PostgresTrackingStore } from '../../../src/server/store/postgres/postgresTrackingStore';
import type { Sender } from '../../../src/server/store/trackingStore';
import {
  describeWithThrowawayPostgres,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../support/throwawayPostgres';

function trackingId(): string {
  return randomBytes(16).toString('base64url');
}

async function metric(server: RunningServer, line: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const found = text.split('\n').find((candidate) => candidate.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeWithThrowawayPostgres('server while PostgreSQL is away', (bin) => {
  let database: ThrowawayPostgres;
  let reader: PostgresTrackingStore;
  let stopped = false;
  const sender: Sender = { tenantId: 'tenant-outage', objectId: 'user-outage' };

  beforeAll(async () => {
    database = await startThrowawayPostgres(bin);
    reader = openPostgresStore({ connectionString: database.url, poolSize: 2 });
    await reader.migrate();
  }, 120_000);

  afterAll(async () => {
    await reader?.close();
    await database?.destroy();
  }, 120_000);

  async function start(pendingOpensMax: number): Promise<RunningServer> {
    const config = parseServerConfig({
      port: '0',
      database: database.url,
      postgresPoolSize: '3',
      pendingOpensMax: String(pendingOpensMax),
    });
    return startServer(config, { logger: createServerLogger(process.env.DEBUG_LOG ?? 'silent') });
  }

  async function newMessage(): Promise<string> {
    const id = trackingId();
    await reader.createTrackedMessage({
      trackingId: id,
      sender,
      clientRequestId: id,
      subject: 'Outage',
      recipientCount: 1,
      createdAt: new Date(),
    });
    return id;
  }

  /** Opens stored for the message, counted ones and repeats alike (one client sends every hit). */
  async function storedOpens(id: string): Promise<number> {
    const page = await reader.listOpens(sender, id, { limit: 100, cursor: null });
    return page.items.length;
  }

  async function stopDatabase(mode: Parameters<ThrowawayPostgres['stop']>[0]): Promise<void> {
    await database.stop(mode);
    stopped = true;
  }

  /** Starts the database again and waits until the server has written its queue. */
  async function restartAndDrain(server: RunningServer): Promise<void> {
    await database.start();
    stopped = false;
    await eventually(async () => (await metric(server, 'readmark_open_backlog')) === 0);
  }

  /** Closes the server, and starts the database again if a failed test left it stopped. */
  async function cleanUp(server: RunningServer): Promise<void> {
    if (stopped) await database.start();
    stopped = false;
    await server.close();
  }

  test('queues opens and writes them when the database returns', async () => {
    const server = await start(1000);
    try {
      const id = await newMessage();
      for (let hit = 0; hit < 3; hit++) {
        expect((await fetch(`${server.url}/o/${id}.gif`)).status).toBe(200);
      }
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      await stopDatabase('fast');
      for (let hit = 0; hit < 5; hit++) {
        expect((await fetch(`${server.url}/o/${id}.gif`)).status).toBe(200);
      }
      const notReady = await fetch(`${server.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ checks: { database: 'failed' } });
      expect(await metric(server, 'readmark_opens_recorded_total')).toBe(3);
      expect(await metric(server, 'readmark_open_backlog')).toBe(5);

      await restartAndDrain(server);

      expect(await storedOpens(id)).toBe(8);
      expect(await metric(server, 'readmark_opens_recorded_total')).toBe(8);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await cleanUp(server);
    }
  }, 120_000);

  test('queues the open of a message it has not looked up yet', async () => {
    const server = await start(1000);
    try {
      const id = await newMessage();
      const unknownId = trackingId();
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      await stopDatabase('fast');
      expect((await fetch(`${server.url}/o/${id}.gif`)).status).toBe(200);
      expect((await fetch(`${server.url}/o/${unknownId}.gif`)).status).toBe(200);
      const notReady = await fetch(`${server.url}/readyz`);
      expect(await notReady.json()).toMatchObject({ checks: { database: 'failed', openWrites: 'queueing' } });
      expect(await metric(server, 'readmark_open_backlog')).toBe(2);
      expect(await metric(server, 'readmark_opens_failed_total')).toBe(0);

      await restartAndDrain(server);

      expect(await storedOpens(id)).toBe(1);
      expect(await metric(server, 'readmark_opens_recorded_total')).toBe(1);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await cleanUp(server);
    }
  }, 120_000);

  test('drops and counts opens beyond the bound', async () => {
    const server = await start(2);
    try {
      const id = await newMessage();
      await fetch(`${server.url}/o/${id}.gif`);

      await stopDatabase('immediate');
      for (let hit = 0; hit < 5; hit++) {
        expect((await fetch(`${server.url}/o/${id}.gif`)).status).toBe(200);
      }
      expect(await metric(server, 'readmark_opens_dropped_total{reason="queue-full"}')).toBe(3);

      await restartAndDrain(server);
      expect(await storedOpens(id)).toBe(3);
    } finally {
      await cleanUp(server);
    }
  }, 120_000);
});
