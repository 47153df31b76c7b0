import { randomUUID } from 'node:crypto';
import type { OpenKind, TrackedMessageDetail } from '../../../src/shared/api';
import { openPostgresStore } from '../../../src/server/store/postgres';
import type { TrackingStore } from '../../../src/server/store/trackingStore';
import { injectApi } from '../../support/apiClient';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { describeWithPostgres, dropSchema, uniqueSchemaName } from '../../support/postgres';
import { createTestApp, type TestApp } from '../../support/testApp';
import {
  APPLE_MPP,
  GMAIL_IMAGE_PROXY,
  HEADLESS_CHROME,
  OUTLOOK_WINDOWS,
  THUNDERBIRD,
} from '../../support/userAgents';

const BASE = '/api/v1/tracked-messages';
const HOUR_MS = 3_600_000;

/** Replaces the app's SQLite store with another backend; null keeps SQLite. */
type StoreFactory = () => Promise<{ store: TrackingStore; dispose(): Promise<void> } | null>;

function describeOpenClassification(backend: string, openStore: StoreFactory): void {
  describe(`open classification on ${backend}`, () => {
    let issuer: LocalTokenIssuer;
    let test: TestApp;
    let dispose: () => Promise<void>;
    let alice: string;

    beforeAll(async () => {
      issuer = await LocalTokenIssuer.start();
    });

    afterAll(async () => {
      await issuer.stop();
    });

    beforeEach(async () => {
      const replacement = await openStore();
      test = await createTestApp({
        issuer,
        ...(replacement === null ? {} : { wrapStore: () => replacement.store }),
      });
      dispose = replacement === null ? () => Promise.resolve() : replacement.dispose;
      alice = await issuer.issueToken({ claims: { oid: randomUUID() } });
    });

    afterEach(async () => {
      await test.close();
      await dispose();
    });

    /** Creates a message as alice from `address`; `sentHoursAgo` moves its send time back. */
    async function createMessage(options: { sentHoursAgo?: number; address?: string } = {}): Promise<string> {
      const response = await test.app.inject({
        method: 'POST',
        url: BASE,
        headers: { authorization: `Bearer ${alice}` },
        payload: { clientRequestId: randomUUID() },
        remoteAddress: options.address ?? '127.0.0.1',
      });
      const id = response.json<{ id: string }>().id;
      if (options.sentHoursAgo !== undefined) {
        const sentAt = new Date(Date.now() - options.sentHoursAgo * HOUR_MS).toISOString();
        await injectApi(test.app, alice, 'PATCH', `${BASE}/${id}`, { sentAt });
      }
      return id;
    }

    function hitPixel(id: string, userAgent: string, address: string, method: 'GET' | 'HEAD' = 'GET') {
      return test.app.inject({
        method,
        url: `/o/${id}.gif`,
        headers: { 'user-agent': userAgent },
        remoteAddress: address,
      });
    }

    async function detail(id: string): Promise<TrackedMessageDetail> {
      const response = await injectApi(test.app, alice, 'GET', `${BASE}/${id}`);
      return response.json<TrackedMessageDetail>();
    }

    function kindsOldestFirst(message: TrackedMessageDetail): Array<[OpenKind, boolean]> {
      return [...message.recentOpens].reverse().map((open) => [open.kind, open.counted]);
    }

    it('labels real user agents and counts people, automated and repeats apart', async () => {
      const id = await createMessage({ sentHoursAgo: 1 });

      await hitPixel(id, THUNDERBIRD, '198.51.100.7');
      await hitPixel(id, GMAIL_IMAGE_PROXY, '66.249.84.10');
      await hitPixel(id, APPLE_MPP, '17.58.1.2');
      await hitPixel(id, HEADLESS_CHROME, '203.0.113.50');
      await hitPixel(id, THUNDERBIRD, '198.51.100.7');
      await hitPixel(id, THUNDERBIRD, '198.51.100.7', 'HEAD');

      const message = await detail(id);
      expect(kindsOldestFirst(message)).toEqual([
        ['human', true],
        ['human-via-proxy', true],
        ['prefetch', true],
        ['scanner', true],
        ['human', false],
      ]);
      expect(message.recentOpens[0]?.reasons[0]).toBe('repeat');
      expect(message.opens).toMatchObject({
        counts: { human: 1, 'human-via-proxy': 1, prefetch: 1, scanner: 1, self: 0, unknown: 0 },
        peopleOpens: 2,
        automatedOpens: 2,
        selfViews: 0,
      });
      const peopleTimes = message.recentOpens
        .filter((open) => open.counted && (open.kind === 'human' || open.kind === 'human-via-proxy'))
        .map((open) => open.at)
        .sort();
      expect(message.opens.firstOpenAt).toBe(peopleTimes[0]);
      expect(message.opens.lastOpenAt).toBe(peopleTimes[peopleTimes.length - 1]);

      const list = await injectApi(test.app, alice, 'GET', BASE);
      expect(list.json<{ items: TrackedMessageDetail[] }>().items[0]?.opens).toEqual(message.opens);
    });

    it('turns a hit just before a view report and one after it into self views', async () => {
      const id = await createMessage({ sentHoursAgo: 1 });
      await hitPixel(id, OUTLOOK_WINDOWS, '198.51.100.7');
      expect((await detail(id)).opens.counts.human).toBe(1);

      const view = await injectApi(test.app, alice, 'POST', `${BASE}/${id}/views`);
      await hitPixel(id, OUTLOOK_WINDOWS, '192.0.2.44');

      expect(view.statusCode).toBe(204);
      expect(view.body).toBe('');
      const message = await detail(id);
      expect(kindsOldestFirst(message)).toEqual([
        ['self', true],
        ['self', true],
      ]);
      expect(message.recentOpens[0]).toMatchObject({
        confidence: 0.95,
        reasons: ['sender-view', 'outlook-windows'],
      });
      expect(message.opens).toMatchObject({
        firstOpenAt: null,
        lastOpenAt: null,
        peopleOpens: 0,
        selfViews: 2,
      });
    });

    it('keeps a proxy open a person’s open after a view report', async () => {
      const id = await createMessage({ sentHoursAgo: 1 });
      await hitPixel(id, GMAIL_IMAGE_PROXY, '66.249.84.10');

      await injectApi(test.app, alice, 'POST', `${BASE}/${id}/views`);

      expect((await detail(id)).opens).toMatchObject({ peopleOpens: 1, selfViews: 0 });
    });

    it('sees a view report at the next hit from a network already read', async () => {
      const id = await createMessage({ sentHoursAgo: 1 });
      await hitPixel(id, GMAIL_IMAGE_PROXY, '198.51.100.7');

      await injectApi(test.app, alice, 'POST', `${BASE}/${id}/views`);
      await hitPixel(id, OUTLOOK_WINDOWS, '198.51.100.7');

      const [proxy, outlook] = [...(await detail(id)).recentOpens].reverse();
      expect(proxy).toMatchObject({ kind: 'human-via-proxy' });
      expect(outlook).toMatchObject({ kind: 'self', reasons: ['sender-view', 'outlook-windows'] });
    });

    it('sees a new sender network at the next hit from it', async () => {
      const id = await createMessage({ sentHoursAgo: 1 });
      await hitPixel(id, GMAIL_IMAGE_PROXY, '203.0.113.9');

      // Any API call of the sender notes its network; this one comes from the hit's network.
      await test.app.inject({
        method: 'GET',
        url: BASE,
        headers: { authorization: `Bearer ${alice}` },
        remoteAddress: '203.0.113.5',
      });
      await hitPixel(id, OUTLOOK_WINDOWS, '203.0.113.9');

      const [, outlook] = [...(await detail(id)).recentOpens].reverse();
      expect(outlook).toMatchObject({ kind: 'self', reasons: ['sender-network', 'outlook-windows'] });
    });

    it('marks hits from the sender’s network as self with lower confidence', async () => {
      const id = await createMessage({ sentHoursAgo: 1, address: '203.0.113.5' });

      await hitPixel(id, OUTLOOK_WINDOWS, '203.0.113.9');
      await hitPixel(id, GMAIL_IMAGE_PROXY, '203.0.113.9');

      const message = await detail(id);
      const [outlook, proxy] = [...message.recentOpens].reverse();
      expect(outlook).toMatchObject({
        kind: 'self',
        confidence: 0.6,
        reasons: ['sender-network', 'outlook-windows'],
      });
      expect(proxy).toMatchObject({ kind: 'human-via-proxy' });
      expect(message.opens).toMatchObject({ peopleOpens: 1, selfViews: 1 });
    });

    describe('POST views', () => {
      it('accepts an empty JSON object', async () => {
        const id = await createMessage();

        const response = await injectApi(test.app, alice, 'POST', `${BASE}/${id}/views`, {});

        expect(response.statusCode).toBe(204);
      });

      it('rejects unknown body fields', async () => {
        const id = await createMessage();

        const response = await injectApi(test.app, alice, 'POST', `${BASE}/${id}/views`, { viewedAt: 'now' });

        expect(response.statusCode).toBe(400);
        expect(response.json<{ code: string }>().code).toBe('REQUEST_INVALID');
      });

      it('returns 404 for another user’s or a malformed id', async () => {
        const id = await createMessage();
        const bob = await issuer.issueToken({ claims: { oid: randomUUID() } });

        const foreign = await injectApi(test.app, bob, 'POST', `${BASE}/${id}/views`);
        const malformed = await injectApi(test.app, alice, 'POST', `${BASE}/not-an-id/views`);

        expect(foreign.statusCode).toBe(404);
        expect(foreign.json<{ code: string }>().code).toBe('TRACKED_MESSAGE_NOT_FOUND');
        expect(malformed.statusCode).toBe(404);
      });

      it('requires a token', async () => {
        const id = await createMessage();

        const response = await test.app.inject({ method: 'POST', url: `${BASE}/${id}/views` });

        expect(response.statusCode).toBe(401);
      });
    });
  });
}

describeOpenClassification('SQLite', () => Promise.resolve(null));

describeWithPostgres('open classification with PostgreSQL', (databaseUrl) => {
  describeOpenClassification('PostgreSQL', async () => {
    const schema = uniqueSchemaName('classification');
    const store = openPostgresStore({ connectionString: databaseUrl, schema, poolSize: 4 });
    await store.migrate();
    return {
      store,
      dispose: async () => {
        await store.close();
        await dropSchema(databaseUrl, schema);
      },
    };
  });
});
