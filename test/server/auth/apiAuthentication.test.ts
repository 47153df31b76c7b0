import { randomUUID } from 'node:crypto';
import { createTokenVerifier } from '../../../src/server/auth/tokenVerifier';
import { GRAPH_AUDIENCE, LocalTokenIssuer } from '../../support/localTokenIssuer';
import { createTestApp, type TestApp } from '../../support/testApp';

const LIST_URL = '/api/v1/tracked-messages';

describe('API authentication', () => {
  let issuer: LocalTokenIssuer;
  let test: TestApp;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
  });

  afterAll(async () => {
    await issuer.stop();
  });

  beforeEach(async () => {
    issuer.setAvailable(true);
    test = await createTestApp({ issuer });
  });

  afterEach(async () => {
    await test.close();
  });

  function list(authorization?: string) {
    return test.app.inject({
      method: 'GET',
      url: LIST_URL,
      headers: authorization === undefined ? {} : { authorization },
    });
  }

  it('accepts a valid v2 access token', async () => {
    const response = await list(`Bearer ${await issuer.issueToken()}`);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [], nextCursor: null });
  });

  it('answers 401 with WWW-Authenticate when the token is missing', async () => {
    for (const header of [undefined, 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ']) {
      const response = await list(header);

      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ code: 'AUTH_TOKEN_MISSING', message: expect.any(String) });
      expect(response.headers['www-authenticate']).toBe('Bearer realm="readmark"');
    }
  });

  const now = () => Math.floor(Date.now() / 1000);
  const rejectedTokens: Array<[string, () => Promise<string>, string]> = [
    ['garbage', () => Promise.resolve('not.a.jwt'), 'it is not a well-formed JWT'],
    ['expired token', () => issuer.issueToken({ issuedAt: now() - 4000 }), 'it has expired'],
    [
      'not-yet-valid token',
      () => issuer.issueToken({ claims: { nbf: now() + 600, iat: now() + 600, exp: now() + 4000 } }),
      'it is not valid yet',
    ],
    [
      'wrong audience',
      () => issuer.issueToken({ claims: { aud: randomUUID() } }),
      'it was issued for another audience',
    ],
    [
      'v1 audience form',
      () => issuer.issueToken({ claims: { aud: `api://${issuer.apiClientId}` } }),
      'it was issued for another audience',
    ],
    [
      'issuer of another tenant',
      () => issuer.issueToken({ claims: { iss: issuer.issuerFor(randomUUID()) } }),
      'its issuer does not match the expected issuer for its tenant',
    ],
    [
      'v1 issuer',
      () => issuer.issueToken({ claims: { iss: `https://sts.windows.net/${issuer.tenantId}/`, ver: '1.0' } }),
      'it is not a v2.0 access token',
    ],
    [
      'non-GUID tenant',
      () => issuer.issueToken({ claims: { tid: 'common' } }),
      'its tid claim is not a tenant GUID',
    ],
    ['missing oid', () => issuer.issueToken({ claims: { oid: undefined } }), 'its oid claim is missing'],
    ['alg none', () => Promise.resolve(issuer.issueUnsecured()), 'it is not signed with RS256'],
    [
      'HS256 signed with the public key',
      () => issuer.issueHs256WithPublicKey(),
      'it is not signed with RS256',
    ],
    ['RS512 token', () => issuer.issueToken({ alg: 'RS512' }), 'it is not signed with RS256'],
    [
      'key not in the key set',
      () => issuer.issueToken({ unpublishedKey: true, header: { kid: 'unknown-key' } }),
      'its signing key is not in the key set of the identity provider',
    ],
    ['forged signature', () => issuer.issueToken({ unpublishedKey: true }), 'its signature does not verify'],
    [
      'Microsoft Graph token',
      () =>
        issuer.issueToken({
          claims: { aud: GRAPH_AUDIENCE, scp: 'Mail.Read User.Read' },
          header: { nonce: 'graph-nonce' },
        }),
      'it was issued for another audience',
    ],
    [
      'ID token',
      () =>
        issuer.issueToken({ claims: { scp: undefined, nonce: 'login-nonce', email: 'user@example.com' } }),
      'it is not a delegated access token (no scp claim)',
    ],
  ];

  it.each(rejectedTokens)('rejects %s with 401 AUTH_TOKEN_INVALID', async (_name, makeToken, reason) => {
    const response = await list(`Bearer ${await makeToken()}`);

    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      code: 'AUTH_TOKEN_INVALID',
      message: `The access token was rejected: ${reason}. Sign in again to get a new token.`,
    });
    expect(response.headers['www-authenticate']).toBe(
      `Bearer realm="readmark", error="invalid_token", error_description="${reason}"`,
    );
  });

  it('accepts a token expired within the clock skew', async () => {
    const response = await list(`Bearer ${await issuer.issueToken({ issuedAt: now() - 3600 - 60 })}`);

    expect(response.statusCode).toBe(200);
  });

  it('answers 403 when access_as_user is missing', async () => {
    const response = await list(`Bearer ${await issuer.issueToken({ claims: { scp: 'User.Read' } })}`);

    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'AUTH_SCOPE_MISSING' });
    expect(response.headers['www-authenticate']).toContain('error="insufficient_scope"');
  });

  it('accepts another tenant by default and rejects it under an allowlist', async () => {
    const otherTenant = randomUUID();
    const token = await issuer.issueToken({ claims: { tid: otherTenant } });
    expect((await list(`Bearer ${token}`)).statusCode).toBe(200);

    const restricted = await createTestApp({
      issuer,
      appOptions: {
        verifier: createTokenVerifier(issuer.authConfig({ tenantAllowlist: [issuer.tenantId] })),
      },
    });
    try {
      const response = await restricted.app.inject({
        method: 'GET',
        url: LIST_URL,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'AUTH_TENANT_NOT_ALLOWED' });
      const allowed = await restricted.app.inject({
        method: 'GET',
        url: LIST_URL,
        headers: { authorization: `Bearer ${await issuer.issueToken()}` },
      });
      expect(allowed.statusCode).toBe(200);
    } finally {
      await restricted.close();
    }
  });

  it('never logs the token', async () => {
    const token = await issuer.issueToken({ claims: { aud: randomUUID() } });
    await list(`Bearer ${token}`);

    const logs = test.logLines.join('\n');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(token.split('.')[1]);
  });
});

