import type { Pool, PoolClient } from 'pg';

import type { ReceiptKind } from '../../../shared/api';
import type { NewReadReceipt, Sender, StoredReadReceipt } from '../trackingStore';
import { withTransaction } from './pool';
import { RECEIPT_COUNTER, type ReceiptRow, toStoredReceipt } from './rows';

const LOCK_MESSAGE = `
  SELECT 1 FROM tracked_messages
   WHERE tenant_id = $1 AND object_id = $2 AND tracking_id = $3
     FOR UPDATE`;

const INSERT_RECEIPT = `
  INSERT INTO read_receipts
    (tenant_id, tracking_id, receipt_message_id, final_recipient, kind, disposition_type, disposed_at, received_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (tenant_id, tracking_id, receipt_message_id) DO NOTHING`;

const SELECT_RECEIPT_KIND = `
  SELECT kind FROM read_receipts WHERE tenant_id = $1 AND tracking_id = $2 AND receipt_message_id = $3`;

const UPGRADE_TO_READ = `
  UPDATE read_receipts SET
    kind = 'read', disposition_type = $4, disposed_at = $5, final_recipient = coalesce($6, final_recipient)
  WHERE tenant_id = $1 AND tracking_id = $2 AND receipt_message_id = $3`;

const LIST_RECEIPTS = `
  SELECT r.tenant_id, m.object_id, r.tracking_id, r.receipt_message_id, r.final_recipient, r.kind,
         r.disposition_type, r.disposed_at, r.received_at
    FROM read_receipts r
    JOIN tracked_messages m ON m.tenant_id = r.tenant_id AND m.tracking_id = r.tracking_id
   WHERE m.tenant_id = $1 AND m.object_id = $2 AND m.tracking_id = $3
   ORDER BY r.disposed_at, r.receipt_message_id`;

/**
 * Stores a read receipt and updates the message's receipt counters, in one transaction.
 *
 * Receipts are idempotent by receiptMessageId within a tracked message. The same receipt id seen
 * again may only upgrade an earlier kind to `read`, so a later `not-read` never hides a read.
 * Returns recorded: false when nothing changed, including for a tracking id that is not the
 * sender's.
 */
export async function recordReadReceipt(
  pool: Pool,
  receipt: NewReadReceipt,
  receivedAt: Date,
): Promise<{ recorded: boolean }> {
  const { sender } = receipt;
  return withTransaction(pool, async (client) => {
    // The message's row lock also serialises concurrent receipts for it, so the read-then-upgrade
    // below cannot interleave with another copy of the same receipt.
    const message = await client.query(LOCK_MESSAGE, [sender.tenantId, sender.objectId, receipt.trackingId]);
    if (message.rows.length === 0) return { recorded: false };

    const inserted = await client.query(INSERT_RECEIPT, [
      sender.tenantId,
      receipt.trackingId,
      receipt.receiptMessageId,
      receipt.finalRecipient,
      receipt.kind,
      receipt.dispositionType,
      receipt.at,
      receivedAt,
    ]);
    if (inserted.rowCount === 1) {
      await updateReceiptCounters(client, receipt, null);
      return { recorded: true };
    }

    const earlier = await client.query<{ kind: ReceiptKind }>(SELECT_RECEIPT_KIND, [
      sender.tenantId,
      receipt.trackingId,
      receipt.receiptMessageId,
    ]);
    const earlierKind = earlier.rows[0]?.kind;
    if (earlierKind === undefined || earlierKind === 'read' || receipt.kind !== 'read')
      return { recorded: false };

    await client.query(UPGRADE_TO_READ, [
      sender.tenantId,
      receipt.trackingId,
      receipt.receiptMessageId,
      receipt.dispositionType,
      receipt.at,
      receipt.finalRecipient,
    ]);
    await updateReceiptCounters(client, receipt, earlierKind);
    return { recorded: true };
  });
}

export async function listReadReceipts(
  pool: Pool,
  sender: Sender,
  trackingId: string,
): Promise<StoredReadReceipt[]> {
  const result = await pool.query<ReceiptRow>(LIST_RECEIPTS, [sender.tenantId, sender.objectId, trackingId]);
  return result.rows.map(toStoredReceipt);
}

async function updateReceiptCounters(
  client: PoolClient,
  receipt: NewReadReceipt,
  replacedKind: ReceiptKind | null,
): Promise<void> {
  const added = RECEIPT_COUNTER[receipt.kind];
  const assignments = [`${added} = ${added} + 1`];
  if (replacedKind !== null) {
    const removed = RECEIPT_COUNTER[replacedKind];
    assignments.push(`${removed} = ${removed} - 1`);
  }
  const key = [receipt.sender.tenantId, receipt.trackingId];
  // tracked_messages first, then message_activity: the order every writer of both tables keeps.
  await client.query(
    `UPDATE tracked_messages SET ${assignments.join(', ')} WHERE tenant_id = $1 AND tracking_id = $2`,
    key,
  );
  await client.query(
    `UPDATE message_activity SET last_activity_at = GREATEST(last_activity_at, $3)
      WHERE tenant_id = $1 AND tracking_id = $2`,
    [...key, receipt.at],
  );
}
