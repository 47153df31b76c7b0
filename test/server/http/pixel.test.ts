import type {
  Classification,
  ClassificationContext,
  PixelHit,
} from '../../../src/server/core/classification';
import { USER_AGENT_MAX_LENGTH } from '../../../src/server/core/pixelHits';
import { PIXEL_GIF } from '../../../src/server/http/pixelResponse';
import type { SqliteTrackingStore } from '../../../src/server/store/sqlite/sqliteTrackingStore';
import type { Sender, TrackingStore } from '../../../src/server/store/trackingStore';
import { createTestApp, type TestApp } from '../../support/testApp';

const SENDER: Sender = {
  tenantId: '8f1d2c3b-4a5e-4f60-9b7c-1d2e3f405162',
  objectId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};
const KNOWN_ID = 'Kx3vQ9mZ2pL8rT5wY1nB7g';
const STOPPED_ID = 'Zq8wE4rT6yU2iO0pA9sD5A';
const UNKNOWN_ID = 'Mn4bV6cX8zL1kJ3hG5fD7w';

const EXPECTED_HEADERS = {
  'content-type': 'image/gif',
  'cache-control': 'no-store, no-cache, must-revalidate, max-age=0',
  pragma: 'no-cache',
  expires: '0',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-length': '43',
};

async function seed(store: SqliteTrackingStore): Promise<void> {
  for (const [trackingId, clientRequestId] of [
    [KNOWN_ID, 'known'],
    [STOPPED_ID, 'stopped'],
  ] as const) {
    await store.createTrackedMessage({
      trackingId,
      sender: SENDER,
      clientRequestId,
      subject: 'Pixel test',
      recipientCount: 1,
      createdAt: new Date('2026-03-02T09:00:00.000Z'),
    });
  }
  await store.updateTrackedMessage(SENDER, KNOWN_ID, { sentAt: new Date('2026-03-02T09:01:00.000Z') });
  await store.updateTrackedMessage(SENDER, STOPPED_ID, { stoppedAt: new Date('2026-03-02T09:02:00.000Z') });
}

async function openCount(store: TrackingStore, trackingId: string): Promise<number> {
  const page = await store.listOpens(SENDER, trackingId, { limit: 100, cursor: null });
  return page.items.length;
}

function comparableHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const { date: _date, connection: _connection, ...rest } = headers;
  return rest;
}

