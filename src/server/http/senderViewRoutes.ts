import type { FastifyInstance } from 'fastify';
import { ApiError } from '../core/errors';
import type { PixelHitHandler } from '../core/pixelHits';
import type { SenderViewRecorder } from '../core/senderViews';
import { isWellFormedTrackingId } from '../core/trackingId';
import * as schemas from './schemas';

export interface SenderViewRouteOptions {
  views: SenderViewRecorder;
  hits: Pick<PixelHitHandler, 'forgetHits' | 'forgetStoredContext'>;
}

/**
 * Registers `POST /tracked-messages/:id/views`, which the pinned status pane calls while it shows
 * one of the sender's messages. Pixel hits shortly before and after it are the sender's own views.
 */
export function registerSenderViewRoutes(api: FastifyInstance, options: SenderViewRouteOptions): void {
  api.post<{ Params: { id: string }; Body: Record<string, never> }>(
    '/tracked-messages/:id/views',
    {
      schema: { params: schemas.trackedMessageParams, body: schemas.recordSenderViewBody },
      // The status pane posts without a body; the schema then checks an empty object.
      preValidation: (request, _reply, done) => {
        request.body ??= {};
        done();
      },
    },
    async (request, reply) => {
      if (request.sender === null) {
        // The authentication hook sets the sender on every API route; reaching this is a wiring bug.
        throw new Error('The API route ran without an authenticated sender.');
      }
      const trackingId = request.params.id;
      // A malformed id cannot exist, so it gets the same 404 as another user's id.
      if (!isWellFormedTrackingId(trackingId)) {
        throw new ApiError('TRACKED_MESSAGE_NOT_FOUND');
      }
      const { recorded, reclassified } = await options.views.record(request.sender, trackingId);
      if (!recorded) {
        throw new ApiError('TRACKED_MESSAGE_NOT_FOUND');
      }
      // Hits remembered for repeats carry their old kind; the store now has the new one.
      if (reclassified > 0) options.hits.forgetHits(trackingId);
      else options.hits.forgetStoredContext(trackingId);
      return reply.code(204).send();
    },
  );
}
