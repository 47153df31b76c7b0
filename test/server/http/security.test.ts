import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { injectApi } from '../../support/apiClient';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { createTempDirectory } from '../../support/tempDirectory';

type TempDirectory = Awaited<ReturnType<typeof createTempDirectory>>;
import { createTestApp, type TestApp, type TestAppOptions } from '../../support/testApp';

const KNOWN_ID = 'securityTrackingId000A';

describe('server security', () => {
  let issuer: LocalTokenIssuer;
  let addin: TempDirectory;
  let clock: number;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
    addin = await createTempDirectory();
    await mkdir(join(addin.path, 'assets'));
    await writeFile(join(addin.path, 'compose.html'), '<!doctype html><title>Compose</title>');
  });

  afterAll(async () => {
    await issuer.stop();
    await addin.remove();
  });

  beforeEach(() => {
    clock = 1_000_000;
  });

  async function withApp(options: TestAppOptions, run: (test: TestApp) => Promise<void>) {
    const test = await createTestApp({
      issuer,
      ...options,
      appOptions: { addinDirectory: addin.path, nowMs: () => clock, ...options.appOptions },
    });
    try {
      await run(test);
    } finally {
      await test.close();
    }
  }

  async function seed(test: TestApp): Promise<void> {
    await test.store.createTrackedMessage({
      trackingId: KNOWN_ID,
      sender: { tenantId: issuer.tenantId, objectId: randomUUID() },
      clientRequestId: 'security',
      subject: null,
      recipientCount: null,
      createdAt: new Date(),
    });
  }

  /** Stored opens, counted or not: the classifier may mark a quick repeat as uncounted. */
  async function openCount(test: TestApp): Promise<number> {
    const target = await test.store.findPixelTarget(KNOWN_ID);
    if (target === null) return -1;
    const page = await test.store.listOpens(target.sender, KNOWN_ID, { limit: 100, cursor: null });
    return page.items.length;
  }

  describe('pixel rate limit per client network', () => {
    it('serves the GIF past the limit, records nothing more and counts the excess', async () => {
      await withApp({ serverOptions: { pixelRateLimitPerMinute: '2' } }, async (test) => {
        await seed(test);
        const hit = (remoteAddress: string) =>
          test.app.inject({ method: 'GET', url: `/o/${KNOWN_ID}.gif`, remoteAddress });

        const responses = [
          await hit('203.0.113.7'),
          await hit('203.0.113.8'),
          await hit('203.0.113.9'),
          await hit('198.51.100.1'),
        ];

        expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
        expect(new Set(responses.map((response) => response.rawPayload.toString('base64'))).size).toBe(1);
        expect(await openCount(test)).toBe(3);
        const metrics = await test.app.inject({ method: 'GET', url: '/metrics' });
        expect(metrics.body).toContain('readmark_pixel_hits_rate_limited_total 1');

        clock += 60_000;
        await hit('203.0.113.7');
        expect(await openCount(test)).toBe(4);
      });
    });
  });

  describe('API rate limit per user', () => {
    it('answers 429 with Retry-After and a coded error past the limit, per user', async () => {
      await withApp({ serverOptions: { apiRateLimitPerMinute: '2' } }, async (test) => {
        const alice = await issuer.issueToken({ claims: { oid: randomUUID() } });
        const bob = await issuer.issueToken({ claims: { oid: randomUUID() } });

        await injectApi(test.app, alice, 'GET', '/api/v1/tracked-messages');
        await injectApi(test.app, alice, 'GET', '/api/v1/tracked-messages');
        clock += 20_000;
        const limited = await injectApi(test.app, alice, 'GET', '/api/v1/tracked-messages');
        const other = await injectApi(test.app, bob, 'GET', '/api/v1/tracked-messages');

        expect(limited.statusCode).toBe(429);
        expect(limited.headers['retry-after']).toBe('40');
        expect(limited.json()).toEqual({
          code: 'RATE_LIMITED',
          message: 'This account sent too many requests. Try again in 40 seconds.',
        });
        expect(other.statusCode).toBe(200);
        const metrics = await test.app.inject({ method: 'GET', url: '/metrics' });
        expect(metrics.body).toContain('readmark_api_requests_rate_limited_total 1');
      });
    });

    it('does not count requests without a valid token against anyone', async () => {
      await withApp({ serverOptions: { apiRateLimitPerMinute: '1' } }, async (test) => {
        const alice = await issuer.issueToken();

        for (let index = 0; index < 3; index += 1) {
          await test.app.inject({ method: 'GET', url: '/api/v1/tracked-messages' });
        }
        const response = await injectApi(test.app, alice, 'GET', '/api/v1/tracked-messages');

        expect(response.statusCode).toBe(200);
      });
    });
  });

  describe('add-in pages', () => {
    it('carry a Content Security Policy limited to Office and the sign-in endpoints', async () => {
      await withApp({}, async (test) => {
        const response = await test.app.inject({ method: 'GET', url: '/addin/compose.html' });

        expect(response.statusCode).toBe(200);
        const policy = String(response.headers['content-security-policy']);
        expect(policy.split('; ')).toEqual([
          "default-src 'self'",
          "script-src 'self' https://appsforoffice.microsoft.com",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "font-src 'self' data:",
          "connect-src 'self' https://login.microsoftonline.com https://graph.microsoft.com",
          "frame-src 'self' https://login.microsoftonline.com https://graph.microsoft.com",
          "frame-ancestors 'self' https://outlook.office.com https://outlook.office365.com https://outlook.live.com https://outlook.cloud.microsoft https://*.office.com https://*.officeapps.live.com https://*.sharepoint.com",
          "object-src 'none'",
          "base-uri 'self'",
          "form-action 'self'",
        ]);
        expect(response.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'strict-origin-when-cross-origin',
          'strict-transport-security': 'max-age=31536000; includeSubDomains',
        });
        expect(response.headers['x-frame-options']).toBeUndefined();
      });
    });

    it('let the simulator frame them and serve Office.js in development', async () => {
      await withApp({ serverOptions: { simulatorOrigin: 'http://127.0.0.1:3100' } }, async (test) => {
        const response = await test.app.inject({ method: 'GET', url: '/addin/compose.html' });

        const policy = String(response.headers['content-security-policy']);
        expect(policy).toContain(
          "script-src 'self' https://appsforoffice.microsoft.com http://127.0.0.1:3100;",
        );
        expect(policy).toMatch(/frame-ancestors 'self' [^;]* http:\/\/127\.0\.0\.1:3100;/);
      });
    });

    it('list the simulator origin once when it is also a connect origin', async () => {
      const serverOptions = {
        simulatorOrigin: 'http://127.0.0.1:3100',
        addinConnectOrigins: 'http://127.0.0.1:3100',
      };
      await withApp({ serverOptions }, async (test) => {
        const response = await test.app.inject({ method: 'GET', url: '/addin/compose.html' });

        const policy = String(response.headers['content-security-policy']);
        expect(policy).toContain("connect-src 'self' http://127.0.0.1:3100;");
        expect(policy).toContain("frame-src 'self' http://127.0.0.1:3100;");
      });
    });

    it('leave the pixel and the API without a page policy', async () => {
      await withApp({}, async (test) => {
        const pixel = await test.app.inject({ method: 'GET', url: `/o/${KNOWN_ID}.gif` });

        expect(pixel.headers['content-security-policy']).toBeUndefined();
      });
    });
  });

  describe('cross-origin API calls', () => {
    const preflight = (test: TestApp, origin: string) =>
      test.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/tracked-messages',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });

    it('are allowed from a configured origin', async () => {
      await withApp({ serverOptions: { corsOrigins: 'https://addin.example.test' } }, async (test) => {
        const token = await issuer.issueToken();

        const response = await preflight(test, 'https://addin.example.test');
        const call = await test.app.inject({
          method: 'GET',
          url: '/api/v1/tracked-messages',
          headers: { origin: 'https://addin.example.test', authorization: `Bearer ${token}` },
        });

        expect(response.statusCode).toBe(204);
        expect(response.headers['access-control-allow-origin']).toBe('https://addin.example.test');
        expect(response.headers['access-control-allow-headers']).toBe('authorization, content-type');
        expect(call.headers['access-control-allow-origin']).toBe('https://addin.example.test');
      });
    });

    it('get no CORS headers from any other origin', async () => {
      await withApp({ serverOptions: { corsOrigins: 'https://addin.example.test' } }, async (test) => {
        const token = await issuer.issueToken();

        const response = await preflight(test, 'https://evil.example.test');
        const call = await test.app.inject({
          method: 'GET',
          url: '/api/v1/tracked-messages',
          headers: { origin: 'https://evil.example.test', authorization: `Bearer ${token}` },
        });

        expect(response.headers['access-control-allow-origin']).toBeUndefined();
        expect(call.headers['access-control-allow-origin']).toBeUndefined();
      });
    });
  });

  describe('connection limits', () => {
    it('apply the header timeout and connection limit to the HTTP server', async () => {
      await withApp(
        { serverOptions: { headersTimeoutMs: '5000', requestTimeoutMs: '20000', maxConnections: '50' } },
        (test) => {
          expect(test.app.server.headersTimeout).toBe(5000);
          expect(test.app.server.requestTimeout).toBe(20000);
          expect(test.app.server.maxConnections).toBe(50);
          expect(test.app.initialConfig.bodyLimit).toBe(16 * 1024);
          return Promise.resolve();
        },
      );
    });
  });
});
