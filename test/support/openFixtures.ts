import { randomUUID } from 'node:crypto';
import { generateTrackingId } from '../../src/server/core/trackingId';
import type { NewOpen, Sender, TrackingStore } from '../../src/server/store/trackingStore';

/** Creates a tracked message of `sender` in `store` and returns its tracking id. */
export async function createTrackedMessageFor(
  store: Pick<TrackingStore, 'createTrackedMessage'>,
  sender: Sender,
): Promise<string> {
  const trackingId = generateTrackingId();
  await store.createTrackedMessage({
    trackingId,
    sender,
    clientRequestId: randomUUID(),
    subject: null,
    recipientCount: null,
    createdAt: new Date('2026-03-02T09:00:00Z'),
  });
  return trackingId;
}

/** Returns an Outlook for Windows open of `trackingId` at `second` past 10:00 on the day of the message. */
export function outlookOpen(trackingId: string, sender: Sender, second: number): NewOpen {
  return {
    hitId: randomUUID(),
    trackingId,
    tenantId: sender.tenantId,
    at: new Date(Date.UTC(2026, 2, 2, 10, 0, second)),
    method: 'GET',
    userAgent: 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)',
    clientNetwork: '203.0.113.0/24',
    kind: 'human',
    confidence: 0.8,
    reasons: ['outlook-windows'],
  };
}
