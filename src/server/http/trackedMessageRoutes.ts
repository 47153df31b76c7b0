import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {
  CreateTrackedMessageRequest,
  CreateTrackedMessageResponse,
  RecordReadReceiptRequest,
  RecordReadReceiptResponse,
  TrackedMessageDetail,
  TrackedMessageList,
  UpdateTrackedMessageRequest,
} from '../../shared/api';
import { ApiError } from '../core/errors';
import type { PixelTargetCache } from '../core/pixelTargetCache';
import { generateTrackingId, isWellFormedTrackingId } from '../core/trackingId';
import { ALL_MESSAGE_FIELDS, keepStoredFields, type StoredMessageFields } from '../privacy/storedFields';
import { NO_TENANT_POLICIES, policyForTenant, type TenantPolicies } from '../privacy/tenantPolicy';
import type { Sender, TrackedMessageChanges, TrackingStore } from '../store/trackingStore';
import { presentOpen, presentReadReceipt, presentTrackedMessage } from './presenters';
import * as schemas from './schemas';

export interface TrackedMessageRouteOptions {
  store: TrackingStore;
  pixelTargets: PixelTargetCache;
  /** Origin and path prefix of pixel URLs, without a trailing slash. */
  publicUrl: string;
  now: () => Date;
  /** What is kept about a new message besides its tracking id; default everything. */
  storedMessageFields?: StoredMessageFields;
  /** A tenant with tracking switched off gets 403 `TRACKING_DISABLED_BY_POLICY` on create. */
  tenantPolicies?: TenantPolicies;
}

interface PageQuery {
  limit?: string;
  cursor?: string;
}

interface ListQuery extends PageQuery {
  internetMessageId?: string;
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
      const sender = requireSender(request);
      if (!policyForTenant(options.tenantPolicies ?? NO_TENANT_POLICIES, sender.tenantId).trackingEnabled) {
        throw new ApiError('TRACKING_DISABLED_BY_POLICY');
      }
      const { message, created } = await store.createTrackedMessage({
        trackingId: generateTrackingId(),
        sender,
        clientRequestId: request.body.clientRequestId,
        ...keepStoredFields(options.storedMessageFields ?? ALL_MESSAGE_FIELDS, {
          subject: request.body.subject ?? null,
          recipientCount: request.body.recipientCount ?? null,
        }),
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

  api.get<{ Querystring: ListQuery }>(
    '/tracked-messages',
    { schema: { querystring: schemas.listQuery } },
    async (request): Promise<TrackedMessageList> => {
      const sender = requireSender(request);
      const { internetMessageId } = request.query;
      if (internetMessageId !== undefined) {
        // A lookup, not a listing: at most one message, so there is never a next page.
        const message = await store.findByInternetMessageId(sender, internetMessageId);
        return { items: message === null ? [] : [presentTrackedMessage(message)], nextCursor: null };
      }
      const page = await store.listTrackedMessages(sender, pageOptions(request.query));
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

  api.post<{ Params: { id: string }; Body: RecordReadReceiptRequest }>(
    '/tracked-messages/:id/receipts',
    { schema: { params: schemas.trackedMessageParams, body: schemas.recordReadReceiptBody } },
    async (request, reply) => {
      const sender = requireSender(request);
      const trackingId = requireTrackingId(request.params.id);
      if ((await store.getTrackedMessage(sender, trackingId)) === null) {
        throw new ApiError('TRACKED_MESSAGE_NOT_FOUND');
      }
      const { receiptMessageId, finalRecipient, kind, dispositionType, at } = request.body;
      const { recorded } = await store.recordReadReceipt({
        trackingId,
        sender,
        receiptMessageId,
        finalRecipient,
        kind,
        dispositionType: dispositionType.toLowerCase(),
        at: new Date(at),
      });
      // Read again so the summary includes the receipt even when a concurrent delete raced it.
      const message = await store.getTrackedMessage(sender, trackingId);
      if (message === null) {
        throw new ApiError('TRACKED_MESSAGE_NOT_FOUND');
      }
      const body: RecordReadReceiptResponse = { recorded, receipts: { ...message.receipts } };
      return reply.code(recorded ? 201 : 200).send(body);
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

export function requireSender(request: FastifyRequest): Sender {
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