describe('API authentication when the JWKS is unreachable', () => {
  let issuer: LocalTokenIssuer;

  beforeEach(async () => {
    issuer = await LocalTokenIssuer.start();
  });

  afterEach(async () => {
    await issuer.stop();
  });

  async function listWith(test: TestApp, token: string) {
    return test.app.inject({ method: 'GET', url: LIST_URL, headers: { authorization: `Bearer ${token}` } });
  }

  it('answers 503 with Retry-After on a cold cache', async () => {
    issuer.setAvailable(false);
    const test = await createTestApp({ issuer });
    try {
      const response = await listWith(test, await issuer.issueToken());

      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('30');
      expect(response.json()).toMatchObject({ code: 'AUTH_KEYS_UNAVAILABLE' });
    } finally {
      await test.close();
    }
  });

  it('answers 503 when the JWKS server is gone', async () => {
    const token = await issuer.issueToken();
    await issuer.stop();
    const test = await createTestApp({ issuer });
    try {
      const response = await listWith(test, token);

      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'AUTH_KEYS_UNAVAILABLE' });
    } finally {
      await test.close();
    }
  });

  it('keeps accepting tokens from a warm cache', async () => {
    const test = await createTestApp({ issuer });
    try {
      expect((await listWith(test, await issuer.issueToken())).statusCode).toBe(200);
      const fetches = issuer.jwksRequests;
      issuer.setAvailable(false);

      const response = await listWith(test, await issuer.issueToken());

      expect(response.statusCode).toBe(200);
      expect(issuer.jwksRequests).toBe(fetches);
    } finally {
      await test.close();
    }
  });

  it('answers 503 when a warm cache has expired', async () => {
    const test = await createTestApp({
      issuer,
      appOptions: { verifier: createTokenVerifier(issuer.authConfig({ jwksCacheMaxAgeSeconds: 0 })) },
    });
    try {
      expect((await listWith(test, await issuer.issueToken())).statusCode).toBe(200);
      issuer.setAvailable(false);

      const response = await listWith(test, await issuer.issueToken());

      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('30');
    } finally {
      await test.close();
    }
  });

  it('reports the key set in /readyz', async () => {
    issuer.setAvailable(false);
    const test = await createTestApp({ issuer });
    try {
      const down = await test.app.inject({ method: 'GET', url: '/readyz' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({
        status: 'not-ready',
        checks: { database: 'ok', keySet: 'failed', openWrites: 'ok' },
      });
      const warning = test.logLines.find((line) => line.includes('token signing keys could not be fetched'));
      expect(warning).toContain(issuer.jwksUrl);

      issuer.setAvailable(true);
      const up = await test.app.inject({ method: 'GET', url: '/readyz' });
      expect(up.statusCode).toBe(200);
      expect(up.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', keySet: 'ok', openWrites: 'ok' },
      });
    } finally {
      await test.close();
    }
  });
});

