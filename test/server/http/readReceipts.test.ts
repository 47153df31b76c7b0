import { randomUUID } from 'node:crypto';
import type {
  RecordReadReceiptRequest,
  TrackedMessageDetail,
  TrackedMessageList,
} from '../../../src/shared/api';
import { openPostgresStore } from '../../../src/server/store/postgres';
import type { TrackingStore } from '../../../src/server/store/trackingStore';
import { injectApi } from '../../support/apiClient';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { describeWithPostgres, dropSchema, uniqueSchemaName } from '../../support/postgres';
import { createTestApp, type TestApp } from '../../support/testApp';

const BASE = '/api/v1/tracked-messages';

/** Opens the store the app runs on; null keeps the test app's own SQLite store. */
type StoreFactory = () => Promise<{ store: TrackingStore; dispose: () => Promise<void> } | null>;

function describeReceiptRoutes(storeName: string, openStore: StoreFactory): void {
  describe(`read receipts and message-id lookup (${storeName})`, () => {
    let issuer: LocalTokenIssuer;
    let test: TestApp;
    let disposeStore: () => Promise<void>;
    let alice: string;
    let bob: string;

    beforeAll(async () => {
      issuer = await LocalTokenIssuer.start();
    });

    afterAll(async () => {
      await issuer.stop();
    });

    beforeEach(async () => {
      const opened = await openStore();
      disposeStore = opened?.dispose ?? (() => Promise.resolve());
      test = await createTestApp({
        issuer,
        ...(opened === null ? {} : { wrapStore: () => opened.store }),
      });
      alice = await issuer.issueToken({ claims: { oid: randomUUID() } });
      bob = await issuer.issueToken({ claims: { oid: randomUUID() } });
    });

    afterEach(async () => {
      await test.close();
      await disposeStore();
    });

    async function createSent(token: string, internetMessageId: string): Promise<string> {
      const created = await injectApi(test.app, token, 'POST', BASE, { clientRequestId: randomUUID() });
      const { id } = created.json<{ id: string }>();
      const linked = await injectApi(test.app, token, 'PATCH', `${BASE}/${id}`, {
        internetMessageId,
        sentAt: '2026-03-02T09:00:00.000Z',
      });
      expect(linked.statusCode).toBe(200);
      return id;
    }

    function receipt(overrides: Partial<RecordReadReceiptRequest> = {}): RecordReadReceiptRequest {
      return {
        receiptMessageId: '<mdn-1@mail.example.net>',
        finalRecipient: 'dana@example.net',
        kind: 'read',
        dispositionType: 'displayed',
        at: '2026-03-02T10:15:00.000Z',
        ...overrides,
      };
    }

    async function detail(token: string, id: string): Promise<TrackedMessageDetail> {
      return (await injectApi(test.app, token, 'GET', `${BASE}/${id}`)).json<TrackedMessageDetail>();
    }

    describe('POST receipts', () => {
      it('records a receipt and shows it in the detail and the list summary', async () => {
        const id = await createSent(alice, '<sent-1@mail.example.com>');

        const response = await injectApi(test.app, alice, 'POST', `${BASE}/${id}/receipts`, receipt());

        expect(response.statusCode).toBe(201);
        expect(response.json()).toEqual({ recorded: true, receipts: { read: 1, notRead: 0, other: 0 } });
        expect((await detail(alice, id)).receiptList).toEqual([receipt()]);
        const list = (await injectApi(test.app, alice, 'GET', BASE)).json<TrackedMessageList>();
        expect(list.items[0]?.receipts).toEqual({ read: 1, notRead: 0, other: 0 });
      });

      it('records the same receipt message id only once', async () => {
        const id = await createSent(alice, '<sent-2@mail.example.com>');
        await injectApi(test.app, alice, 'POST', `${BASE}/${id}/receipts`, receipt());

        const repeat = await injectApi(test.app, alice, 'POST', `${BASE}/${id}/receipts`, receipt());

        expect(repeat.statusCode).toBe(200);
        expect(repeat.json()).toEqual({ recorded: false, receipts: { read: 1, notRead: 0, other: 0 } });
        expect((await detail(alice, id)).receiptList).toHaveLength(1);
      });

      it('keeps an earlier read when the same receipt comes back as not read', async () => {
        const id = await createSent(alice, '<sent-3@mail.example.com>');
        await injectApi(test.app, alice, 'POST', `${BASE}/${id}/receipts`, receipt());

        const later = await injectApi(
          test.app,
          alice,
          'POST',
          `${BASE}/${id}/receipts`,
          receipt({ kind: 'not-read', dispositionType: 'deleted', at: '2026-06-01T00:00:00.000Z' }),
        );

        expect(later.json()).toEqual({ recorded: false, receipts: { read: 1, notRead: 0, other: 0 } });
        expect((await detail(alice, id)).receiptList).toEqual([receipt()]);
      });

      it('keeps receipts of several recipients apart', async () => {
        const id = await createSent(alice, '<sent-4@mail.example.com>');
        await injectApi(test.app, alice, 'POST', `${BASE}/${id}/receipts`, receipt());
        await injectApi(
          test.app,
          alice,
          'POST',
          `${BASE}/${id}/receipts`,
          receipt({
            receiptMessageId: '<mdn-2@mail.example.org>',
            finalRecipient: 'eli@example.org',
            kind: 'not-read',
            dispositionType: 'Deleted',
            at: '2026-03-03T08:00:00.000Z',
          }),
        );

        const stored = await detail(alice, id);

        expect(stored.receipts).toEqual({ read: 1, notRead: 1, other: 0 });
        expect(
          stored.receiptList.map((item) => [item.finalRecipient, item.kind, item.dispositionType]),
        ).toEqual([
          ['dana@example.net', 'read', 'displayed'],
          ['eli@example.org', 'not-read', 'deleted'],
        ]);
      });

      it('answers 404 for another user’s message and records nothing', async () => {
        const id = await createSent(alice, '<sent-5@mail.example.com>');

        const response = await injectApi(test.app, bob, 'POST', `${BASE}/${id}/receipts`, receipt());

        expect(response.statusCode).toBe(404);
        expect(response.json<{ code: string }>().code).toBe('TRACKED_MESSAGE_NOT_FOUND');
        expect((await detail(alice, id)).receiptList).toEqual([]);
      });

      it('answers 404 for an unknown or malformed id', async () => {
        for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-an-id']) {
          const response = await injectApi(test.app, alice, 'POST', `${BASE}/${id}/receipts`, receipt());
          expect(response.statusCode).toBe(404);
        }
      });

      it.each([
        ['no receiptMessageId', { receiptMessageId: undefined }],
        ['a receiptMessageId without angle brackets', { receiptMessageId: 'mdn-1@mail.example.net' }],
        ['an unknown kind', { kind: 'opened' }],
        ['a time that is not ISO 8601', { at: 'yesterday' }],
        ['an empty disposition type', { dispositionType: '' }],
        ['an unknown field', { subject: 'Read: figures' }],
      ])('rejects a body with %s', async (_name, overrides) => {
        const id = await createSent(alice, '<sent-6@mail.example.com>');
        const body: Record<string, unknown> = { ...receipt(), ...overrides };

        const response = await injectApi(test.app, alice, 'POST', `${BASE}/${id}/receipts`, body);

        expect(response.statusCode).toBe(400);
        expect(response.json<{ code: string }>().code).toBe('REQUEST_INVALID');
        expect((await detail(alice, id)).receiptList).toEqual([]);
      });

      it('needs a token', async () => {
        const id = await createSent(alice, '<sent-7@mail.example.com>');
        const response = await test.app.inject({
          method: 'POST',
          url: `${BASE}/${id}/receipts`,
          payload: { ...receipt() },
        });
        expect(response.statusCode).toBe(401);
      });
    });

    describe('GET by internetMessageId', () => {
      it('returns the caller’s message with that id', async () => {
        const id = await createSent(alice, '<sent-8@mail.example.com>');
        await createSent(alice, '<sent-9@mail.example.com>');

        const query = new URLSearchParams({ internetMessageId: '<sent-8@mail.example.com>' });
        const response = await injectApi(test.app, alice, 'GET', `${BASE}?${query.toString()}`);

        expect(response.statusCode).toBe(200);
        const list = response.json<TrackedMessageList>();
        expect(list.items.map((item) => item.id)).toEqual([id]);
        expect(list.nextCursor).toBeNull();
      });

      it('returns an empty list for an unknown id and for another user’s message', async () => {
        await createSent(alice, '<sent-10@mail.example.com>');

        for (const [token, messageId] of [
          [alice, '<unknown@mail.example.com>'],
          [bob, '<sent-10@mail.example.com>'],
        ] as const) {
          const query = new URLSearchParams({ internetMessageId: messageId });
          const response = await injectApi(test.app, token, 'GET', `${BASE}?${query.toString()}`);
          expect(response.json()).toEqual({ items: [], nextCursor: null });
        }
      });

      it('rejects an id without angle brackets', async () => {
        const response = await injectApi(
          test.app,
          alice,
          'GET',
          `${BASE}?internetMessageId=sent%40example.com`,
        );
        expect(response.statusCode).toBe(400);
        expect(response.json<{ code: string }>().code).toBe('REQUEST_INVALID');
      });
    });
  });
}

describeReceiptRoutes('SQLite', () => Promise.resolve(null));

describeWithPostgres('PostgreSQL', (databaseUrl) => {
  describeReceiptRoutes('PostgreSQL', async () => {
    const schema = uniqueSchemaName('receipt_routes');
    const store = openPostgresStore({ connectionString: databaseUrl, schema, poolSize: 2 });
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
