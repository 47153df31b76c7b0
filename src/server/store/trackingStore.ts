import type { OpenKind, ReceiptKind } from '../../shared/api';

/**
 * The storage boundary of the tracking server. SQLite (`./sqlite`) and PostgreSQL (`./postgres`)
 * implement it with the same behaviour, which one contract test suite checks against both.
 *
 * Times are `Date` objects in UTC with millisecond precision. Every method that takes a `Sender`
 * only ever sees that sender's rows: another sender's tracking id behaves exactly like an unknown one.
 */

/** The owner of tracked messages: the Entra ID tenant and the user's object id in it. */
export interface Sender {
  tenantId: string;
  objectId: string;
}

export interface StoredOpenSummary {
  /** First and last open by a person (`human` or `human-via-proxy`); null until there is one. */
  firstOpenAt: Date | null;
  lastOpenAt: Date | null;
  counts: Record<OpenKind, number>;
}

export interface StoredReceiptSummary {
  read: number;
  notRead: number;
  other: number;
}

export interface StoredTrackedMessage {
  trackingId: string;
  sender: Sender;
  clientRequestId: string;
  subject: string | null;
  recipientCount: number | null;
  internetMessageId: string | null;
  sentAt: Date | null;
  createdAt: Date;
  lastActivityAt: Date;
  stoppedAt: Date | null;
  readReceiptRequested: boolean | null;
  opens: StoredOpenSummary;
  receipts: StoredReceiptSummary;
}

export interface NewTrackedMessage {
  trackingId: string;
  sender: Sender;
  clientRequestId: string;
  subject: string | null;
  recipientCount: number | null;
  createdAt: Date;
}

export interface TrackedMessageChanges {
  internetMessageId?: string;
  sentAt?: Date;
  stoppedAt?: Date;
  readReceiptRequested?: boolean;
}

/** What the pixel path needs to know about a tracking id, without the sender's other data. */
export interface PixelTarget {
  trackingId: string;
  sender: Sender;
  active: boolean;
  sentAt: Date | null;
  createdAt: Date;
}

export interface NewOpen {
  trackingId: string;
  tenantId: string;
  at: Date;
  method: string;
  userAgent: string | null;
  clientNetwork: string | null;
  kind: OpenKind;
  confidence: number;
  reasons: string[];
  /**
   * false for a hit that is kept as evidence but added to no counter, such as a repeat from the
   * same client. Default true.
   */
  counted?: boolean;
  /**
   * Unique per pixel hit. A batch written again after a commit whose outcome was unknown skips the
   * opens whose hit id is already stored, so a retry never counts an open twice.
   */
  hitId?: string;
}

export interface StoredOpen extends NewOpen {
  /** Store-assigned, increasing within a tracked message; used for paging. */
  sequence: number;
  counted: boolean;
}

/** What the pixel path reads to classify one hit. Every list is bounded by its `max…` limit. */
export interface HitContextQuery {
  sender: Sender;
  trackingId: string;
  /** Opens at or after this time, newest first, at most `maxOpens`. */
  opensSince: Date;
  maxOpens: number;
  /**
   * Set: only opens with a greater `sequence` are read, to bring opens read earlier up to date.
   * A message's opens are committed in sequence order, so no open with a lower sequence than one
   * already read appears later.
   */
  opensAfterSequence?: number;
  /** Sender views of this message at or after this time, at most `maxViews`. */
  viewsSince: Date;
  maxViews: number;
  /** The hit's network; null reads no sender network. */
  clientNetwork: string | null;
  /** The sender network counts only when last seen at or after this time. */
  networkSeenSince: Date;
}

export interface StoredHitContext {
  /** Newest first. */
  recentOpens: StoredOpen[];
  senderViews: Date[];
  /** The sender's entry for the hit's network, or none. */
  senderNetworks: StoredSenderNetwork[];
}

export interface StoredSenderNetwork {
  network: string;
  lastSeenAt: Date;
}

/** A new verdict for a stored open, found by its `sequence` within the tracked message. */
export interface OpenReclassification {
  sequence: number;
  kind: OpenKind;
  confidence: number;
  reasons: string[];
  counted: boolean;
}

export interface NewReadReceipt {
  trackingId: string;
  sender: Sender;
  receiptMessageId: string;
  finalRecipient: string | null;
  kind: ReceiptKind;
  dispositionType: string;
  at: Date;
}

