import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KeySetUnavailableError } from '../auth/authErrors';
import { ApiError } from '../core/errors';
import { InvalidCursorError } from '../store/cursor';

/** Seconds a client should wait after a 503 before trying again. */
export const RETRY_AFTER_SECONDS = 30;

/** Installs the error and not-found handlers that turn every failure into `{code, message}`. */
export function installErrorReplies(app: FastifyInstance, bodyLimitBytes: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error, request, bodyLimitBytes);
    if (apiError.status < 500) {
      request.log.info({ code: apiError.code }, 'request rejected');
    } else if (error instanceof ApiError) {
      request.log.warn({ code: apiError.code }, 'request refused: service unavailable');
    } else {
      request.log.error({ err: error, code: apiError.code }, 'request failed');
    }
    return sendApiError(reply, apiError);
  });

  app.setNotFoundHandler((request, reply) => {
    request.log.info({ code: 'ROUTE_NOT_FOUND' }, 'route not found');
    return sendApiError(reply, new ApiError('ROUTE_NOT_FOUND'));
  });
}

export function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply
    .code(error.status)
    .headers({ 'cache-control': 'no-store', ...error.headers })
    .send({ code: error.code, message: error.message });
}

function toApiError(error: FastifyError, request: FastifyRequest, bodyLimitBytes: number): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  if (error instanceof InvalidCursorError) {
    return new ApiError('CURSOR_INVALID');
  }
  if (error instanceof KeySetUnavailableError) {
    return new ApiError(
      'AUTH_KEYS_UNAVAILABLE',
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
      { 'retry-after': String(RETRY_AFTER_SECONDS) },
    );
  }
  if (error.validation !== undefined) {
    return new ApiError('REQUEST_INVALID', {
      part: error.validationContext ?? 'input',
      detail: describeValidation(error),
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('REQUEST_BODY_TOO_LARGE', { limitBytes: bodyLimitBytes });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('CONTENT_TYPE_UNSUPPORTED');
    default:
      break;
  }
  if (typeof error.code === 'string' && error.code.startsWith('SQLITE_')) {
    return new ApiError(
      'STORAGE_UNAVAILABLE',
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
      { 'retry-after': String(RETRY_AFTER_SECONDS) },
    );
  }
  if (error.statusCode === 400) {
    return new ApiError('REQUEST_BODY_MALFORMED');
  }
  if (error.statusCode === 413) {
    return new ApiError('REQUEST_BODY_TOO_LARGE', { limitBytes: bodyLimitBytes });
  }
  if (error.statusCode === 415) {
    return new ApiError('CONTENT_TYPE_UNSUPPORTED');
  }
  return new ApiError('INTERNAL_ERROR', { requestId: request.id });
}

/** States the first schema failure with the field path; property names are cut to safe characters. */
function describeValidation(error: FastifyError): string {
  const first = error.validation?.[0];
  if (first === undefined) {
    return 'it does not match the schema';
  }
  const path =
    first.instancePath === '' ? 'the value' : `field ${first.instancePath.slice(1).replace(/\//g, '.')}`;
  const extra = (first.params as { additionalProperty?: unknown }).additionalProperty;
  const property =
    typeof extra === 'string' ? ` (unknown property "${extra.replace(/[^\w.-]/g, '?').slice(0, 50)}")` : '';
  return `${path} ${first.message ?? 'is invalid'}${property}`;
}
