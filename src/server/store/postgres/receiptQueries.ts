import type { Pool, PoolClient } from 'pg';

import type { ReceiptKind } from '../../../shared/api';
import type { NewReadReceipt, Sender, StoredReadReceipt } from '../trackingStore';
import { withTransaction } from './pool';
import { RECEIPT_COUNTER, type ReceiptRow, toStoredReceipt } from './rows';

const LOCK_MESSAGE = `
  SELECT 1 FROM tracked_messages
   WHERE tenant_id = $1 AND object_id = $2 AND tracking_id = $3
     FOR UPDATE`;

const SELECT_RECEIPT_ID = `SELECT 1 FROM read_receipts WHERE tenant_id = $1 AND receipt_message_id = $2`;

const SELECT_RECIPIENT_RECEIPT = `
  SELECT receipt_message_id, kind FROM read_receipts
   WHERE tenant_id = $1 AND tracking_id = $2 AND lower(final_recipient) = lower($3)`;

const INSERT_RECEIPT = `
  INSERT INTO read_receipts
    (tenant_id, receipt_message_id, tracking_id, final_recipient, kind, disposition_type, disposed_at, received_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (tenant_id, receipt_message_id) DO NOTHING`;

const REPLACE_RECEIPT = `
  UPDATE read_receipts SET
    receipt_message_id = $2, final_recipient = $4, kind = $5, disposition_type = $6, disposed_at = $7,
    received_at = $8
  WHERE tenant_id = $1 AND tracking_id = $3 AND receipt_message_id = $9`;

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
 * Receipts are idempotent by receiptMessageId within a tenant. A message keeps one receipt per
 * final recipient (compared without case): a later receipt from the same recipient replaces the
 * earlier one, except that a read is never replaced. Receipts without a final recipient are kept
 * each on its own. Returns recorded: false when nothing changed, including for a tracking id that
 * is not the sender's.
 */
export async function recordReadReceipt(
  pool: Pool,
  receipt: NewReadReceipt,
  receivedAt: Date,
): Promise<{ recorded: boolean }> {
  const { sender } = receipt;
  return withTransaction(pool, async (client) => {
    const message = await client.query(LOCK_MESSAGE, [sender.tenantId, sender.objectId, receipt.trackingId]);
    if (message.rows.length === 0) return { recorded: false };

    const seen = await client.query(SELECT_RECEIPT_ID, [sender.tenantId, receipt.receiptMessageId]);
    if (seen.rows.length > 0) return { recorded: false };

    const earlier = await findRecipientReceipt(client, receipt);
    if (earlier?.kind === 'read') return { recorded: false };

    const parameters = [
      sender.tenantId,
      receipt.receiptMessageId,
      receipt.trackingId,
      receipt.finalRecipient,
      receipt.kind,
      receipt.dispositionType,
      receipt.at,
      receivedAt,
    ];
    if (earlier === null) {
      const inserted = await client.query(INSERT_RECEIPT, parameters);
      if (inserted.rowCount === 0) return { recorded: false };
    } else {
      await client.query(REPLACE_RECEIPT, [...parameters, earlier.receipt_message_id]);
    }

    await updateReceiptCounters(client, receipt, earlier?.kind ?? null);
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

async function findRecipientReceipt(
  client: PoolClient,
  receipt: NewReadReceipt,
): Promise<{ receipt_message_id: string; kind: ReceiptKind } | null> {
  if (receipt.finalRecipient === null) return null;
  const result = await client.query<{ receipt_message_id: string; kind: ReceiptKind }>(
    SELECT_RECIPIENT_RECEIPT,
    [receipt.sender.tenantId, receipt.trackingId, receipt.finalRecipient],
  );
  return result.rows[0] ?? null;
}

async function updateReceiptCounters(
  client: PoolClient,
  receipt: NewReadReceipt,
  replacedKind: ReceiptKind | null,
): Promise<void> {
  const added = RECEIPT_COUNTER[receipt.kind];
  const assignments = [`${added} = ${added} + 1`, 'last_activity_at = GREATEST(last_activity_at, $3)'];
  if (replacedKind !== null) {
    const removed = RECEIPT_COUNTER[replacedKind];
    // When both are the same column, "x = x + 1, x = x - 1" would be rejected as a double assignment.
    if (removed === added) assignments.shift();
    else assignments.push(`${removed} = ${removed} - 1`);
  }
  await client.query(
    `UPDATE tracked_messages SET ${assignments.join(', ')} WHERE tenant_id = $1 AND tracking_id = $2`,
    [receipt.sender.tenantId, receipt.trackingId, receipt.at],
  );
}
