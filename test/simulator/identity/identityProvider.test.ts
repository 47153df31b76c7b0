import { decodeProtectedHeader } from 'jose';
import { IdentityProvider } from '../../../src/simulator/identity/identityProvider';
import { DEFAULT_TENANT } from '../../../src/simulator/users';

const API_CLIENT_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const ADDIN_CLIENT_ID = '3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f';
const ORIGIN = 'http://127.0.0.1:3100';
const NOW = Date.parse('2026-12-01T10:00:00Z');

function createProvider(): Promise<IdentityProvider> {
  return IdentityProvider.create({
    tenant: DEFAULT_TENANT,
    apiClientId: API_CLIENT_ID,
    addinClientId: ADDIN_CLIENT_ID,
    origin: () => ORIGIN,
    now: () => NOW,
  });
}

function redeemForm(provider: IdentityProvider, scope: string): Record<string, string | undefined> {
  return {
    grant_type: 'refresh_token',
    client_id: ADDIN_CLIENT_ID,
    refresh_token: provider.hostRefreshToken('alex@contoso.test'),
    scope,
  };
}

describe('IdentityProvider', () => {
  test('discovery names the tenant issuer, token endpoint and JWKS', async () => {
    const provider = await createProvider();
    const document = provider.discoveryDocument(DEFAULT_TENANT.tenantId);
    expect(document.issuer).toBe(`${ORIGIN}/${DEFAULT_TENANT.tenantId}/v2.0`);
    expect(document.token_endpoint).toBe(`${ORIGIN}/${DEFAULT_TENANT.tenantId}/oauth2/v2.0/token`);
    expect(document.jwks_uri).toBe(`${ORIGIN}/common/discovery/v2.0/keys`);
    expect(provider.discoveryDocument('common').issuer).toBe(`${ORIGIN}/{tenantid}/v2.0`);
  });

  test('API token carries Entra v2 claims', async () => {
    const provider = await createProvider();
    const result = await provider.redeem(
      redeemForm(provider, `api://${API_CLIENT_ID}/access_as_user openid profile`),
    );
    if (!result.ok) throw new Error(result.body.error_description);

    const claims = await provider.tokens.verify(result.body.access_token, API_CLIENT_ID);
    expect(claims).toMatchObject({
      aud: API_CLIENT_ID,
      iss: `${ORIGIN}/${DEFAULT_TENANT.tenantId}/v2.0`,
      tid: DEFAULT_TENANT.tenantId,
      oid: DEFAULT_TENANT.users[0]?.objectId,
      scp: 'access_as_user',
      ver: '2.0',
      azp: ADDIN_CLIENT_ID,
      preferred_username: 'alex@contoso.test',
    });
    expect(claims.exp).toBe(NOW / 1000 + 3600);
    expect(decodeProtectedHeader(result.body.access_token)).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: provider.signingKey.kid,
    });
    expect(result.body.scope).toBe(`api://${API_CLIENT_ID}/access_as_user`);
    expect(result.body.id_token).toBeDefined();
  });

  test('Graph scopes give a Graph-audience token', async () => {
    const provider = await createProvider();
    const result = await provider.redeem(redeemForm(provider, 'https://graph.microsoft.com/Mail.ReadWrite'));
    if (!result.ok) throw new Error(result.body.error_description);
    const claims = await provider.tokens.verify(result.body.access_token, 'https://graph.microsoft.com');
    expect(claims.scp).toBe('Mail.ReadWrite');
    expect(result.body.id_token).toBeUndefined();
    await expect(provider.tokens.verify(result.body.access_token, API_CLIENT_ID)).rejects.toThrow();
  });

  test('two resources in one request are rejected', async () => {
    const provider = await createProvider();
    const result = await provider.redeem(
      redeemForm(provider, `api://${API_CLIENT_ID}/access_as_user https://graph.microsoft.com/Mail.Read`),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.body.error).toBe('invalid_scope');
    expect(result.body.error_codes).toEqual([28000]);
  });

  test('unknown refresh token and client are rejected', async () => {
    const provider = await createProvider();
    const badToken = await provider.redeem({ ...redeemForm(provider, 'Mail.Read'), refresh_token: 'forged' });
    expect(badToken.ok ? null : badToken.body.error).toBe('invalid_grant');

    const badClient = await provider.redeem({ ...redeemForm(provider, 'Mail.Read'), client_id: 'other' });
    expect(badClient.ok ? null : badClient.body.error).toBe('unauthorized_client');

    const badGrant = await provider.redeem({ ...redeemForm(provider, 'Mail.Read'), grant_type: 'password' });
    expect(badGrant.ok ? null : badGrant.body.error).toBe('unsupported_grant_type');
  });

  test('unknown resource scope is rejected', async () => {
    const provider = await createProvider();
    const result = await provider.redeem(redeemForm(provider, 'api://someone-else/access_as_user'));
    expect(result.ok ? null : result.body.error).toBe('invalid_resource');
  });
});
