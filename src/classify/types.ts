import type { OpenKind } from '../shared/api';

/** One pixel request, as the HTTP layer saw it. */
export interface Hit {
  /** HTTP method as received, for example `GET` or `HEAD`. Case does not matter. */
  method: string;
  /** The `User-Agent` header, or null when the request had none. */
  userAgent: string | null;
  /** The client address after minimisation, for example `203.0.113.0/24` or `2001:db8:1::/48`. */
  clientNetwork: string | null;
  at: Date;
}

/** An earlier hit on the same tracked message, with the kind it was given then. */
export interface EarlierHit {
  at: Date;
  /**
   * `at` in milliseconds since the epoch, for callers that pass the same earlier hits to many
   * classifications: the classifier then reads the number instead of the date. Must equal
   * `at.getTime()` when set.
   */
  atMs?: number;
  userAgent: string | null;
  clientNetwork: string | null;
  kind: OpenKind;
}

/** A network that the sender's own API calls came from, and when it was last seen. */
export interface SenderNetwork {
  network: string;
  lastSeenAt: Date;
}

/** Facts about the tracked message at the time a hit arrives. */
export interface HitContext {
  /** When the message was sent; null until the add-in reports it, then `createdAt` is used. */
  sentAt: Date | null;
  createdAt: Date;
  /** Recent hits on the same message; the classifier only looks at those inside its windows. */
  earlierHits: readonly EarlierHit[];
  /** Times the sender's pinned status pane reported showing this message. */
  senderViews: readonly Date[];
  senderNetworks: readonly SenderNetwork[];
}

/** The classifier's judgement of one hit. */
export interface Verdict {
  kind: OpenKind;
  /** 0 to 1: how sure the classifier is of `kind`. */
  confidence: number;
  /** Stable reason codes, most important first; `REASON_TEXTS` has a sentence for each built-in code. */
  reasons: string[];
  /** false for a `HEAD`, any method other than `GET`, and a repeat from the same client. */
  counted: boolean;
  /** Id of the user-agent rule that matched, or null when none did. */
  ruleId: string | null;
}

/** Kinds a user-agent rule may assign. `self` comes only from the sender's own activity. */
export const RULE_KINDS = ['human', 'human-via-proxy', 'prefetch', 'scanner', 'unknown'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** One entry of the user-agent rules file, validated and with its pattern compiled. */
export interface UserAgentRule {
  id: string;
  pattern: RegExp;
  kind: RuleKind;
  confidence: number;
  reason: string;
  /**
   * Kind to use instead when the hit is a sign of automation: within the scanner window after
   * sending, or part of a burst. Set for user agents that automated fetchers are known to copy.
   */
  earlyKind: RuleKind | null;
  /** Publication of the user agent: vendor documentation, a public issue or a user-agent database entry. */
  source: string;
}