describe('API authentication across a signing-key rotation', () => {
  let issuer: LocalTokenIssuer;
  let test: TestApp;

  beforeEach(async () => {
    issuer = await LocalTokenIssuer.start();
  });

  afterEach(async () => {
    await test?.close();
    await issuer.stop();
  });

  async function listWith(token: string) {
    return test.app.inject({ method: 'GET', url: LIST_URL, headers: { authorization: `Bearer ${token}` } });
  }

  /** Creates an app whose key set cache is warm with the issuer's first key. */
  async function warmApp(verifierOptions: { cacheMaxAgeSeconds?: number; cooldownMs?: number } = {}) {
    const config = issuer.authConfig({
      jwksCacheMaxAgeSeconds: verifierOptions.cacheMaxAgeSeconds ?? 86_400,
    });
    test = await createTestApp({
      issuer,
      appOptions: {
        verifier: createTokenVerifier(config, { jwksCooldownMs: verifierOptions.cooldownMs ?? 0 }),
      },
    });
    expect((await listWith(await issuer.issueToken())).statusCode).toBe(200);
  }

  it('accepts tokens signed with a new key by fetching the key set again', async () => {
    await warmApp();
    const oldToken = await issuer.issueToken();
    const fetches = issuer.jwksRequests;

    await issuer.rotateKey();
    const newToken = await issuer.issueToken();

    expect((await listWith(newToken)).statusCode).toBe(200);
    expect(issuer.jwksRequests).toBe(fetches + 1);
    expect((await listWith(oldToken)).statusCode).toBe(200);
  });

  it('rejects a new key within the refetch cooldown, then accepts it', async () => {
    // Long enough that the first request surely falls inside it, even on a busy machine.
    await warmApp({ cooldownMs: 5000 });
    await issuer.rotateKey();
    const newToken = await issuer.issueToken();

    const early = await listWith(newToken);
    await new Promise((resolve) => setTimeout(resolve, 5100));
    const later = await listWith(newToken);

    expect(early.statusCode).toBe(401);
    expect(early.json()).toMatchObject({ code: 'AUTH_TOKEN_INVALID' });
    expect(later.statusCode).toBe(200);
  }, 15_000);

  it('rejects the retired key once the cached key set is refreshed', async () => {
    await warmApp({ cacheMaxAgeSeconds: 0 });
    const oldToken = await issuer.issueToken();
    await issuer.rotateKey();

    issuer.retireOldKeys();
    const response = await listWith(oldToken);

    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTH_TOKEN_INVALID' });
    expect((await listWith(await issuer.issueToken())).statusCode).toBe(200);
  });
});
