import type { FastifyServerOptions } from 'fastify';

/** Limits on how long a client may take to send a request, in milliseconds. */
export interface ServerTimeouts {
  /** Time from connection or previous request to the end of the headers; Node sends 408 after it. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included; at least `headersTimeoutMs`. */
  requestTimeoutMs: number;
  /** Time a socket may stay idle, between requests included, before it is destroyed. */
  connectionTimeoutMs: number;
  /** Interval at which Node checks open connections against the header and request timeouts. */
  checkIntervalMs: number;
}

/**
 * Pixel and API requests are a few hundred bytes, so ten seconds for the headers is generous even
 * on a slow mobile link. A client trickling headers keeps a socket for at most the headers timeout
 * plus one check interval.
 */
export const DEFAULT_SERVER_TIMEOUTS: Readonly<ServerTimeouts> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  connectionTimeoutMs: 60_000,
  checkIntervalMs: 1000,
};

/** Turns the timeouts into Fastify and Node HTTP server options. */
export function timeoutServerOptions(timeouts: ServerTimeouts): Pick<
  FastifyServerOptions,
  'requestTimeout' | 'connectionTimeout'
> & {
  http: { headersTimeout: number; connectionsCheckingInterval: number };
} {
  if (timeouts.headersTimeoutMs > timeouts.requestTimeoutMs) {
    throw new Error(
      `The headers timeout (${timeouts.headersTimeoutMs} ms) is longer than the request timeout ` +
        `(${timeouts.requestTimeoutMs} ms): make it at most as long.`,
    );
  }
  return {
    requestTimeout: timeouts.requestTimeoutMs,
    connectionTimeout: timeouts.connectionTimeoutMs,
    http: {
      headersTimeout: timeouts.headersTimeoutMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
  };
}
