import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { SimulatedTenant, SimulatedUser } from '../users';
import type { SigningKey } from './signingKey';
import type { ResolvedScopes } from './scopes';

export interface TokenIssuerOptions {
  tenant: SimulatedTenant;
  signingKey: SigningKey;
  /** The simulator's own origin, for example `http://127.0.0.1:3100`; read when a token is signed. */
  origin: () => string;
  accessTokenLifetimeSeconds: number;
  /** Current time in milliseconds; injectable so tests can freeze the clock. */
  now: () => number;
}

export interface IssuedTokens {
  accessToken: string;
  idToken: string | null;
  expiresInSeconds: number;
}

/** Claims of a simulated v2 access token, as Entra ID issues them. */
export interface SimulatedAccessTokenClaims extends JWTPayload {
  tid: string;
  oid: string;
  scp: string;
  ver: '2.0';
  azp: string;
  preferred_username: string;
  name: string;
}

/**
 * Signs v2 access tokens and ID tokens shaped like Entra ID's. The issuer is
 * `<origin>/<tenant id>/v2.0`, the same template as `https://login.microsoftonline.com/{tid}/v2.0`
 * with the simulator's loopback origin in place of Microsoft's.
 */
export class TokenIssuer {
  constructor(private readonly options: TokenIssuerOptions) {}

  issuer(): string {
    return `${this.options.origin()}/${this.options.tenant.tenantId}/v2.0`;
  }

  /** Issues an access token for one resource and, when `openid` was requested, an ID token. */
  async issue(user: SimulatedUser, clientId: string, scopes: ResolvedScopes): Promise<IssuedTokens> {
    const nowSeconds = Math.floor(this.options.now() / 1000);
    const lifetime = this.options.accessTokenLifetimeSeconds;
    const common = {
      tid: this.options.tenant.tenantId,
      oid: user.objectId,
      name: user.displayName,
      preferred_username: user.address,
      ver: '2.0',
    };

    const accessToken = await this.sign(
      {
        ...common,
        aud: scopes.audience,
        azp: clientId,
        azpacr: '0',
        scp: scopes.granted.join(' '),
        sub: pairwiseSubject(user.objectId, scopes.audience),
        uti: randomBytes(16).toString('base64url'),
      },
      nowSeconds,
      lifetime,
    );

    const idToken = scopes.openId
      ? await this.sign(
          { ...common, aud: clientId, sub: pairwiseSubject(user.objectId, clientId) },
          nowSeconds,
          lifetime,
        )
      : null;

    return { accessToken, idToken, expiresInSeconds: lifetime };
  }

  /** Verifies a token this issuer signed for `audience`; throws jose's errors when it is not valid. */
  async verify(token: string, audience: string | string[]): Promise<SimulatedAccessTokenClaims> {
    const { payload } = await jwtVerify(token, this.options.signingKey.publicKey, {
      issuer: this.issuer(),
      audience,
      algorithms: ['RS256'],
      currentDate: new Date(this.options.now()),
    });
    return payload as SimulatedAccessTokenClaims;
  }

  private sign(claims: Record<string, unknown>, nowSeconds: number, lifetime: number): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.options.signingKey.kid })
      .setIssuer(this.issuer())
      .setIssuedAt(nowSeconds)
      .setNotBefore(nowSeconds)
      .setExpirationTime(nowSeconds + lifetime)
      .sign(this.options.signingKey.privateKey);
  }
}

// Entra ID's `sub` differs per application for the same person; a hash reproduces that.
function pairwiseSubject(objectId: string, audience: string): string {
  return createHash('sha256').update(`${objectId}:${audience}`).digest('base64url').slice(0, 43);
}
