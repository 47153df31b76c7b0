import type { EarlierHit, SenderNetwork } from '../../classify';
import type { OpenKind } from '../../shared/api';

/** One pixel request, as the classifier sees it. */
export interface PixelHit {
  trackingId: string;
  at: Date;
  method: string;
  /** Bounded to `USER_AGENT_MAX_LENGTH` characters. */
  userAgent: string | null;
  /**
   * The full client address, for proxy-range checks only: it lives in memory during the request
   * and is never stored or logged. Null when the socket reports none.
   */
  clientAddress: string | null;
  /** The minimised network that is stored, for example `203.0.113.0/24`. */
  clientNetwork: string | null;
}

/** What the server knows about the tracked message and its sender when the hit arrives. */
export interface ClassificationContext {
  sender: { tenantId: string; objectId: string };
  createdAt: Date;
  /** Null until the add-in reports the message as sent. */
  sentAt: Date | null;
  /**
   * Recent hits on the same message, in any order; empty when they could not be read. The pixel
   * path changes the list after the classifier returns, so a classifier must not keep it.
   */
  earlierHits: readonly EarlierHit[];
  /** Recent times the sender's status pane reported showing this message. */
  senderViews: readonly Date[];
  /** The sender's recent networks; the pixel path reads only the hit's own network. */
  senderNetworks: readonly SenderNetwork[];
}

export interface Classification {
  kind: OpenKind;
  /** 0 to 1. */
  confidence: number;
  /** Stable reason codes, for example `apple-mpp`. */
  reasons: string[];
  /** false for a hit that is stored as evidence but added to no count, such as a repeat. */
  counted: boolean;
}

/** Decides who fetched the pixel. It runs on the pixel path, so it must be synchronous and fast. */
export type OpenClassifier = (hit: PixelHit, context: ClassificationContext) => Classification;

/** The classifier used until a real one is injected: every open is `unknown`. */
export const classifyAsUnknown: OpenClassifier = () => ({
  kind: 'unknown',
  confidence: 0,
  reasons: [],
  counted: true,
});
