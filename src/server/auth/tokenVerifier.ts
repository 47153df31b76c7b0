import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
  type JWTPayload,
  type KeyLike,
} from 'jose';
import type { Sender } from '../store/trackingStore';
import { REQUIRED_SCOPE, type AuthConfig } from '../config/serverConfig';
import { KeySetUnavailableError, TokenRejectedError } from './authErrors';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Errors of the local key lookup: the key set was fetched, the token just does not match it.
const KEY_LOOKUP_ERROR_CODES = new Set([
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
  errors.JOSENotSupported.code,
  errors.JWKInvalid.code,
]);

export interface TokenVerifier {
  /**
   * Verifies a bearer access token and returns its user. Throws `TokenRejectedError` for a bad
   * token and `KeySetUnavailableError` when the signing keys cannot be fetched.
   */
  verify(token: string): Promise<Sender>;
  /**
   * Resolves true when signing keys are loaded and fresh, fetching them if needed. A failed fetch
   * resolves false and is passed to `onFailure` with the key set URL, for the log.
   */
  isKeySetUsable(onFailure?: (error: unknown, keySetUrl: string) => void): Promise<boolean>;
}

export interface TokenVerifierOptions {
  /** Clock for `exp` and `nbf`; the system clock by default. */
  now?: () => Date;
  /** Timeout of one key set request, in milliseconds. Default 5000. */
  jwksTimeoutMs?: number;
  /** Minimum gap between key set fetches caused by an unknown `kid`, in milliseconds. Default 30 000. */
  jwksCooldownMs?: number;
}

/**
 * Builds the one verification path for Microsoft Entra ID v2 access tokens: RS256 only, audience =
 * the API client id, issuer = the configured template with the token's own `tid`, `scp` containing
 * `access_as_user`, and the user identified by (`tid`, `oid`). Tests trust a local issuer by
 * pointing the same configuration at it.
 */
export function createTokenVerifier(
  config: AuthConfig & { apiClientId: string },
  options: TokenVerifierOptions = {},
): TokenVerifier {
  const remoteKeySet = createRemoteJWKSet(new URL(config.jwksUrl), {
    cacheMaxAge: config.jwksCacheMaxAgeSeconds * 1000,
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    timeoutDuration: options.jwksTimeoutMs ?? 5000,
  });

  const getKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<KeyLike> => {
    try {
      return await remoteKeySet(header, token);
    } catch (error) {
      if (error instanceof errors.JOSEError && KEY_LOOKUP_ERROR_CODES.has(error.code)) {
        throw error;
      }
      throw new KeySetUnavailableError(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        const result = await jwtVerify(token, getKey, {
          algorithms: ['RS256'],
          audience: config.apiClientId,
          clockTolerance: config.clockSkewSeconds,
          requiredClaims: ['iss', 'aud', 'exp', 'tid', 'oid'],
          ...(options.now === undefined ? {} : { currentDate: options.now() }),
        });
        payload = result.payload;
      } catch (error) {
        if (error instanceof KeySetUnavailableError) {
          throw error;
        }
        throw new TokenRejectedError('invalid', describeJoseFailure(error));
      }
      return checkEntraClaims(payload, config);
    },

    async isKeySetUsable(onFailure) {
      if (remoteKeySet.fresh && remoteKeySet.jwks() !== undefined) {
        return true;
      }
      try {
        await remoteKeySet.reload();
        return true;
      } catch (error) {
        onFailure?.(error, config.jwksUrl);
        return false;
      }
    },
  };
}

/** The checks jose cannot express: token version, per-tenant issuer, scope, user id, allowlist. */
function checkEntraClaims(payload: JWTPayload, config: AuthConfig): Sender {
  if (payload['ver'] !== '2.0') {
    throw new TokenRejectedError('invalid', 'it is not a v2.0 access token');
  }
  const tenantId = payload['tid'];
  if (typeof tenantId !== 'string' || !GUID_PATTERN.test(tenantId)) {
    throw new TokenRejectedError('invalid', 'its tid claim is not a tenant GUID');
  }
  if (payload.iss !== config.issuerTemplate.replace('{tid}', tenantId)) {
    throw new TokenRejectedError('invalid', 'its issuer does not match the expected issuer for its tenant');
  }
  const objectId = payload['oid'];
  if (typeof objectId !== 'string' || !GUID_PATTERN.test(objectId)) {
    throw new TokenRejectedError('invalid', 'its oid claim is not a user object GUID');
  }
  const scopes = payload['scp'];
  // ID tokens and app-only tokens carry no scp: neither is a user's access token for this API.
  if (typeof scopes !== 'string') {
    throw new TokenRejectedError('invalid', 'it is not a delegated access token (no scp claim)');
  }
  if (!scopes.split(' ').includes(REQUIRED_SCOPE)) {
    throw new TokenRejectedError('scope', `its scp claim lacks ${REQUIRED_SCOPE}`);
  }
  const tenant = tenantId.toLowerCase();
  if (config.tenantAllowlist !== null && !config.tenantAllowlist.includes(tenant)) {
    throw new TokenRejectedError('tenant', 'its tenant is not on the allowlist');
  }
  return { tenantId: tenant, objectId: objectId.toLowerCase() };
}

function describeJoseFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) {
    return 'it has expired';
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') {
      return 'it is not valid yet';
    }
    if (error.claim === 'aud') {
      return 'it was issued for another audience';
    }
    return error.reason === 'missing'
      ? `its ${error.claim} claim is missing`
      : `its ${error.claim} claim is invalid`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return 'it is not signed with RS256';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'its signature does not verify';
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return 'its signing key is not in the key set of the identity provider';
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return 'it is not a well-formed JWT';
  }
  return 'it could not be verified';
}