describe('pixel endpoint', () => {
  let test: TestApp;

  beforeEach(async () => {
    test = await createTestApp();
    await seed(test.store);
  });

  afterEach(async () => {
    await test.close();
  });

  it('answers a known id with the fixed GIF and records one open', async () => {
    const response = await test.app.inject({
      method: 'GET',
      url: `/o/${KNOWN_ID}.gif`,
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Outlook' },
      remoteAddress: '203.0.113.77',
    });

    expect(response.statusCode).toBe(200);
    expect(comparableHeaders(response.headers)).toEqual(EXPECTED_HEADERS);
    expect(response.rawPayload.equals(PIXEL_GIF)).toBe(true);
    const opens = await test.store.listOpens(SENDER, KNOWN_ID, { limit: 10, cursor: null });
    expect(opens.items).toHaveLength(1);
    expect(opens.items[0]).toMatchObject({
      trackingId: KNOWN_ID,
      tenantId: SENDER.tenantId,
      method: 'GET',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Outlook',
      clientNetwork: '203.0.113.0/24',
      kind: 'unknown',
      confidence: 0.3,
      reasons: ['unrecognised-user-agent'],
      counted: true,
    });
    const message = await test.store.getTrackedMessage(SENDER, KNOWN_ID);
    expect(message?.opens.counts.unknown).toBe(1);
  });

  it('stores the client network of IPv6 clients as /48', async () => {
    await test.app.inject({ method: 'GET', url: `/o/${KNOWN_ID}.gif`, remoteAddress: '2001:db8:abcd:12::7' });

    const opens = await test.store.listOpens(SENDER, KNOWN_ID, { limit: 10, cursor: null });
    expect(opens.items[0]?.clientNetwork).toBe('2001:db8:abcd::/48');
  });

  it('never stores or logs the full client address', async () => {
    await test.app.inject({ method: 'GET', url: `/o/${KNOWN_ID}.gif`, remoteAddress: '198.51.100.23' });

    const opens = await test.store.listOpens(SENDER, KNOWN_ID, { limit: 10, cursor: null });
    expect(JSON.stringify(opens.items)).not.toContain('198.51.100.23');
    expect(test.logLines.join('\n')).not.toContain('198.51.100.23');
    expect(test.logLines.join('\n')).not.toContain(KNOWN_ID);
  });

  it('cuts long user agents', async () => {
    await test.app.inject({
      method: 'GET',
      url: `/o/${KNOWN_ID}.gif`,
      headers: { 'user-agent': 'x'.repeat(5000) },
    });

    const opens = await test.store.listOpens(SENDER, KNOWN_ID, { limit: 10, cursor: null });
    expect(opens.items[0]?.userAgent).toHaveLength(USER_AGENT_MAX_LENGTH);
  });

  const identicalCases: Array<[string, string]> = [
    ['unknown id', `/o/${UNKNOWN_ID}.gif`],
    ['stopped id', `/o/${STOPPED_ID}.gif`],
    ['too long id', `/o/${'A'.repeat(400)}.gif`],
    ['short id', '/o/abc.gif'],
    ['id with last character out of range', `/o/${KNOWN_ID.slice(0, 21)}B.gif`],
    ['dot-dot segments', '/o/..%2F..%2Fetc%2Fpasswd.gif'],
    ['percent-encoded id', `/o/${encodeURIComponent(KNOWN_ID).replace(/K/, '%4B')}.gif`],
    ['unicode id', `/o/${encodeURIComponent('Kx3vQ9mZ2pL8rT5wY1nBé')}.gif`],
    ['NUL byte', `/o/${KNOWN_ID.slice(0, 21)}%00.gif`],
    ['invalid percent escape', '/o/%zz.gif'],
    ['nested path', `/o/a/${KNOWN_ID}.gif`],
    ['missing extension', `/o/${KNOWN_ID}`],
    ['query string', `/o/${UNKNOWN_ID}.gif?id=${KNOWN_ID}`],
  ];

  it.each(identicalCases)('answers %s exactly like a known id', async (_name, url) => {
    const known = await test.app.inject({ method: 'GET', url: `/o/${KNOWN_ID}.gif` });
    const response = await test.app.inject({ method: 'GET', url });

    expect(response.statusCode).toBe(known.statusCode);
    expect(comparableHeaders(response.headers)).toEqual(comparableHeaders(known.headers));
    expect(response.rawPayload.equals(known.rawPayload)).toBe(true);
  });

  it('records nothing for unknown, stopped or malformed ids', async () => {
    for (const [, url] of identicalCases) {
      await test.app.inject({ method: 'GET', url });
    }

    expect(await openCount(test.store, KNOWN_ID)).toBe(0);
    expect(await openCount(test.store, STOPPED_ID)).toBe(0);
  });

  it('answers HEAD with the same headers and no body, recording nothing', async () => {
    const response = await test.app.inject({ method: 'HEAD', url: `/o/${KNOWN_ID}.gif` });

    expect(response.statusCode).toBe(200);
    expect(comparableHeaders(response.headers)).toEqual(EXPECTED_HEADERS);
    expect(response.rawPayload).toHaveLength(0);
    expect(await openCount(test.store, KNOWN_ID)).toBe(0);
  });

  it.each([
    ['Range', { range: 'bytes=0-9' }],
    ['If-None-Match', { 'if-none-match': '*' }],
    ['If-Modified-Since', { 'if-modified-since': 'Mon, 02 Mar 2026 09:00:00 GMT' }],
  ])('serves the whole GIF for a %s request without recording', async (_name, headers) => {
    const response = await test.app.inject({ method: 'GET', url: `/o/${KNOWN_ID}.gif`, headers });

    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(PIXEL_GIF)).toBe(true);
    expect(await openCount(test.store, KNOWN_ID)).toBe(0);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'] as const)(
    'rejects %s on the pixel path without recording',
    async (method) => {
      const response = await test.app.inject({ method, url: `/o/${KNOWN_ID}.gif` });

      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ code: 'ROUTE_NOT_FOUND', message: expect.any(String) });
      expect(response.body).not.toContain(KNOWN_ID);
      expect(await openCount(test.store, KNOWN_ID)).toBe(0);
    },
  );

  it('sends no ETag or Last-Modified', async () => {
    const response = await test.app.inject({ method: 'GET', url: `/o/${KNOWN_ID}.gif` });

    expect(response.headers['etag']).toBeUndefined();
    expect(response.headers['last-modified']).toBeUndefined();
  });
});

