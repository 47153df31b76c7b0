import type { FastifyReply, FastifyRequest } from 'fastify';
import { KeySetUnavailableError, TokenRejectedError } from '../auth/authErrors';
import type { TokenVerifier } from '../auth/tokenVerifier';
import { ApiError } from '../core/errors';
import { REQUIRED_SCOPE } from '../config/serverConfig';
import type { Sender } from '../store/trackingStore';
import { RETRY_AFTER_SECONDS } from './errorReplies';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set by the authentication hook on every API route. */
    sender: Sender | null;
  }
}

// The scheme name is case-insensitive (RFC 9110, section 11.1), so `bearer` is the same scheme.
const BEARER_PATTERN = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/i;

/**
 * Builds the `onRequest` hook of the API: it runs before the body is read, so an unauthenticated
 * caller learns nothing about validation. Without a verifier (no API client id configured) every
 * request gets 503 `AUTH_NOT_CONFIGURED`.
 */
export function createAuthenticationHook(verifier: TokenVerifier | null) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (verifier === null) {
      throw new ApiError('AUTH_NOT_CONFIGURED', {}, { 'retry-after': String(RETRY_AFTER_SECONDS) });
    }
    const header = request.headers.authorization;
    const match = header === undefined ? null : BEARER_PATTERN.exec(header);
    if (match?.[1] === undefined) {
      throw new ApiError('AUTH_TOKEN_MISSING', {}, { 'www-authenticate': 'Bearer realm="readmark"' });
    }
    try {
      request.sender = await verifier.verify(match[1]);
    } catch (error) {
      throw toAuthenticationError(error);
    }
  };
}

function toAuthenticationError(error: unknown): Error {
  if (error instanceof KeySetUnavailableError) {
    return error;
  }
  if (!(error instanceof TokenRejectedError)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  if (error.kind === 'scope') {
    return new ApiError(
      'AUTH_SCOPE_MISSING',
      { scope: REQUIRED_SCOPE },
      {
        'www-authenticate': `Bearer realm="readmark", error="insufficient_scope", scope="${REQUIRED_SCOPE}"`,
      },
    );
  }
  if (error.kind === 'tenant') {
    return new ApiError('AUTH_TENANT_NOT_ALLOWED');
  }
  return new ApiError(
    'AUTH_TOKEN_INVALID',
    { reason: error.reason },
    {
      'www-authenticate': `Bearer realm="readmark", error="invalid_token", error_description="${error.reason}"`,
    },
  );
}
