import type { Open, ReadReceipt, TrackedMessage } from '../../shared/api';
import type { StoredOpen, StoredReadReceipt, StoredTrackedMessage } from '../store/trackingStore';

/** Turns a stored tracked message into its API v1 shape. */
export function presentTrackedMessage(message: StoredTrackedMessage): TrackedMessage {
  const counts = message.opens.counts;
  return {
    id: message.trackingId,
    subject: message.subject,
    recipientCount: message.recipientCount,
    internetMessageId: message.internetMessageId,
    sentAt: isoOrNull(message.sentAt),
    createdAt: message.createdAt.toISOString(),
    lastActivityAt: message.lastActivityAt.toISOString(),
    stoppedAt: isoOrNull(message.stoppedAt),
    readReceiptRequested: message.readReceiptRequested,
    opens: {
      firstOpenAt: isoOrNull(message.opens.firstOpenAt),
      lastOpenAt: isoOrNull(message.opens.lastOpenAt),
      counts: { ...counts },
      peopleOpens: counts.human + counts['human-via-proxy'],
      automatedOpens: counts.prefetch + counts.scanner,
      selfViews: counts.self,
    },
    receipts: { ...message.receipts },
  };
}

export function presentOpen(open: StoredOpen): Open {
  return {
    at: open.at.toISOString(),
    method: open.method,
    userAgent: open.userAgent,
    clientNetwork: open.clientNetwork,
    kind: open.kind,
    confidence: open.confidence,
    reasons: [...open.reasons],
    counted: open.counted,
  };
}

export function presentReadReceipt(receipt: StoredReadReceipt): ReadReceipt {
  return {
    receiptMessageId: receipt.receiptMessageId,
    finalRecipient: receipt.finalRecipient,
    kind: receipt.kind,
    dispositionType: receipt.dispositionType,
    at: receipt.at.toISOString(),
  };
}

function isoOrNull(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
