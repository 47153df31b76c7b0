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
}

export interface StoredOpen extends NewOpen {
  /** Store-assigned, increasing within a tracked message; used for paging. */
  sequence: number;
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

export interface TrackingStore {
  /** Applies pending migrations. Safe to call on every start. */
  migrate(): Promise<void>;

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
  /** Deletes the message, its opens and its receipts. Returns false when there was nothing to delete. */
  deleteTrackedMessage(sender: Sender, trackingId: string): Promise<boolean>;

  /** Newest first. Another sender's or an unknown tracking id gives an empty page. */
  listOpens(sender: Sender, trackingId: string, options: ListOptions): Promise<Page<StoredOpen>>;

  /** Looks up a tracking id for the pixel path. Unknown ids return null. */
  findPixelTarget(trackingId: string): Promise<PixelTarget | null>;
  /**
   * Writes a batch of opens and their counters in one transaction. It resolves only once the batch
   * is durably committed, and rejects if nothing of it was committed. An open whose tracked message
   * is unknown, stopped or owned by another tenant is skipped, so a stale pixel lookup records nothing.
   */
  recordOpens(opens: readonly NewOpen[]): Promise<void>;

  /**
   * Idempotent by `receiptMessageId` within a tracked message; a later `not-read` never replaces an
   * earlier `read`, but a `read` upgrades an earlier other kind. Returns `recorded: false` for a
   * repeat and when the tracked message does not exist for this sender.
   */
  recordReadReceipt(receipt: NewReadReceipt): Promise<{ recorded: boolean }>;
  listReadReceipts(sender: Sender, trackingId: string): Promise<StoredReadReceipt[]>;

  /** Deletes everything stored for a sender. Returns the number of tracked messages removed. */
  deleteSender(sender: Sender): Promise<number>;

  /**
   * Deletes opens older than `before`, at most `batchSize` at a time until none are left, and returns
   * how many it deleted. The open counters of the tracked messages stay as they are.
   */
  purgeOpensBefore(before: Date, batchSize: number): Promise<number>;
  /** Stops tracked messages created before `before` that are still active; returns how many. */
  stopMessagesCreatedBefore(before: Date, at: Date): Promise<number>;

  /** Cheap query that fails when the database is not usable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
