import type { Pool } from 'pg';

import type {
  CreateResult,
  ListOptions,
  NewTrackedMessage,
  Page,
  PixelTarget,
  Sender,
  StoredTrackedMessage,
  TrackedMessageChanges,
} from '../trackingStore';
import { decodeMessageCursor, encodeMessageCursor } from '../cursor';
import { checkLimit } from './paging';
import {
  MESSAGE_COLUMNS,
  MESSAGES_WITH_ACTIVITY,
  type MessageRow,
  type PixelTargetRow,
  toPixelTarget,
  toStoredMessage,
} from './rows';

// The new message's activity starts at its creation, in a row of message_activity inserted by the
// same statement. tracked_messages.last_activity_at is set for older releases only.
const INSERT_MESSAGE = `
  WITH inserted AS (
    INSERT INTO tracked_messages
      (tenant_id, object_id, tracking_id, client_request_id, subject, recipient_count, created_at,
       last_activity_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
    ON CONFLICT (tenant_id, object_id, client_request_id) DO NOTHING
    RETURNING *
  ), activity AS (
    INSERT INTO message_activity (tenant_id, tracking_id, object_id, last_activity_at)
    SELECT tenant_id, tracking_id, object_id, created_at FROM inserted
    RETURNING tenant_id, tracking_id, last_activity_at
  )
  SELECT ${MESSAGE_COLUMNS}
    FROM inserted m JOIN activity a ON a.tenant_id = m.tenant_id AND a.tracking_id = m.tracking_id`;

const SELECT_BY_CLIENT_REQUEST = `
  SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_WITH_ACTIVITY}
   WHERE m.tenant_id = $1 AND m.object_id = $2 AND m.client_request_id = $3`;

const SELECT_MESSAGE = `
  SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_WITH_ACTIVITY}
   WHERE m.tenant_id = $1 AND m.object_id = $2 AND m.tracking_id = $3`;

const SELECT_BY_INTERNET_MESSAGE_ID = `
  SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_WITH_ACTIVITY}
   WHERE m.tenant_id = $1 AND m.object_id = $2 AND m.internet_message_id = $3
   ORDER BY m.created_at DESC, m.tracking_id DESC
   LIMIT 1`;

// Two statements instead of one with "cursor IS NULL OR …", so that both are plain index range
// scans on message_activity_order, read backwards.
const LIST_FIRST_PAGE = `
  SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_WITH_ACTIVITY}
   WHERE a.tenant_id = $1 AND a.object_id = $2
   ORDER BY a.last_activity_at DESC, a.tracking_id DESC
   LIMIT $3`;

const LIST_NEXT_PAGE = `
  SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGES_WITH_ACTIVITY}
   WHERE a.tenant_id = $1 AND a.object_id = $2 AND (a.last_activity_at, a.tracking_id) < ($4, $5)
   ORDER BY a.last_activity_at DESC, a.tracking_id DESC
   LIMIT $3`;

const SELECT_PIXEL_TARGET = `
  SELECT tenant_id, object_id, tracking_id, stopped_at, sent_at, created_at
    FROM tracked_messages
   WHERE tracking_id = $1
   LIMIT 1`;

const STOP_CREATED_BEFORE = `
  UPDATE tracked_messages SET stopped_at = $2
   WHERE stopped_at IS NULL AND created_at < $1`;

export async function createTrackedMessage(pool: Pool, input: NewTrackedMessage): Promise<CreateResult> {
  const { sender } = input;
  // A concurrent request with the same clientRequestId may delete its row between the two
  // statements; a second round then inserts again.
  for (let round = 0; round < 2; round++) {
    const inserted = await pool.query<MessageRow>(INSERT_MESSAGE, [
      sender.tenantId,
      sender.objectId,
      input.trackingId,
      input.clientRequestId,
      input.subject,
      input.recipientCount,
      input.createdAt,
    ]);
    const created = inserted.rows[0];
    if (created !== undefined) return { message: toStoredMessage(created), created: true };

    const existing = await pool.query<MessageRow>(SELECT_BY_CLIENT_REQUEST, [
      sender.tenantId,
      sender.objectId,
      input.clientRequestId,
    ]);
    const found = existing.rows[0];
    if (found !== undefined) return { message: toStoredMessage(found), created: false };
  }
  throw new Error(
    `Creating tracked message for client request ${input.clientRequestId} conflicted twice with a concurrent delete; retry the request.`,
  );
}

export async function getTrackedMessage(
  pool: Pool,
  sender: Sender,
  trackingId: string,
): Promise<StoredTrackedMessage | null> {
  const result = await pool.query<MessageRow>(SELECT_MESSAGE, [sender.tenantId, sender.objectId, trackingId]);
  const row = result.rows[0];
  return row === undefined ? null : toStoredMessage(row);
}

