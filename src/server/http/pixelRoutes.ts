import type { FastifyInstance } from 'fastify';
import type { PixelHitHandler } from '../core/pixelHits';
import { isWellFormedTrackingId } from '../core/trackingId';
import { sendPixel } from './pixelResponse';

// Matched against the raw URL, before percent-decoding: an id that arrives encoded is malformed.
const PIXEL_PATH_PATTERN = /^\/o\/([A-Za-z0-9_-]{22})\.gif(?:\?|$)/;

/**
 * Registers `GET /o/*` (and the HEAD that Fastify derives from it). Every path under `/o/` gets the
 * same GIF, so a malformed, unknown, stopped or known id cannot be distinguished from the outside.
 * The response is sent only after the open's batch was committed or failed.
 */
export function registerPixelRoutes(
  app: FastifyInstance,
  hits: PixelHitHandler,
  now: () => Date = () => new Date(),
): void {
  app.get('/o/*', async (request, reply) => {
    const match = PIXEL_PATH_PATTERN.exec(request.url);
    const trackingId = match?.[1];
    if (trackingId !== undefined && isWellFormedTrackingId(trackingId)) {
      await hits.handle({
        trackingId,
        method: request.method,
        headers: request.headers,
        clientAddress: request.ip,
        at: now(),
      });
    }
    return sendPixel(reply);
  });
}
