import { OPEN_KINDS, type OpenKind, type ReceiptKind } from '../../../shared/api';
import type { PixelTarget, StoredOpen, StoredReadReceipt, StoredTrackedMessage } from '../trackingStore';

/** Column of `tracked_messages` that counts opens of each kind. */
export const OPEN_COUNT_COLUMNS: Record<OpenKind, string> = {
  human: 'opens_human',
  'human-via-proxy': 'opens_human_via_proxy',
  prefetch: 'opens_prefetch',
  scanner: 'opens_scanner',
  self: 'opens_self',
  unknown: 'opens_unknown',
};

/** Column of `tracked_messages` that counts read receipts of each kind. */
export const RECEIPT_COUNT_COLUMNS: Record<ReceiptKind, string> = {
  read: 'receipts_read',
  'not-read': 'receipts_not_read',
  other: 'receipts_other',
};

export interface MessageRow {
  tracking_id: string;
  tenant_id: string;
  object_id: string;
  client_request_id: string;
  subject: string | null;
  recipient_count: number | null;
  internet_message_id: string | null;
  sent_at: number | null;
  created_at: number;
  last_activity_at: number;
  stopped_at: number | null;
  read_receipt_requested: number | null;
  first_open_at: number | null;
  last_open_at: number | null;
  opens_human: number;
  opens_human_via_proxy: number;
  opens_prefetch: number;
  opens_scanner: number;
  opens_self: number;
  opens_unknown: number;
  receipts_read: number;
  receipts_not_read: number;
  receipts_other: number;
}

export interface OpenRow {
  sequence: number;
  tracking_id: string;
  tenant_id: string;
  at: number;
  method: string;
  user_agent: string | null;
  client_network: string | null;
  kind: OpenKind;
  confidence: number;
  reasons: string;
  counted: number;
}

export interface PixelTargetRow {
  tracking_id: string;
  tenant_id: string;
  object_id: string;
  stopped_at: number | null;
  sent_at: number | null;
  created_at: number;
}

export interface ReceiptRow {
  tracking_id: string;
  receipt_message_id: string;
  tenant_id: string;
  object_id: string;
  final_recipient: string | null;
  kind: ReceiptKind;
  disposition_type: string;
  at: number;
  received_at: number;
}

export function toDate(milliseconds: number): Date;
export function toDate(milliseconds: number | null): Date | null;
export function toDate(milliseconds: number | null): Date | null {
  return milliseconds === null ? null : new Date(milliseconds);
}

export function toTrackedMessage(row: MessageRow): StoredTrackedMessage {
  const counts = {} as Record<OpenKind, number>;
  for (const kind of OPEN_KINDS) {
    counts[kind] = row[OPEN_COUNT_COLUMNS[kind] as keyof MessageRow] as number;
  }
  return {
    trackingId: row.tracking_id,
    sender: { tenantId: row.tenant_id, objectId: row.object_id },
    clientRequestId: row.client_request_id,
    subject: row.subject,
    recipientCount: row.recipient_count,
    internetMessageId: row.internet_message_id,
    sentAt: toDate(row.sent_at),
    createdAt: toDate(row.created_at),
    lastActivityAt: toDate(row.last_activity_at),
    stoppedAt: toDate(row.stopped_at),
    readReceiptRequested: row.read_receipt_requested === null ? null : row.read_receipt_requested === 1,
    opens: { firstOpenAt: toDate(row.first_open_at), lastOpenAt: toDate(row.last_open_at), counts },
    receipts: { read: row.receipts_read, notRead: row.receipts_not_read, other: row.receipts_other },
  };
}

export function toOpen(row: OpenRow): StoredOpen {
  return {
    sequence: row.sequence,
    trackingId: row.tracking_id,
    tenantId: row.tenant_id,
    at: toDate(row.at),
    method: row.method,
    userAgent: row.user_agent,
    clientNetwork: row.client_network,
    kind: row.kind,
    confidence: row.confidence,
    reasons: JSON.parse(row.reasons) as string[],
    counted: row.counted === 1,
  };
}

export function toPixelTarget(row: PixelTargetRow): PixelTarget {
  return {
    trackingId: row.tracking_id,
    sender: { tenantId: row.tenant_id, objectId: row.object_id },
    active: row.stopped_at === null,
    sentAt: toDate(row.sent_at),
    createdAt: toDate(row.created_at),
  };
}

export function toReadReceipt(row: ReceiptRow): StoredReadReceipt {
  return {
    trackingId: row.tracking_id,
    sender: { tenantId: row.tenant_id, objectId: row.object_id },
    receiptMessageId: row.receipt_message_id,
    finalRecipient: row.final_recipient,
    kind: row.kind,
    dispositionType: row.disposition_type,
    at: toDate(row.at),
    receivedAt: toDate(row.received_at),
  };
}
