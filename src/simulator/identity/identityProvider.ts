import { randomBytes, randomUUID } from 'node:crypto';
import { findUser, type SimulatedTenant, type SimulatedUser } from '../users';
import { resolveScopes } from './scopes';
import { createSigningKey, type SigningKey } from './signingKey';
import { TokenIssuer, type IssuedTokens } from './tokenIssuer';

export interface IdentityProviderOptions {
  tenant: SimulatedTenant;
  /** Application (client) id of the Readmark API registration; the `aud` of API tokens. */
  apiClientId: string;
  /** Application (client) id of the add-in's single-page-app registration. */
  addinClientId: string;
  origin: () => string;
  accessTokenLifetimeSeconds?: number;
  now?: () => number;
}

/** The fields of a successful v2 token response (`/oauth2/v2.0/token`). */
export interface TokenResponseBody {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  id_token?: string;
  refresh_token?: string;
}

/** An OAuth error in Entra ID's v2 shape. */
export interface TokenErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
}

export type TokenResult =
  { ok: true; body: TokenResponseBody } | { ok: false; status: number; body: TokenErrorBody };

/**
 * Stand-in for Microsoft Entra ID: OpenID discovery, a JWKS and a token endpoint. There is no
 * sign-in page. The simulated Outlook host is signed in as its mailbox user, as Outlook is, and
 * holds a refresh token per user that it redeems for the add-in (see `hostRefreshToken`).
 */
export class IdentityProvider {
  private readonly refreshTokens = new Map<string, SimulatedUser>();

  private constructor(
    readonly options: IdentityProviderOptions,
    readonly signingKey: SigningKey,
    readonly tokens: TokenIssuer,
  ) {
    for (const user of options.tenant.users) {
      this.refreshTokens.set(randomBytes(32).toString('base64url'), user);
    }
  }

  static async create(options: IdentityProviderOptions): Promise<IdentityProvider> {
    const signingKey = await createSigningKey();
    const tokens = new TokenIssuer({
      tenant: options.tenant,
      signingKey,
      origin: options.origin,
      accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
      now: options.now ?? Date.now,
    });
    return new IdentityProvider(options, signingKey, tokens);
  }

  get tenantId(): string {
    return this.options.tenant.tenantId;
  }

  /** `https://<origin>/{tenantid}/v2.0`, the issuer template a relying party configures. */
  issuerTemplate(): string {
    return `${this.options.origin()}/{tenantid}/v2.0`;
  }

  jwksUri(): string {
    return `${this.options.origin()}/common/discovery/v2.0/keys`;
  }

  tokenEndpoint(tenant: string = this.tenantId): string {
    return `${this.options.origin()}/${tenant}/oauth2/v2.0/token`;
  }

  /** The OpenID Provider Configuration document for a tenant id, `common` or `organizations`. */
  discoveryDocument(tenant: string): Record<string, unknown> {
    const origin = this.options.origin();
    const issuer = tenant === this.tenantId ? this.tokens.issuer() : this.issuerTemplate();
    return {
      issuer,
      authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
      token_endpoint: this.tokenEndpoint(tenant),
      jwks_uri: this.jwksUri(),
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      token_endpoint_auth_methods_supported: ['none'],
      grant_types_supported: ['refresh_token'],
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'nbf',
        'name',
        'oid',
        'tid',
        'preferred_username',
        'ver',
      ],
      tenant_region_scope: 'NA',
      cloud_instance_name: 'readmark-simulator',
    };
  }

  jwks(): { keys: Record<string, unknown>[] } {
    return { keys: [{ ...this.signingKey.publicJwk }] };
  }

  /** The refresh token the simulated Outlook host holds for `address`; undefined for a stranger. */
  hostRefreshToken(address: string): string | undefined {
    const user = findUser(this.options.tenant, address);
    for (const [token, owner] of this.refreshTokens) {
      if (owner === user) return token;
    }
    return undefined;
  }

  /** Issues tokens for a user directly, for tests that need a valid token without the HTTP round trip. */
  async issueFor(address: string, scope: string): Promise<IssuedTokens> {
    const user = findUser(this.options.tenant, address);
    if (!user) throw new Error(`No simulated user has the address "${address}".`);
    const resolution = resolveScopes(scope, this.options.apiClientId);
    if (!resolution.ok) throw new Error(resolution.description);
    return this.tokens.issue(user, this.options.addinClientId, resolution.scopes);
  }

  /** Handles the form fields of a token request (`grant_type=refresh_token` only). */
  async redeem(form: Record<string, string | undefined>): Promise<TokenResult> {
    if (form.grant_type !== 'refresh_token') {
      return this.error(
        400,
        'unsupported_grant_type',
        70003,
        `AADSTS70003: The grant type "${form.grant_type ?? ''}" is not supported here; the simulator issues tokens through grant_type=refresh_token.`,
      );
    }
    if (form.client_id !== this.options.addinClientId) {
      return this.error(
        400,
        'unauthorized_client',
        700016,
        `AADSTS700016: Application with identifier "${form.client_id ?? ''}" was not found in the simulated tenant. Configure the add-in with client id ${this.options.addinClientId}.`,
      );
    }
    const user = form.refresh_token === undefined ? undefined : this.refreshTokens.get(form.refresh_token);
    if (!user) {
      return this.error(
        400,
        'invalid_grant',
        9002313,
        'AADSTS9002313: Invalid request. The refresh token is missing, malformed or was issued by another simulator run; reload the simulated Outlook page.',
      );
    }
    const resolution = resolveScopes(form.scope ?? '', this.options.apiClientId);
    if (!resolution.ok) {
      return this.error(400, resolution.error, resolution.errorCode, resolution.description);
    }

    const issued = await this.tokens.issue(user, this.options.addinClientId, resolution.scopes);
    const body: TokenResponseBody = {
      token_type: 'Bearer',
      scope: resolution.scopes.responseScope,
      expires_in: issued.expiresInSeconds,
      ext_expires_in: issued.expiresInSeconds,
      access_token: issued.accessToken,
      refresh_token: form.refresh_token,
    };
    if (issued.idToken !== null) body.id_token = issued.idToken;
    return { ok: true, body };
  }

  private error(status: number, error: string, code: number, description: string): TokenResult {
    return {
      ok: false,
      status,
      body: {
        error,
        error_description: description,
        error_codes: [code],
        timestamp: new Date((this.options.now ?? Date.now)())
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, 'Z'),
        trace_id: randomUUID(),
        correlation_id: randomUUID(),
      },
    };
  }
}