export interface StoredReadReceipt extends NewReadReceipt {
  receivedAt: Date;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListOptions {
  limit: number;
  cursor: string | null;
}

export interface CreateResult {
  message: StoredTrackedMessage;
  /** false when the sender already had a message with this `clientRequestId`. */
  created: boolean;
}

/** Record of the sender's own use, kept to recognise the sender's views of the pixel. */
export interface SenderActivity {
  views: Array<{ trackingId: string; viewedAt: Date }>;
  networks: Array<{ network: string; lastSeenAt: Date }>;
}

export interface TrackingStore {
  /**
   * Version of the newest schema migration this release applies. `/` reports it, so a rolling
   * upgrade shows which processes run a release with a newer schema.
   */
  readonly schemaVersion: number;

  /**
   * Applies pending migrations and returns their versions, none when the schema is current. Safe to
   * call on every start.
   */
  migrate(): Promise<{ applied: number[] }>;

  createTrackedMessage(input: NewTrackedMessage): Promise<CreateResult>;
  getTrackedMessage(sender: Sender, trackingId: string): Promise<StoredTrackedMessage | null>;
  findByInternetMessageId(sender: Sender, internetMessageId: string): Promise<StoredTrackedMessage | null>;
  /**
   * Most recent activity first. `cursor` is opaque and comes from the previous page; a damaged one
   * rejects with `InvalidCursorError` (`./cursor`).
   */
  listTrackedMessages(sender: Sender, options: ListOptions): Promise<Page<StoredTrackedMessage>>;
  /** Returns null when the message does not exist for this sender. */
  updateTrackedMessage(
    sender: Sender,
    trackingId: string,
    changes: TrackedMessageChanges,
  ): Promise<StoredTrackedMessage | null>;
  /** Deletes the message, its opens, sender views and receipts. Returns false when there was nothing to delete. */
  deleteTrackedMessage(sender: Sender, trackingId: string): Promise<boolean>;

  /** Newest first. Another sender's or an unknown tracking id gives an empty page. */
  listOpens(sender: Sender, trackingId: string, options: ListOptions): Promise<Page<StoredOpen>>;

  /** Looks up a tracking id for the pixel path. Unknown ids return null. */
  findPixelTarget(trackingId: string): Promise<PixelTarget | null>;
  /**
   * Writes a batch of opens and their counters in one transaction. It resolves only once the batch
   * is durably committed, and rejects if nothing of it was committed. An open whose tracked message
   * is unknown, stopped or owned by another tenant is skipped, so a stale pixel lookup records nothing.
   * An open whose hit id is already stored is skipped: always when `retry` is set, which the caller
   * sets for a batch an earlier attempt may have written, and otherwise where the check costs nothing.
   */
  recordOpens(opens: readonly NewOpen[], options?: { retry?: boolean }): Promise<void>;

  /**
   * Loads the recent opens, sender views and sender network that classify a hit on this message.
   * Another sender's or an unknown tracking id gives empty lists.
   */
  loadHitContext(query: HitContextQuery): Promise<StoredHitContext>;
  /**
   * Replaces the verdicts of stored opens and moves the counters and first and last person open
   * times to match, in one transaction. Unknown sequences are skipped. Returns how many opens changed.
   */
  reclassifyOpens(
    sender: Sender,
    trackingId: string,
    changes: readonly OpenReclassification[],
  ): Promise<number>;

  /**
   * Records that the sender's status pane showed this message at `at`. Returns false, recording
   * nothing, when the message does not exist for this sender.
   */
  recordSenderView(sender: Sender, trackingId: string, at: Date): Promise<boolean>;
  /** Records that the sender's API calls came from `network` at `at`; a later time replaces an earlier one. */
  recordSenderNetwork(sender: Sender, network: string, at: Date): Promise<void>;
  /** Every stored view and network of the sender, oldest first, for the data export. */
  listSenderActivity(sender: Sender): Promise<SenderActivity>;

  /**
   * Idempotent by `receiptMessageId` within a tracked message; a later `not-read` never replaces an
   * earlier `read`, but a `read` upgrades an earlier other kind. Returns `recorded: false` for a
   * repeat and when the tracked message does not exist for this sender.
   */
  recordReadReceipt(receipt: NewReadReceipt): Promise<{ recorded: boolean }>;
  listReadReceipts(sender: Sender, trackingId: string): Promise<StoredReadReceipt[]>;

  /** Deletes everything stored for a sender, sender networks included. Returns the number of tracked messages removed. */
  deleteSender(sender: Sender): Promise<number>;

  /**
   * Deletes opens older than `before`, at most `batchSize` at a time until none are left, and returns
   * how many it deleted. The open counters of the tracked messages stay as they are. Sender views
   * and sender networks last seen before `before` go too.
   */
  purgeOpensBefore(before: Date, batchSize: number): Promise<number>;
  /** Stops tracked messages created before `before` that are still active; returns how many. */
  stopMessagesCreatedBefore(before: Date, at: Date): Promise<number>;

  /** Cheap query that fails when the database is not usable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
