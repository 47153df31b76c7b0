import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { ApiError } from '../core/errors';
import { RateLimiter } from './rateLimiter';

/**
 * Builds the API hook that refuses a user's requests over `limitPerMinute` with 429
 * `RATE_LIMITED` and `Retry-After`. It runs after authentication, so the key is the verified
 * tenant and object id, never something the caller chose.
 */
export function createApiRateLimitHook(limitPerMinute: number, onLimited: () => void, now?: () => number) {
  const limiter = new RateLimiter({
    limit: limitPerMinute,
    windowMs: 60_000,
    ...(now === undefined ? {} : { now }),
  });
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const sender = request.sender;
    const decision = sender === null ? null : limiter.take(`${sender.tenantId}/${sender.objectId}`);
    if (decision === null || decision.allowed) {
      done();
      return;
    }
    onLimited();
    done(
      new ApiError(
        'RATE_LIMITED',
        { retryAfterSeconds: decision.retryAfterSeconds },
        { 'retry-after': String(decision.retryAfterSeconds) },
      ),
    );
  };
}
