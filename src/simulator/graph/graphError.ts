import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Sends an error in Microsoft Graph's documented shape: `{error: {code, message, innerError}}`. */
export function sendGraphError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
): FastifyReply {
  const clientRequestId = request.headers['client-request-id'];
  const requestId = randomUUID();
  return reply
    .code(status)
    .header('request-id', requestId)
    .send({
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ''),
          'request-id': requestId,
          'client-request-id': typeof clientRequestId === 'string' ? clientRequestId : requestId,
        },
      },
    });
}

/** An error raised while reading a Graph request, sent by the route with its status and code. */
export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GraphRequestError';
  }
}
