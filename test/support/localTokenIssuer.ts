import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import type { AuthConfig } from '../../src/server/config/serverConfig';

/** Microsoft Graph's application id: the audience of Graph access tokens. */
export const GRAPH_AUDIENCE = '00000003-0000-0000-c000-000000000000';

interface SigningKey {
  privateKey: KeyLike;
  publicJwk: JWK;
}

export interface TokenOptions {
  /** Claims added to or replacing the defaults; a value of `undefined` removes the claim. */
  claims?: Record<string, unknown>;
  alg?: 'RS256' | 'RS512';
  /** Sign with a key that the JWKS does not publish. */
  unpublishedKey?: boolean;
  /** Seconds since the epoch used for iat/nbf/exp. Default: now. */
  issuedAt?: number;
  header?: Record<string, unknown>;
}

/**
 * A stand-in for Microsoft Entra ID in tests: RSA keys made with jose, a JWKS served on loopback
 * and v2-shaped access tokens. The server trusts it through its ordinary configuration.
 */
export class LocalTokenIssuer {
  readonly tenantId = randomUUID();
  readonly apiClientId = randomUUID();
  /** Number of JWKS requests served. */
  jwksRequests = 0;
  private available = true;
  private server: Server | null = null;
  private origin = '';
  /** Keys the JWKS publishes; tokens are signed with the last one. */
  private published: SigningKey[];

  private constructor(
    signingKey: SigningKey,
    private readonly publicKeyPem: string,
    private readonly unpublishedKey: KeyLike,
  ) {
    this.published = [signingKey];
  }

  static async start(): Promise<LocalTokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const other = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', use: 'sig', alg: 'RS256' };
    const issuer = new LocalTokenIssuer(
      { privateKey, publicJwk: jwk },
      await exportSPKI(publicKey),
      other.privateKey,
    );
    await issuer.listen();
    return issuer;
  }

  /** The key id that new tokens carry. */
  get currentKeyId(): string {
    return this.signingKey.publicJwk.kid ?? '';
  }

  /**
   * Publishes a new key beside the old ones and signs new tokens with it, as Entra ID does when it
   * rolls its keys. Returns the new key id.
   */
  async rotateKey(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `test-key-${this.published.length + 1}`;
    this.published.push({
      privateKey,
      publicJwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' },
    });
    return kid;
  }

  /** Stops publishing every key but the current one. */
  retireOldKeys(): void {
    this.published = [this.signingKey];
  }

  private get signingKey(): SigningKey {
    const key = this.published[this.published.length - 1];
    if (key === undefined) throw new Error('The test issuer has no signing key.');
    return key;
  }

  get authority(): string {
    return this.origin;
  }

  get jwksUrl(): string {
    return `${this.origin}/common/discovery/v2.0/keys`;
  }

  get issuerTemplate(): string {
    return `${this.origin}/{tid}/v2.0`;
  }

  issuerFor(tenantId: string): string {
    return this.issuerTemplate.replace('{tid}', tenantId);
  }

  /** Auth settings that make the server trust this issuer. */
  authConfig(overrides: Partial<AuthConfig> = {}): AuthConfig & { apiClientId: string } {
    return {
      apiClientId: this.apiClientId,
      authority: this.authority,
      jwksUrl: this.jwksUrl,
      issuerTemplate: this.issuerTemplate,
      tenantAllowlist: null,
      clockSkewSeconds: 120,
      jwksCacheMaxAgeSeconds: 86_400,
      ...overrides,
    } as AuthConfig & { apiClientId: string };
  }

  /** While unavailable the JWKS endpoint answers 503. */
  setAvailable(available: boolean): void {
    this.available = available;
  }

  /** Signs an access token for this API; each user gets its own `oid` unless one is given. */
  async issueToken(options: TokenOptions = {}): Promise<string> {
    const now = options.issuedAt ?? Math.floor(Date.now() / 1000);
    const tenantId = (options.claims?.['tid'] as string | undefined) ?? this.tenantId;
    const claims: Record<string, unknown> = {
      aud: this.apiClientId,
      iss: this.issuerFor(tenantId),
      iat: now,
      nbf: now,
      exp: now + 3600,
      tid: tenantId,
      oid: randomUUID(),
      scp: 'access_as_user',
      ver: '2.0',
      azp: randomUUID(),
      name: 'Test User',
      preferred_username: 'user@example.com',
      ...options.claims,
    };
    for (const [name, value] of Object.entries(claims)) {
      if (value === undefined) {
        delete claims[name];
      }
    }
    const alg = options.alg ?? 'RS256';
    return new SignJWT(claims)
      .setProtectedHeader({ typ: 'JWT', alg, kid: this.currentKeyId, ...options.header })
      .sign(options.unpublishedKey === true ? this.unpublishedKey : this.signingKey.privateKey);
  }

  /** An HS256 token whose HMAC secret is the issuer's public key: the classic key-confusion attack. */
  async issueHs256WithPublicKey(claims: Record<string, unknown> = {}): Promise<string> {
    return new SignJWT({ ...this.validClaims(), ...claims })
      .setProtectedHeader({ alg: 'HS256', kid: this.currentKeyId })
      .sign(new TextEncoder().encode(this.publicKeyPem));
  }

  /** An unsigned token (`alg: none`) with valid-looking claims. */
  issueUnsecured(): string {
    const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(this.validClaims())}.`;
  }

  /** Claims that pass every check, for tokens whose signature is the thing under test. */
  private validClaims(): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return {
      aud: this.apiClientId,
      iss: this.issuerFor(this.tenantId),
      tid: this.tenantId,
      oid: randomUUID(),
      scp: 'access_as_user',
      ver: '2.0',
      iat: now,
      exp: now + 3600,
    };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server !== null) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async listen(): Promise<void> {
    const server = createServer((request, response) => {
      if (request.url !== '/common/discovery/v2.0/keys') {
        response.writeHead(404).end();
        return;
      }
      this.jwksRequests += 1;
      if (!this.available) {
        response.writeHead(503).end();
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: this.published.map((key) => key.publicJwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
}
