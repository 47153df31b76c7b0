import type { Pool, PoolClient } from 'pg';

import type { Sender } from '../trackingStore';
import { withTransaction } from './pool';

/** Deletes one tracked message of the sender with its opens, views and receipts, in one transaction. */
export async function deleteTrackedMessage(pool: Pool, sender: Sender, trackingId: string): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const deleted = await client.query<{ tracking_id: string }>(
      `DELETE FROM tracked_messages
        WHERE tenant_id = $1 AND object_id = $2 AND tracking_id = $3
        RETURNING tracking_id`,
      [sender.tenantId, sender.objectId, trackingId],
    );
    if (deleted.rows.length === 0) return false;
    await deleteOpensAndReceipts(client, sender.tenantId, [trackingId]);
    return true;
  });
}

/**
 * Deletes every tracked message of the sender with their opens, views and receipts, and the
 * sender's networks, in one transaction.
 */
export async function deleteSender(pool: Pool, sender: Sender): Promise<number> {
  return withTransaction(pool, async (client) => {
    const deleted = await client.query<{ tracking_id: string }>(
      `DELETE FROM tracked_messages WHERE tenant_id = $1 AND object_id = $2 RETURNING tracking_id`,
      [sender.tenantId, sender.objectId],
    );
    const trackingIds = deleted.rows.map((row) => row.tracking_id);
    if (trackingIds.length > 0) await deleteOpensAndReceipts(client, sender.tenantId, trackingIds);
    await client.query('DELETE FROM sender_networks WHERE tenant_id = $1 AND object_id = $2', [
      sender.tenantId,
      sender.objectId,
    ]);
    return trackingIds.length;
  });
}

// The message rows are deleted first: that takes their row locks, so a concurrent recordOpens
// either committed before (and its opens are deleted here) or finds no message and writes nothing.
async function deleteOpensAndReceipts(
  client: PoolClient,
  tenantId: string,
  trackingIds: string[],
): Promise<void> {
  await client.query('DELETE FROM opens WHERE tenant_id = $1 AND tracking_id = ANY($2::text[])', [
    tenantId,
    trackingIds,
  ]);
  await client.query('DELETE FROM read_receipts WHERE tenant_id = $1 AND tracking_id = ANY($2::text[])', [
    tenantId,
    trackingIds,
  ]);
  await client.query('DELETE FROM sender_views WHERE tenant_id = $1 AND tracking_id = ANY($2::text[])', [
    tenantId,
    trackingIds,
  ]);
}
