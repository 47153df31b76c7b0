import pino, { type DestinationStream, type Logger } from 'pino';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { serializeError } from './logRedaction';

/**
 * Builds the server's pino logger. Request lines carry the method, the route pattern and the
 * request id, never the URL (a pixel URL contains the tracking id) nor the client address;
 * `authorization` is redacted wherever it appears, and errors go through `serializeError`.
 */
export function createServerLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: {
      paths: ['authorization', '*.authorization', '*.headers.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        route: request.routeOptions?.url ?? 'unmatched',
      }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
      err: serializeError,
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
