import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {
  CreateTrackedMessageRequest,
  CreateTrackedMessageResponse,
  TrackedMessageDetail,
  UpdateTrackedMessageRequest,
} from '../../shared/api';
import { ApiError } from '../core/errors';
import type { PixelTargetCache } from '../core/pixelTargetCache';
import { generateTrackingId, isWellFormedTrackingId } from '../core/trackingId';
import type { Sender, TrackedMessageChanges, TrackingStore } from '../store/trackingStore';
import { presentOpen, presentReadReceipt, presentTrackedMessage } from './presenters';
import * as schemas from './schemas';

export interface TrackedMessageRouteOptions {
  store: TrackingStore;
  pixelTargets: PixelTargetCache;
  /** Origin and path prefix of pixel URLs, without a trailing slash. */
  publicUrl: string;
  now: () => Date;
}

interface PageQuery {
  limit?: string;
  cursor?: string;
}

const DEFAULT_PAGE_SIZE = 20;
const RECENT_OPENS_PAGE_SIZE = 50;

/** Registers `/tracked-messages` routes; the caller mounts them under `/api/v1` behind authentication. */
export function registerTrackedMessageRoutes(
  api: FastifyInstance,
  options: TrackedMessageRouteOptions,
): void {
  const { store, pixelTargets } = options;

  api.post<{ Body: CreateTrackedMessageRequest }>(
    '/tracked-messages',
    { schema: { body: schemas.createTrackedMessageBody } },
    async (request, reply) => {
      const { message, created } = await store.createTrackedMessage({
        trackingId: generateTrackingId(),
        sender: requireSender(request),
        clientRequestId: request.body.clientRequestId,
        subject: request.body.subject ?? null,
        recipientCount: request.body.recipientCount ?? null,
        createdAt: options.now(),
      });
      if (created) {
        pixelTargets.invalidate(message.trackingId);
      }
      const body: CreateTrackedMessageResponse = {
        id: message.trackingId,
        pixelUrl: `${options.publicUrl}/o/${message.trackingId}.gif`,
        createdAt: message.createdAt.toISOString(),
      };
      return reply.code(created ? 201 : 200).send(body);
    },
  );

  api.get<{ Querystring: PageQuery }>(
    '/tracked-messages',
    { schema: { querystring: schemas.pageQuery } },
    async (request) => {
      const page = await store.listTrackedMessages(requireSender(request), pageOptions(request.query));
      return { items: page.items.map(presentTrackedMessage), nextCursor: page.nextCursor };
    },
  );

  api.get<{ Params: { id: string } }>(
    '/tracked-messages/:id',
    { schema: { params: schemas.trackedMessageParams } },
    async (request): Promise<TrackedMessageDetail> => {
      const sender = requireSender(request);
      const trackingId = requireTrackingId(request.params.id);
      const message = await store.getTrackedMessage(sender, trackingId);
      if (message === null) {
        throw new ApiError('TRACKED_MESSAGE_NOT_FOUND');
      }
      const opens = await store.listOpens(sender, trackingId, {
        limit: RECENT_OPENS_PAGE_SIZE,
        cursor: null,
      });
      const receipts = await store.listReadReceipts(sender, trackingId);
      return {
        ...presentTrackedMessage(message),
        recentOpens: opens.items.map(presentOpen),
        nextOpensCursor: opens.nextCursor,
        receiptList: receipts.map(presentReadReceipt),
      };
    },
  );

  api.get<{ Params: { id: string }; Querystring: PageQuery }>(
    '/tracked-messages/:id/opens',
    { schema: { params: schemas.trackedMessageParams, querystring: schemas.pageQuery } },
    async (request) => {
      const sender = requireSender(request);
      const trackingId = requireTrackingId(request.params.id);
      if ((await store.getTrackedMessage(sender, trackingId)) === null) {
        throw new ApiError('TRACKED_MESSAGE_NOT_FOUND');
      }
      const page = await store.listOpens(sender, trackingId, pageOptions(request.query));
      return { items: page.items.map(presentOpen), nextCursor: page.nextCursor };
    },
  );

  api.patch<{ Params: { id: string }; Body: UpdateTrackedMessageRequest }>(
    '/tracked-messages/:id',
    { schema: { params: schemas.trackedMessageParams, body: schemas.updateTrackedMessageBody } },
    async (request) => {
      const trackingId = requireTrackingId(request.params.id);
      const updated = await store.updateTrackedMessage(
        requireSender(request),
        trackingId,
        toChanges(request, options.now),
      );
      pixelTargets.invalidate(trackingId);
      if (updated === null) {
        throw new ApiError('TRACKED_MESSAGE_NOT_FOUND');
      }
      return presentTrackedMessage(updated);
    },
  );

  api.delete<{ Params: { id: string } }>(
    '/tracked-messages/:id',
    { schema: { params: schemas.trackedMessageParams } },
    async (request, reply) => {
      const trackingId = requireTrackingId(request.params.id);
      const deleted = await store.deleteTrackedMessage(requireSender(request), trackingId);
      pixelTargets.invalidate(trackingId);
      if (!deleted) {
        throw new ApiError('TRACKED_MESSAGE_NOT_FOUND');
      }
      return reply.code(204).send();
    },
  );
}

function requireSender(request: FastifyRequest): Sender {
  if (request.sender === null) {
    // The authentication hook sets the sender on every API route; reaching this is a wiring bug.
    throw new Error('The API route ran without an authenticated sender.');
  }
  return request.sender;
}

/** A malformed id cannot exist, so it gets the same 404 as another user's id. */
function requireTrackingId(id: string): string {
  if (!isWellFormedTrackingId(id)) {
    throw new ApiError('TRACKED_MESSAGE_NOT_FOUND');
  }
  return id;
}

function pageOptions(query: PageQuery): { limit: number; cursor: string | null } {
  return {
    limit: query.limit === undefined ? DEFAULT_PAGE_SIZE : Number(query.limit),
    cursor: query.cursor ?? null,
  };
}

function toChanges(
  request: FastifyRequest<{ Body: UpdateTrackedMessageRequest }>,
  now: () => Date,
): TrackedMessageChanges {
  const body = request.body;
  const changes: TrackedMessageChanges = {};
  if (body.internetMessageId !== undefined) {
    changes.internetMessageId = body.internetMessageId;
  }
  if (body.sentAt !== undefined) {
    changes.sentAt = new Date(body.sentAt);
  }
  if (body.stopped === true) {
    changes.stoppedAt = now();
  }
  if (body.readReceiptRequested !== undefined) {
    changes.readReceiptRequested = body.readReceiptRequested;
  }
  return changes;
}
