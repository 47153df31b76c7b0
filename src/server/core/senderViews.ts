import type { OpenClassifier } from './classification';
import { buildHitContextQuery, toEarlierHit, type HitContextWindows } from './hitContext';
import type { OpenReclassification, Sender, StoredOpen, TrackingStore } from '../store/trackingStore';

/** Upper bound of stored opens read when a view report re-classifies the hits just before it. */
const MAX_RECLASSIFIED_CONTEXT_OPENS = 200;

export interface SenderViewRecorderOptions {
  store: Pick<TrackingStore, 'recordSenderView' | 'findPixelTarget' | 'loadHitContext' | 'reclassifyOpens'>;
  classifier: OpenClassifier;
  windows: HitContextWindows;
  now: () => Date;
}

/**
 * Records the sender's status pane showing a tracked message. The image in the Sent Items copy
 * can load before the pane's report reaches the server, so the hits of the last
 * `selfViewLeadSeconds` are classified again with the view in their context. Those that become
 * `self` get the new verdict, and the counters move with them.
 */
export class SenderViewRecorder {
  constructor(private readonly options: SenderViewRecorderOptions) {}

  /** Returns false, recording nothing, when the message does not exist for this sender. */
  async record(sender: Sender, trackingId: string): Promise<{ recorded: boolean; reclassified: number }> {
    const viewedAt = this.options.now();
    const recorded = await this.options.store.recordSenderView(sender, trackingId, viewedAt);
    if (!recorded) return { recorded: false, reclassified: 0 };
    const changes = await this.reclassifyHitsBefore(sender, trackingId, viewedAt);
    const reclassified =
      changes.length === 0 ? 0 : await this.options.store.reclassifyOpens(sender, trackingId, changes);
    return { recorded: true, reclassified };
  }

  private async reclassifyHitsBefore(
    sender: Sender,
    trackingId: string,
    viewedAt: Date,
  ): Promise<OpenReclassification[]> {
    const { store, windows, classifier } = this.options;
    const target = await store.findPixelTarget(trackingId);
    if (target === null) return [];

    const leadStart = new Date(viewedAt.getTime() - windows.selfViewLeadSeconds * 1000);
    const query = buildHitContextQuery(sender, trackingId, { at: leadStart, clientNetwork: null }, windows);
    const stored = await store.loadHitContext({ ...query, maxOpens: MAX_RECLASSIFIED_CONTEXT_OPENS });
    const opens = [...stored.recentOpens].sort((left, right) => left.sequence - right.sequence);
    const senderViews = [...stored.senderViews, viewedAt];

    const changes: OpenReclassification[] = [];
    opens.forEach((open, index) => {
      if (open.at < leadStart || open.method !== 'GET') return;
      const verdict = classifier(
        {
          trackingId,
          at: open.at,
          method: open.method,
          userAgent: open.userAgent,
          clientAddress: null,
          clientNetwork: open.clientNetwork,
        },
        {
          sender,
          createdAt: target.createdAt,
          sentAt: target.sentAt,
          earlierHits: opens.slice(0, index).map(toEarlierHit),
          senderViews,
          // The view alone decides here; the sender-network evidence was weighed when the hit arrived.
          senderNetworks: [],
        },
      );
      // A view only adds evidence of the sender, so only a change to `self` is applied.
      if (verdict.kind !== 'self' || !differs(open, verdict)) return;
      changes.push({ sequence: open.sequence, ...verdict });
      // Later hits that repeat this one take its new kind.
      opens[index] = { ...open, kind: verdict.kind };
    });
    return changes;
  }
}

function differs(open: StoredOpen, verdict: Omit<OpenReclassification, 'sequence'>): boolean {
  return (
    open.kind !== verdict.kind ||
    open.counted !== verdict.counted ||
    open.confidence !== verdict.confidence ||
    open.reasons.join('\n') !== verdict.reasons.join('\n')
  );
}