export async function findByInternetMessageId(
  pool: Pool,
  sender: Sender,
  internetMessageId: string,
): Promise<StoredTrackedMessage | null> {
  const result = await pool.query<MessageRow>(SELECT_BY_INTERNET_MESSAGE_ID, [
    sender.tenantId,
    sender.objectId,
    internetMessageId,
  ]);
  const row = result.rows[0];
  return row === undefined ? null : toStoredMessage(row);
}

export async function listTrackedMessages(
  pool: Pool,
  sender: Sender,
  options: ListOptions,
): Promise<Page<StoredTrackedMessage>> {
  const limit = checkLimit(options.limit);
  // One row more than the limit shows whether another page follows.
  const parameters: unknown[] = [sender.tenantId, sender.objectId, limit + 1];
  let sql = LIST_FIRST_PAGE;
  if (options.cursor !== null) {
    const cursor = decodeMessageCursor(options.cursor);
    parameters.push(new Date(cursor.lastActivityAt), cursor.trackingId);
    sql = LIST_NEXT_PAGE;
  }
  const result = await pool.query<MessageRow>(sql, parameters);
  const items = result.rows.slice(0, limit).map(toStoredMessage);
  const last = items[items.length - 1];
  const nextCursor =
    result.rows.length > limit && last !== undefined
      ? encodeMessageCursor({ lastActivityAt: last.lastActivityAt.getTime(), trackingId: last.trackingId })
      : null;
  return { items, nextCursor };
}

export async function updateTrackedMessage(
  pool: Pool,
  sender: Sender,
  trackingId: string,
  changes: TrackedMessageChanges,
): Promise<StoredTrackedMessage | null> {
  const assignments: string[] = [];
  const parameters: unknown[] = [sender.tenantId, sender.objectId, trackingId];
  const parameter = (value: unknown): string => {
    parameters.push(value);
    return `$${parameters.length}`;
  };

  if (changes.internetMessageId !== undefined) {
    assignments.push(`internet_message_id = ${parameter(changes.internetMessageId)}`);
  }
  let sentAt: string | null = null;
  if (changes.sentAt !== undefined) {
    sentAt = parameter(changes.sentAt);
    assignments.push(`sent_at = ${sentAt}`);
  }
  if (changes.stoppedAt !== undefined) {
    // Tracking stops once; a second stop keeps the first time.
    assignments.push(`stopped_at = COALESCE(stopped_at, ${parameter(changes.stoppedAt)})`);
  }
  if (changes.readReceiptRequested !== undefined) {
    assignments.push(`read_receipt_requested = ${parameter(changes.readReceiptRequested)}`);
  }
  if (assignments.length === 0) return getTrackedMessage(pool, sender, trackingId);

  // The activity update reads the changed row, so it runs after the tracked_messages row is locked,
  // in the order every writer of both tables keeps.
  const activityUpdate =
    sentAt === null
      ? ''
      : `, activity AS (
           UPDATE message_activity AS a SET last_activity_at = GREATEST(a.last_activity_at, ${sentAt})
             FROM changed c
            WHERE a.tenant_id = c.tenant_id AND a.tracking_id = c.tracking_id
           RETURNING a.tenant_id, a.tracking_id, a.last_activity_at
         )`;
  const result = await pool.query<MessageRow>(
    `WITH changed AS (
       UPDATE tracked_messages SET ${assignments.join(', ')}
        WHERE tenant_id = $1 AND object_id = $2 AND tracking_id = $3
       RETURNING *
     )${activityUpdate}
     SELECT ${MESSAGE_COLUMNS}
       FROM changed m
       JOIN ${sentAt === null ? 'message_activity' : 'activity'} a
         ON a.tenant_id = m.tenant_id AND a.tracking_id = m.tracking_id`,
    parameters,
  );
  const row = result.rows[0];
  return row === undefined ? null : toStoredMessage(row);
}

export async function findPixelTarget(pool: Pool, trackingId: string): Promise<PixelTarget | null> {
  const result = await pool.query<PixelTargetRow>(
    { name: 'readmark-find-pixel-target', text: SELECT_PIXEL_TARGET },
    [trackingId],
  );
  const row = result.rows[0];
  return row === undefined ? null : toPixelTarget(row);
}

export async function stopMessagesCreatedBefore(pool: Pool, before: Date, at: Date): Promise<number> {
  const result = await pool.query(STOP_CREATED_BEFORE, [before, at]);
  return result.rowCount ?? 0;
}
