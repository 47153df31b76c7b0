/**
 * Named SQL statements of the SQLite store. Parameters use better-sqlite3's `@name` form; times are
 * epoch milliseconds. Every statement that reads or changes a sender's data filters on
 * `tenant_id` and `object_id`, so another sender's tracking id behaves like an unknown one.
 */

export const SELECT_MESSAGE_COLUMNS = `
  tracking_id, tenant_id, object_id, client_request_id, subject, recipient_count,
  internet_message_id, sent_at, created_at, last_activity_at, stopped_at, read_receipt_requested,
  first_open_at, last_open_at, opens_human, opens_human_via_proxy, opens_prefetch, opens_scanner,
  opens_self, opens_unknown, receipts_read, receipts_not_read, receipts_other`;

export const INSERT_MESSAGE = `
  INSERT INTO tracked_messages (
    tracking_id, tenant_id, object_id, client_request_id, subject, recipient_count,
    created_at, last_activity_at
  ) VALUES (
    @trackingId, @tenantId, @objectId, @clientRequestId, @subject, @recipientCount,
    @createdAt, @createdAt
  )
  ON CONFLICT (tenant_id, object_id, client_request_id) DO NOTHING`;

export const SELECT_MESSAGE_BY_CLIENT_REQUEST_ID = `
  SELECT ${SELECT_MESSAGE_COLUMNS} FROM tracked_messages
  WHERE tenant_id = @tenantId AND object_id = @objectId AND client_request_id = @clientRequestId`;

export const SELECT_MESSAGE = `
  SELECT ${SELECT_MESSAGE_COLUMNS} FROM tracked_messages
  WHERE tenant_id = @tenantId AND object_id = @objectId AND tracking_id = @trackingId`;

export const SELECT_MESSAGE_BY_INTERNET_MESSAGE_ID = `
  SELECT ${SELECT_MESSAGE_COLUMNS} FROM tracked_messages
  WHERE tenant_id = @tenantId AND object_id = @objectId AND internet_message_id = @internetMessageId
  ORDER BY created_at DESC
  LIMIT 1`;

export const SELECT_MESSAGES_FIRST_PAGE = `
  SELECT ${SELECT_MESSAGE_COLUMNS} FROM tracked_messages
  WHERE tenant_id = @tenantId AND object_id = @objectId
  ORDER BY last_activity_at DESC, tracking_id DESC
  LIMIT @limit`;

export const SELECT_MESSAGES_AFTER_CURSOR = `
  SELECT ${SELECT_MESSAGE_COLUMNS} FROM tracked_messages
  WHERE tenant_id = @tenantId AND object_id = @objectId
    AND (last_activity_at < @lastActivityAt
      OR (last_activity_at = @lastActivityAt AND tracking_id < @trackingId))
  ORDER BY last_activity_at DESC, tracking_id DESC
  LIMIT @limit`;

/** Each change is applied only when its parameter is not NULL; a stop keeps the first stop time. */
export const UPDATE_MESSAGE = `
  UPDATE tracked_messages SET
    internet_message_id = coalesce(@internetMessageId, internet_message_id),
    sent_at = coalesce(@sentAt, sent_at),
    stopped_at = coalesce(stopped_at, @stoppedAt),
    read_receipt_requested = coalesce(@readReceiptRequested, read_receipt_requested),
    last_activity_at = max(last_activity_at, coalesce(@sentAt, last_activity_at))
  WHERE tenant_id = @tenantId AND object_id = @objectId AND tracking_id = @trackingId`;

export const DELETE_MESSAGE_OPENS = `
  DELETE FROM opens WHERE tracking_id IN (
    SELECT tracking_id FROM tracked_messages
    WHERE tenant_id = @tenantId AND object_id = @objectId AND tracking_id = @trackingId)`;

export const DELETE_MESSAGE_RECEIPTS = `
  DELETE FROM read_receipts
  WHERE tenant_id = @tenantId AND object_id = @objectId AND tracking_id = @trackingId`;

export const DELETE_MESSAGE = `
  DELETE FROM tracked_messages
  WHERE tenant_id = @tenantId AND object_id = @objectId AND tracking_id = @trackingId`;

export const SELECT_OPENS_FIRST_PAGE = `
  SELECT o.sequence, o.tracking_id, o.tenant_id, o.at, o.method, o.user_agent, o.client_network,
    o.kind, o.confidence, o.reasons, o.counted
  FROM opens o JOIN tracked_messages m ON m.tracking_id = o.tracking_id
  WHERE m.tenant_id = @tenantId AND m.object_id = @objectId AND o.tracking_id = @trackingId
  ORDER BY o.sequence DESC
  LIMIT @limit`;

