import type { OpenKind, ReceiptKind } from '../../../shared/api';
import type { PixelTarget, StoredOpen, StoredReadReceipt, StoredTrackedMessage } from '../trackingStore';

/**
 * Columns that make up a StoredTrackedMessage: those of tracked_messages as `m` and the last
 * activity time of message_activity as `a`.
 */
export const MESSAGE_COLUMNS = `
  m.tenant_id, m.object_id, m.tracking_id, m.client_request_id, m.subject, m.recipient_count,
  m.internet_message_id, m.sent_at, m.created_at, a.last_activity_at, m.stopped_at,
  m.read_receipt_requested, m.opens_human, m.opens_human_via_proxy, m.opens_prefetch, m.opens_scanner,
  m.opens_self, m.opens_unknown, m.first_person_open_at, m.last_person_open_at, m.receipts_read,
  m.receipts_not_read, m.receipts_other`;

/** The tables MESSAGE_COLUMNS reads, joined on their common key. */
export const MESSAGES_WITH_ACTIVITY = `
  message_activity a JOIN tracked_messages m ON m.tenant_id = a.tenant_id AND m.tracking_id = a.tracking_id`;

export interface MessageRow {
  tenant_id: string;
  object_id: string;
  tracking_id: string;
  client_request_id: string;
  subject: string | null;
  recipient_count: number | null;
  internet_message_id: string | null;
  sent_at: Date | null;
  created_at: Date;
  last_activity_at: Date;
  stopped_at: Date | null;
  read_receipt_requested: boolean | null;
  opens_human: number;
  opens_human_via_proxy: number;
  opens_prefetch: number;
  opens_scanner: number;
  opens_self: number;
  opens_unknown: number;
  first_person_open_at: Date | null;
  last_person_open_at: Date | null;
  receipts_read: number;
  receipts_not_read: number;
  receipts_other: number;
}

export function toStoredMessage(row: MessageRow): StoredTrackedMessage {
  return {
    trackingId: row.tracking_id,
    sender: { tenantId: row.tenant_id, objectId: row.object_id },
    clientRequestId: row.client_request_id,
    subject: row.subject,
    recipientCount: row.recipient_count,
    internetMessageId: row.internet_message_id,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    stoppedAt: row.stopped_at,
    readReceiptRequested: row.read_receipt_requested,
    opens: {
      firstOpenAt: row.first_person_open_at,
      lastOpenAt: row.last_person_open_at,
      counts: {
        human: row.opens_human,
        'human-via-proxy': row.opens_human_via_proxy,
        prefetch: row.opens_prefetch,
        scanner: row.opens_scanner,
        self: row.opens_self,
        unknown: row.opens_unknown,
      },
    },
    receipts: { read: row.receipts_read, notRead: row.receipts_not_read, other: row.receipts_other },
  };
}

export interface PixelTargetRow {
  tenant_id: string;
  object_id: string;
  tracking_id: string;
  stopped_at: Date | null;
  sent_at: Date | null;
  created_at: Date;
}

export function toPixelTarget(row: PixelTargetRow): PixelTarget {
  return {
    trackingId: row.tracking_id,
    sender: { tenantId: row.tenant_id, objectId: row.object_id },
    active: row.stopped_at === null,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

export interface OpenRow {
  tenant_id: string;
  tracking_id: string;
  /** bigint arrives as a string from pg. */
  sequence: string;
  opened_at: Date;
  method: string;
  user_agent: string | null;
  client_network: string | null;
  kind: OpenKind;
  confidence: number;
  reasons: string[];
  counted: boolean;
}

export function toStoredOpen(row: OpenRow): StoredOpen {
  return {
    trackingId: row.tracking_id,
    tenantId: row.tenant_id,
    at: row.opened_at,
    method: row.method,
    userAgent: row.user_agent,
    clientNetwork: row.client_network,
    kind: row.kind,
    confidence: row.confidence,
    reasons: row.reasons,
    counted: row.counted,
    sequence: Number(row.sequence),
  };
}

export interface ReceiptRow {
  tenant_id: string;
  object_id: string;
  tracking_id: string;
  receipt_message_id: string;
  final_recipient: string | null;
  kind: ReceiptKind;
  disposition_type: string;
  disposed_at: Date;
  received_at: Date;
}

export function toStoredReceipt(row: ReceiptRow): StoredReadReceipt {
  return {
    trackingId: row.tracking_id,
    sender: { tenantId: row.tenant_id, objectId: row.object_id },
    receiptMessageId: row.receipt_message_id,
    finalRecipient: row.final_recipient,
    kind: row.kind,
    dispositionType: row.disposition_type,
    at: row.disposed_at,
    receivedAt: row.received_at,
  };
}

/** The counter column of tracked_messages for each receipt kind. */
export const RECEIPT_COUNTER: Record<ReceiptKind, string> = {
  read: 'receipts_read',
  'not-read': 'receipts_not_read',
  other: 'receipts_other',
};
