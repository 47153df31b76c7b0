import { randomUUID } from 'node:crypto';
import { injectApi } from '../../support/apiClient';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { createTestApp, type TestApp } from '../../support/testApp';
import { THUNDERBIRD } from '../../support/userAgents';

const BASE = '/api/v1/tracked-messages';

describe('tracked messages API', () => {
  let issuer: LocalTokenIssuer;
  let test: TestApp;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
  });

  afterAll(async () => {
    await issuer.stop();
  });

  beforeEach(async () => {
    test = await createTestApp({ issuer });
    alice = await issuer.issueToken({ claims: { oid: randomUUID() } });
    bob = await issuer.issueToken({ claims: { oid: randomUUID() } });
  });

  afterEach(async () => {
    await test.close();
  });

  async function create(token: string, clientRequestId: string = randomUUID()) {
    const response = await injectApi(test.app, token, 'POST', BASE, {
      clientRequestId,
      subject: 'Quarterly figures',
      recipientCount: 2,
    });
    return { response, body: response.json<{ id: string; pixelUrl: string; createdAt: string }>() };
  }

  /** A recipient's Thunderbird on a network of its own (`client` picks the network). */
  async function hitPixel(id: string, client = 1) {
    return test.app.inject({
      method: 'GET',
      url: `/o/${id}.gif`,
      headers: { 'user-agent': THUNDERBIRD },
      remoteAddress: `198.51.${client}.7`,
    });
  }

  describe('POST', () => {
    it('creates a tracked message with a pixel URL', async () => {
      const { response, body } = await create(alice);

      expect(response.statusCode).toBe(201);
      expect(body.id).toMatch(/^[A-Za-z0-9_-]{21}[AQgw]$/);
      expect(body.pixelUrl).toBe(`https://track.example.test/o/${body.id}.gif`);
      expect(Date.parse(body.createdAt)).not.toBeNaN();
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('returns the same record for a repeated clientRequestId', async () => {
      const first = await create(alice, 'draft-42');
      const second = await create(alice, 'draft-42');

      expect(second.response.statusCode).toBe(200);
      expect(second.body).toEqual(first.body);
    });

    it('keeps clientRequestId separate per user', async () => {
      const first = await create(alice, 'draft-42');
      const other = await create(bob, 'draft-42');

      expect(other.response.statusCode).toBe(201);
      expect(other.body.id).not.toBe(first.body.id);
    });

    it('makes the new id record opens at once', async () => {
      const { body } = await create(alice);

      await hitPixel(body.id);

      const detail = await injectApi(test.app, alice, 'GET', `${BASE}/${body.id}`);
      expect(detail.json()).toMatchObject({ opens: { counts: { human: 1 } } });
    });
  });

  describe('request validation', () => {
    const invalidBodies: Array<[string, unknown, string]> = [
      [
        'missing clientRequestId',
        { subject: 'x' },
        "the value must have required property 'clientRequestId'",
      ],
      [
        'unknown field',
        { clientRequestId: 'a', colour: 'red' },
        'the value must NOT have additional properties (unknown property "colour")',
      ],
      ['wrong type', { clientRequestId: 'a', recipientCount: '3' }, 'field recipientCount must be integer'],
      ['negative count', { clientRequestId: 'a', recipientCount: -1 }, 'field recipientCount must be >= 0'],
      [
        'long subject',
        { clientRequestId: 'a', subject: 's'.repeat(1001) },
        'field subject must NOT have more than 1000 characters',
      ],
      ['array body', [1, 2], 'the value must be object'],
    ];

    it.each(invalidBodies)('rejects %s with 400 REQUEST_INVALID', async (_name, body, detail) => {
      const response = await injectApi(test.app, alice, 'POST', BASE, body);

      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        code: 'REQUEST_INVALID',
        message: `The request body is invalid: ${detail}. Correct it and send the request again.`,
      });
    });

    it('rejects malformed JSON with 400 REQUEST_BODY_MALFORMED', async () => {
      const response = await test.app.inject({
        method: 'POST',
        url: BASE,
        headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
        payload: '{"clientRequestId": ',
      });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'REQUEST_BODY_MALFORMED' });
    });

    it('rejects a __proto__ key with 400 REQUEST_BODY_MALFORMED', async () => {
      const response = await test.app.inject({
        method: 'POST',
        url: BASE,
        headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
        payload: '{"clientRequestId": "a", "__proto__": {"admin": true}}',
      });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'REQUEST_BODY_MALFORMED' });
    });

    it('rejects an oversized body with 413', async () => {
      const response = await test.app.inject({
        method: 'POST',
        url: BASE,
        headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ clientRequestId: 'a', subject: 'x'.repeat(20_000) }),
      });

      expect(response.statusCode).toBe(413);
      expect(response.json()).toEqual({
        code: 'REQUEST_BODY_TOO_LARGE',
        message: 'The request body is larger than 16384 bytes. Send a smaller body.',
      });
    });

    it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
      'rejects content type %s with 415',
      async (contentType) => {
        const response = await test.app.inject({
          method: 'POST',
          url: BASE,
          headers: { authorization: `Bearer ${alice}`, 'content-type': contentType },
          payload: 'clientRequestId=a',
        });

        expect(response.statusCode).toBe(415);
        expect(response.json()).toMatchObject({ code: 'CONTENT_TYPE_UNSUPPORTED' });
      },
    );

    it.each(['0', '101', 'ten', '-1'])('rejects limit=%s', async (limit) => {
      const response = await injectApi(test.app, alice, 'GET', `${BASE}?limit=${limit}`);

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    });

    it('rejects an unknown query parameter', async () => {
      const response = await injectApi(test.app, alice, 'GET', `${BASE}?sort=asc`);

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    });

    it('rejects a damaged cursor with 400 CURSOR_INVALID', async () => {
      const response = await injectApi(test.app, alice, 'GET', `${BASE}?cursor=bm90LWEtY3Vyc29y`);

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'CURSOR_INVALID' });
    });

    it('checks the token before the body', async () => {
      const response = await test.app.inject({
        method: 'POST',
        url: BASE,
        headers: { 'content-type': 'application/json' },
        payload: '{"broken": ',
      });

      expect(response.statusCode).toBe(401);
    });
  });

  describe('GET list', () => {
    it('lists the caller’s messages by activity with open summaries', async () => {
      const older = await create(alice);
      const newer = await create(alice);
      await create(bob);
      await hitPixel(older.body.id, 1);
      await hitPixel(older.body.id, 2);

      const response = await injectApi(test.app, alice, 'GET', `${BASE}?limit=1`);

      expect(response.statusCode).toBe(200);
      const page = response.json<{ items: Array<Record<string, unknown>>; nextCursor: string }>();
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({
        id: older.body.id,
        subject: 'Quarterly figures',
        recipientCount: 2,
        internetMessageId: null,
        sentAt: null,
        stoppedAt: null,
        readReceiptRequested: null,
        opens: {
          firstOpenAt: expect.any(String),
          lastOpenAt: expect.any(String),
          counts: { human: 2, 'human-via-proxy': 0, prefetch: 0, scanner: 0, self: 0, unknown: 0 },
          peopleOpens: 2,
          automatedOpens: 0,
          selfViews: 0,
        },
        receipts: { read: 0, notRead: 0, other: 0 },
      });
      const next = await injectApi(test.app, alice, 'GET', `${BASE}?limit=1&cursor=${page.nextCursor}`);
      expect(next.json()).toEqual({
        items: [expect.objectContaining({ id: newer.body.id })],
        nextCursor: null,
      });
    });
  });

  describe('GET one and its opens', () => {
    it('returns the message with recent opens and receipts', async () => {
      const { body } = await create(alice);
      await test.app.inject({
        method: 'GET',
        url: `/o/${body.id}.gif`,
        headers: { 'user-agent': 'Outlook' },
      });

      const response = await injectApi(test.app, alice, 'GET', `${BASE}/${body.id}`);

      expect(response.statusCode).toBe(200);
      // The pixel came from the network of alice's own API calls, so it is probably her own view.
      expect(response.json()).toMatchObject({
        id: body.id,
        recentOpens: [
          {
            method: 'GET',
            userAgent: 'Outlook',
            clientNetwork: '127.0.0.0/24',
            kind: 'self',
            confidence: 0.6,
            reasons: ['sender-network', 'unrecognised-user-agent'],
            counted: true,
          },
        ],
        nextOpensCursor: null,
        receiptList: [],
      });
    });

    it('pages opens', async () => {
      const { body } = await create(alice);
      for (let index = 0; index < 3; index += 1) {
        await hitPixel(body.id);
      }

      const first = await injectApi(test.app, alice, 'GET', `${BASE}/${body.id}/opens?limit=2`);
      const firstPage = first.json<{ items: unknown[]; nextCursor: string }>();
      const second = await injectApi(
        test.app,
        alice,
        'GET',
        `${BASE}/${body.id}/opens?limit=2&cursor=${firstPage.nextCursor}`,
      );

      expect(firstPage.items).toHaveLength(2);
      expect(second.json()).toMatchObject({ items: [expect.any(Object)], nextCursor: null });
    });
  });

  describe('PATCH', () => {
    it('records sending details', async () => {
      const { body } = await create(alice);

      const response = await injectApi(test.app, alice, 'PATCH', `${BASE}/${body.id}`, {
        internetMessageId: '<abc.123@example.com>',
        sentAt: '2026-03-02T10:00:00.000Z',
        readReceiptRequested: true,
      });

      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        internetMessageId: '<abc.123@example.com>',
        sentAt: '2026-03-02T10:00:00.000Z',
        readReceiptRequested: true,
        stoppedAt: null,
      });
    });

    it('stops tracking so that later pixel loads record nothing', async () => {
      const { body } = await create(alice);
      await hitPixel(body.id);

      const response = await injectApi(test.app, alice, 'PATCH', `${BASE}/${body.id}`, { stopped: true });
      await hitPixel(body.id);

      expect(response.statusCode).toBe(200);
      expect(response.json<{ stoppedAt: string | null }>().stoppedAt).not.toBeNull();
      const detail = await injectApi(test.app, alice, 'GET', `${BASE}/${body.id}`);
      expect(detail.json()).toMatchObject({ opens: { counts: { human: 1 } } });
    });

    it.each([
      ['empty body', {}],
      ['stopped false', { stopped: false }],
      ['bad date', { sentAt: 'yesterday' }],
      ['message id without brackets', { internetMessageId: 'abc@example.com' }],
    ])('rejects %s with 400', async (_name, patch) => {
      const { body } = await create(alice);

      const response = await injectApi(test.app, alice, 'PATCH', `${BASE}/${body.id}`, patch);

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    });
  });

  describe('DELETE', () => {
    it('removes the message and its opens', async () => {
      const { body } = await create(alice);
      await hitPixel(body.id);

      const response = await injectApi(test.app, alice, 'DELETE', `${BASE}/${body.id}`);
      await hitPixel(body.id);

      expect(response.statusCode).toBe(204);
      expect((await injectApi(test.app, alice, 'GET', `${BASE}/${body.id}`)).statusCode).toBe(404);
      expect(await test.store.findPixelTarget(body.id)).toBeNull();
    });
  });

  describe('another user’s message', () => {
    it('answers 404 to every route and changes nothing', async () => {
      const { body } = await create(alice);
      const requests: Array<['GET' | 'PATCH' | 'DELETE', string, unknown]> = [
        ['GET', `${BASE}/${body.id}`, undefined],
        ['GET', `${BASE}/${body.id}/opens`, undefined],
        ['PATCH', `${BASE}/${body.id}`, { stopped: true }],
        ['DELETE', `${BASE}/${body.id}`, undefined],
      ];

      for (const [method, url, payload] of requests) {
        const response = await injectApi(test.app, bob, method, url, payload);
        expect(response.statusCode).toBe(404);
        expect(response.json()).toEqual({
          code: 'TRACKED_MESSAGE_NOT_FOUND',
          message: 'No tracked message with this id exists for the signed-in user.',
        });
      }
      const detail = await injectApi(test.app, alice, 'GET', `${BASE}/${body.id}`);
      expect(detail.json()).toMatchObject({ id: body.id, stoppedAt: null });
      expect((await injectApi(test.app, bob, 'GET', BASE)).json()).toEqual({ items: [], nextCursor: null });
    });

    it('treats the same oid in another tenant as another user', async () => {
      const oid = randomUUID();
      const home = await issuer.issueToken({ claims: { oid } });
      const guest = await issuer.issueToken({ claims: { oid, tid: randomUUID() } });
      const { body } = await create(home);

      const response = await injectApi(test.app, guest, 'GET', `${BASE}/${body.id}`);

      expect(response.statusCode).toBe(404);
    });

    it('answers 404 for a malformed id', async () => {
      const response = await injectApi(test.app, alice, 'GET', `${BASE}/not-an-id`);

      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'TRACKED_MESSAGE_NOT_FOUND' });
    });
  });
});