export const SELECT_OPENS_AFTER_CURSOR = `
  SELECT o.sequence, o.tracking_id, o.tenant_id, o.at, o.method, o.user_agent, o.client_network,
    o.kind, o.confidence, o.reasons, o.counted
  FROM opens o JOIN tracked_messages m ON m.tracking_id = o.tracking_id
  WHERE m.tenant_id = @tenantId AND m.object_id = @objectId AND o.tracking_id = @trackingId
    AND o.sequence < @sequence
  ORDER BY o.sequence DESC
  LIMIT @limit`;

export const SELECT_PIXEL_TARGET = `
  SELECT tracking_id, tenant_id, object_id, stopped_at, sent_at, created_at
  FROM tracked_messages WHERE tracking_id = @trackingId`;

/**
 * Inserts one open unless its hit id was written before. Whether its message may take it is
 * checked by the counter update that follows (`updateOpenCountersSql`): a check here as well
 * looked the message up a second time for every open.
 */
export const INSERT_OPEN = `
  INSERT INTO opens (tenant_id, tracking_id, at, method, user_agent, client_network, kind,
    confidence, reasons, counted, hit_id)
  VALUES (@tenantId, @trackingId, @at, @method, @userAgent, @clientNetwork, @kind, @confidence,
    @reasons, @counted, @hitId)
  ON CONFLICT (hit_id) WHERE hit_id IS NOT NULL DO NOTHING`;

/** Removes an open just inserted whose message rejects it (`updateOpenCountersSql` changed nothing). */
export const DELETE_REJECTED_OPEN = `DELETE FROM opens WHERE sequence = ?`;

/**
 * Builds the counter update for one open kind column. It changes the message only when the open
 * belongs to it: same tenant, and not stopped before the open. `@increment` is 1 for a counted
 * open and 0 for one kept only as evidence. `@isPerson` is 1 for a counted person open.
 */
export function updateOpenCountersSql(kindColumn: string): string {
  return `
    UPDATE tracked_messages SET
      ${kindColumn} = ${kindColumn} + @increment,
      last_activity_at = max(last_activity_at, @at),
      first_open_at = CASE WHEN @isPerson = 1 AND (first_open_at IS NULL OR first_open_at > @at)
        THEN @at ELSE first_open_at END,
      last_open_at = CASE WHEN @isPerson = 1 AND (last_open_at IS NULL OR last_open_at < @at)
        THEN @at ELSE last_open_at END
    WHERE tracking_id = @trackingId AND tenant_id = @tenantId
      AND (stopped_at IS NULL OR stopped_at > @at)`;
}

/**
 * A message's opens, newest recorded first, through opens_by_message. The caller stops reading
 * once the opens are older than the window it wants: no index orders one message's opens by time.
 */
export const SELECT_RECENT_OPENS = `
  SELECT o.sequence, o.tracking_id, o.tenant_id, o.at, o.method, o.user_agent, o.client_network,
    o.kind, o.confidence, o.reasons, o.counted
  FROM opens o JOIN tracked_messages m ON m.tracking_id = o.tracking_id
  WHERE m.tenant_id = @tenantId AND m.object_id = @objectId AND o.tracking_id = @trackingId
  ORDER BY o.sequence DESC`;

export const SELECT_SENDER_VIEWS = `
  SELECT viewed_at FROM sender_views
  WHERE tenant_id = @tenantId AND tracking_id = @trackingId AND object_id = @objectId
    AND viewed_at >= @since
  ORDER BY viewed_at DESC
  LIMIT @limit`;

/** Empty unless the tracked message belongs to the sender, like the other context reads. */
export const SELECT_SENDER_NETWORK = `
  SELECT network, last_seen_at FROM sender_networks
  WHERE tenant_id = @tenantId AND object_id = @objectId AND network = @network
    AND last_seen_at >= @since
    AND EXISTS (SELECT 1 FROM tracked_messages
      WHERE tracking_id = @trackingId AND tenant_id = @tenantId AND object_id = @objectId)`;

/** Two reports of the same millisecond are one view. */
export const INSERT_SENDER_VIEW = `
  INSERT OR IGNORE INTO sender_views (tenant_id, tracking_id, viewed_at, object_id)
  VALUES (@tenantId, @trackingId, @at, @objectId)`;

export const UPSERT_SENDER_NETWORK = `
  INSERT INTO sender_networks (tenant_id, object_id, network, last_seen_at)
  VALUES (@tenantId, @objectId, @network, @at)
  ON CONFLICT (tenant_id, object_id, network)
    DO UPDATE SET last_seen_at = max(last_seen_at, excluded.last_seen_at)`;

export const SELECT_OPEN_VERDICT = `
  SELECT kind, counted, at FROM opens WHERE tracking_id = @trackingId AND sequence = @sequence`;