describe('pixel classification seam', () => {
  it('passes the hit and the message times to the classifier and stores its verdict', async () => {
    const calls: Array<[PixelHit, ClassificationContext]> = [];
    const classifier = (hit: PixelHit, context: ClassificationContext): Classification => {
      calls.push([hit, context]);
      return { kind: 'prefetch', confidence: 0.9, reasons: ['apple-mpp'], counted: true };
    };
    const test = await createTestApp({ classifier });
    try {
      await seed(test.store);
      await test.app.inject({
        method: 'GET',
        url: `/o/${KNOWN_ID}.gif`,
        headers: { 'user-agent': 'Mozilla/5.0' },
        remoteAddress: '17.58.1.2',
      });

      expect(calls).toHaveLength(1);
      const [hit, context] = calls[0]!;
      expect(hit).toMatchObject({
        trackingId: KNOWN_ID,
        method: 'GET',
        userAgent: 'Mozilla/5.0',
        clientAddress: '17.58.1.2',
        clientNetwork: '17.58.1.0/24',
      });
      expect(context).toEqual({
        sender: SENDER,
        createdAt: new Date('2026-03-02T09:00:00.000Z'),
        sentAt: new Date('2026-03-02T09:01:00.000Z'),
        earlierHits: [],
        senderViews: [],
        senderNetworks: [],
      });
      const message = await test.store.getTrackedMessage(SENDER, KNOWN_ID);
      expect(message?.opens.counts.prefetch).toBe(1);
      const opens = await test.store.listOpens(SENDER, KNOWN_ID, { limit: 10, cursor: null });
      expect(opens.items[0]).toMatchObject({ kind: 'prefetch', confidence: 0.9, reasons: ['apple-mpp'] });
    } finally {
      await test.close();
    }
  });

  it('stores unknown when the classifier throws or returns nonsense', async () => {
    const verdicts = [
      () => {
        throw new Error('classifier bug');
      },
      () => ({ kind: 'robot', confidence: 2, reasons: [] }) as unknown as Classification,
    ];
    for (const classifier of verdicts) {
      const test = await createTestApp({ classifier });
      try {
        await seed(test.store);
        const response = await test.app.inject({ method: 'GET', url: `/o/${KNOWN_ID}.gif` });

        expect(response.statusCode).toBe(200);
        const opens = await test.store.listOpens(SENDER, KNOWN_ID, { limit: 10, cursor: null });
        expect(opens.items[0]).toMatchObject({
          kind: 'unknown',
          confidence: 0,
          reasons: ['classifier-failed'],
        });
      } finally {
        await test.close();
      }
    }
  });
});

describe('pixel storage failure', () => {
  it('still answers the GIF and counts the lost open', async () => {
    const test = await createTestApp({
      wrapStore: (store) =>
        Object.assign(Object.create(store) as SqliteTrackingStore, {
          recordOpens: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' })),
        }),
    });
    try {
      await seed(test.store);

      const response = await test.app.inject({ method: 'GET', url: `/o/${KNOWN_ID}.gif` });
      await test.app.inject({ method: 'GET', url: `/o/${KNOWN_ID}.gif` });

      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.equals(PIXEL_GIF)).toBe(true);
      const metrics = await test.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/^readmark_opens_failed_total 2$/m);
      expect(metrics.body).toMatch(/^readmark_opens_recorded_total 0$/m);
      const errorLines = test.logLines.filter((line) => line.includes('opens could not be committed'));
      expect(errorLines).toHaveLength(1);
    } finally {
      await test.close();
    }
  });

  it('still answers the GIF when the lookup fails', async () => {
    const test = await createTestApp({
      wrapStore: (store) =>
        Object.assign(Object.create(store) as SqliteTrackingStore, {
          findPixelTarget: () => Promise.reject(new Error('database is locked')),
        }),
    });
    try {
      const response = await test.app.inject({ method: 'GET', url: `/o/${KNOWN_ID}.gif` });

      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.equals(PIXEL_GIF)).toBe(true);
      const metrics = await test.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/^readmark_opens_failed_total 1$/m);
      const failure = test.logLines.find((line) => line.includes('pixel hit could not be processed'));
      expect(failure).toContain(`"trackingId":"${KNOWN_ID.slice(0, 6)}…"`);
      expect(test.logLines.join('\n')).not.toContain(KNOWN_ID);
    } finally {
      await test.close();
    }
  });
});
