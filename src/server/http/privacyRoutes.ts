import type { FastifyInstance } from 'fastify';
import type { SenderDeletion, SenderExport, TrackingPolicy } from '../../shared/api';
import type { PixelTargetCache } from '../core/pixelTargetCache';
import { policyForTenant, type TenantPolicies } from '../privacy/tenantPolicy';
import type { StoredOpen, TrackingStore } from '../store/trackingStore';
import { presentOpen, presentReadReceipt, presentTrackedMessage } from './presenters';
import { requireSender } from './trackedMessageRoutes';

export interface PrivacyRouteOptions {
  store: TrackingStore;
  pixelTargets: PixelTargetCache;
  tenantPolicies: TenantPolicies;
  now: () => Date;
}

const EXPORT_PAGE_SIZE = 100;

/**
 * Registers `/policy`, `/me/export` and `DELETE /me`; the caller mounts them under `/api/v1`
 * behind authentication, so each only ever sees the signed-in sender's data.
 */
export function registerPrivacyRoutes(api: FastifyInstance, options: PrivacyRouteOptions): void {
  const { store } = options;

  api.get('/policy', (request, reply) => {
    const policy: TrackingPolicy = policyForTenant(options.tenantPolicies, requireSender(request).tenantId);
    return reply.send(policy);
  });

  api.get('/me/export', async (request, reply) => {
    const sender = requireSender(request);
    const activity = await store.listSenderActivity(sender);
    const body: SenderExport = {
      exportedAt: options.now().toISOString(),
      sender: { tenantId: sender.tenantId, objectId: sender.objectId },
      trackedMessages: [],
      senderViews: activity.views.map((view) => ({
        trackingId: view.trackingId,
        viewedAt: view.viewedAt.toISOString(),
      })),
      senderNetworks: activity.networks.map((entry) => ({
        network: entry.network,
        lastSeenAt: entry.lastSeenAt.toISOString(),
      })),
    };
    for await (const message of allPages((cursor) =>
      store.listTrackedMessages(sender, { limit: EXPORT_PAGE_SIZE, cursor }),
    )) {
      const opens: StoredOpen[] = [];
      for await (const open of allPages((cursor) =>
        store.listOpens(sender, message.trackingId, { limit: EXPORT_PAGE_SIZE, cursor }),
      )) {
        opens.push(open);
      }
      const receipts = await store.listReadReceipts(sender, message.trackingId);
      body.trackedMessages.push({
        ...presentTrackedMessage(message),
        clientRequestId: message.clientRequestId,
        openList: opens.map(presentOpen),
        receiptList: receipts.map(presentReadReceipt),
      });
    }
    return reply.header('content-disposition', 'attachment; filename="readmark-export.json"').send(body);
  });

  api.delete('/me', async (request): Promise<SenderDeletion> => {
    const deletedTrackedMessages = await store.deleteSender(requireSender(request));
    // Lookups cached before the deletion would still say active; the store skips their opens anyway,
    // and clearing the cache keeps the pixel path from even trying.
    options.pixelTargets.clear();
    return { deletedTrackedMessages };
  });
}

async function* allPages<T>(
  load: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
): AsyncGenerator<T> {
  let cursor: string | null = null;
  do {
    const page = await load(cursor);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}