export const UPDATE_OPEN_VERDICT = `
  UPDATE opens SET kind = @kind, confidence = @confidence, reasons = @reasons, counted = @counted
  WHERE tracking_id = @trackingId AND sequence = @sequence`;

/** Builds the update that adds `@delta` (1 or -1) to one open kind column. */
export function adjustOpenCounterSql(kindColumn: string): string {
  return `UPDATE tracked_messages SET ${kindColumn} = ${kindColumn} + @delta WHERE tracking_id = @trackingId`;
}

export const SELECT_PERSON_OPEN_BOUNDS = `
  SELECT min(at) AS first, max(at) AS last FROM opens
  WHERE tracking_id = @trackingId AND counted = 1 AND kind IN ('human', 'human-via-proxy')`;

export const UPDATE_PERSON_OPEN_BOUNDS = `
  UPDATE tracked_messages SET first_open_at = @first, last_open_at = @last
  WHERE tracking_id = @trackingId`;

export const DELETE_MESSAGE_VIEWS = `
  DELETE FROM sender_views
  WHERE tenant_id = @tenantId AND object_id = @objectId AND tracking_id = @trackingId`;

export const DELETE_SENDER_VIEWS = `
  DELETE FROM sender_views WHERE tenant_id = @tenantId AND object_id = @objectId`;

export const DELETE_SENDER_NETWORKS = `
  DELETE FROM sender_networks WHERE tenant_id = @tenantId AND object_id = @objectId`;

export const PURGE_SENDER_VIEWS = `DELETE FROM sender_views WHERE viewed_at < @before`;

export const PURGE_SENDER_NETWORKS = `DELETE FROM sender_networks WHERE last_seen_at < @before`;

export const SELECT_RECEIPT = `
  SELECT kind FROM read_receipts
  WHERE tracking_id = @trackingId AND receipt_message_id = @receiptMessageId`;

export const INSERT_RECEIPT = `
  INSERT INTO read_receipts (tracking_id, receipt_message_id, tenant_id, object_id,
    final_recipient, kind, disposition_type, at, received_at)
  VALUES (@trackingId, @receiptMessageId, @tenantId, @objectId, @finalRecipient, @kind,
    @dispositionType, @at, @receivedAt)`;

export const UPGRADE_RECEIPT_TO_READ = `
  UPDATE read_receipts SET kind = 'read', disposition_type = @dispositionType, at = @at,
    final_recipient = coalesce(@finalRecipient, final_recipient)
  WHERE tracking_id = @trackingId AND receipt_message_id = @receiptMessageId`;

/** Builds the receipt counter update; `@removeColumn` of a replaced receipt goes down by one. */
export function updateReceiptCountersSql(addColumn: string, removeColumn: string | null): string {
  const removal = removeColumn === null ? '' : `, ${removeColumn} = ${removeColumn} - 1`;
  return `
    UPDATE tracked_messages SET
      ${addColumn} = ${addColumn} + 1${removal},
      last_activity_at = max(last_activity_at, @at)
    WHERE tracking_id = @trackingId`;
}

export const SELECT_RECEIPTS = `
  SELECT tracking_id, receipt_message_id, tenant_id, object_id, final_recipient, kind,
    disposition_type, at, received_at
  FROM read_receipts
  WHERE tenant_id = @tenantId AND object_id = @objectId AND tracking_id = @trackingId
  ORDER BY at, receipt_message_id`;

export const DELETE_SENDER_OPENS = `
  DELETE FROM opens WHERE tracking_id IN (
    SELECT tracking_id FROM tracked_messages WHERE tenant_id = @tenantId AND object_id = @objectId)`;

export const DELETE_SENDER_RECEIPTS = `
  DELETE FROM read_receipts WHERE tenant_id = @tenantId AND object_id = @objectId`;

export const DELETE_SENDER_MESSAGES = `
  DELETE FROM tracked_messages WHERE tenant_id = @tenantId AND object_id = @objectId`;

export const PURGE_OPENS_BATCH = `
  DELETE FROM opens WHERE sequence IN (
    SELECT sequence FROM opens WHERE at < @before LIMIT @batchSize)`;

export const STOP_MESSAGES_CREATED_BEFORE = `
  UPDATE tracked_messages SET stopped_at = @at
  WHERE created_at < @before AND stopped_at IS NULL`;

export const SELECT_ALL_SENDER_VIEWS = `
  SELECT tracking_id, viewed_at FROM sender_views
  WHERE tenant_id = @tenantId AND object_id = @objectId
  ORDER BY viewed_at, tracking_id`;

export const SELECT_ALL_SENDER_NETWORKS = `
  SELECT network, last_seen_at FROM sender_networks
  WHERE tenant_id = @tenantId AND object_id = @objectId
  ORDER BY last_seen_at, network`;
