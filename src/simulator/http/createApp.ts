import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';

const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/**
 * Creates the simulator's Fastify instance: form bodies for the token endpoint, and CORS for
 * loopback origins only, because the add-in pages come from the tracking server's origin and call
 * the simulated Graph and token endpoint across origins, as they call Microsoft's in production.
 */
export async function createSimulatorApp(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body: string, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body)));
    },
  );

  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin === undefined || LOOPBACK_ORIGIN.test(origin)),
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Prefer', 'client-request-id'],
  });

  return app;
}
