import type { Open, TrackedMessage, TrackedMessageDetail, TrackedMessageList } from '../../shared/api';
import type { Logger } from '../logger';

/**
 * The boundaries of the "Open status" pane. The pane's components and hooks see only these
 * interfaces; `index.tsx` wires the real implementations, and the tests pass fakes.
 */

/** Failure reason of a port call, in the terms the pane shows to people. */
export type PaneErrorCode =
  /** No usable token without user interaction: the pane offers a "Sign in" button. */
  | 'sign-in-required'
  /**
   * This Outlook cannot give the add-in tokens. The shared sign-in module falls back to a standard
   * MSAL client without `NestedAppAuth 1.1`, so today's wiring does not raise it.
   */
  | 'naa-unsupported'
  /** The network request to the Readmark server failed or timed out. */
  | 'server-unreachable'
  /** The server does not have this tracked message for this user (deleted, or another user's). */
  | 'not-found'
  /** Any other non-2xx response, or a body that does not match the API types. */
  | 'server-error';

/** A failure of a port call. `detail` is technical text shown behind a "Details" toggle. */
export class PaneError extends Error {
  override readonly name = 'PaneError';

  constructor(
    readonly code: PaneErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

/** Reads a PaneError code from any thrown value; anything else counts as a server error. */
export function paneErrorCode(error: unknown): PaneErrorCode {
  return error instanceof PaneError ? error.code : 'server-error';
}

/** A failure as the pane keeps it in state: the code decides the message, the detail is technical. */
export interface PaneFailure {
  code: PaneErrorCode;
  detail: string;
}

export function failureOf(error: unknown): PaneFailure {
  return { code: paneErrorCode(error), detail: error instanceof PaneError ? error.detail : String(error) };
}

export interface ListPageRequest {
  cursor: string | null;
  limit: number;
}

/** The Readmark API calls the pane makes. Every method rejects with a `PaneError`. */
export interface StatusApi {
  /** `GET /api/v1/tracked-messages`: most recent activity first. */
  list(request: ListPageRequest): Promise<TrackedMessageList>;
  /** `GET /api/v1/tracked-messages/:id`. */
  get(trackingId: string): Promise<TrackedMessageDetail>;
  /** Older opens of one message, newest first (`GET /api/v1/tracked-messages/:id/opens`). */
  listOpens(trackingId: string, cursor: string): Promise<{ items: Open[]; nextCursor: string | null }>;
  /** The sender's message with this Internet Message-ID, or null when the server has none. */
  findByInternetMessageId(internetMessageId: string): Promise<TrackedMessage | null>;
  /** `PATCH` with `stopped: true`. */
  stop(trackingId: string): Promise<TrackedMessage>;
  /** `DELETE`: removes the message, its opens and its receipts. */
  delete(trackingId: string): Promise<void>;
  /** `PATCH` with the Internet Message-ID and send time read from Sent Items. */
  linkSent(trackingId: string, link: { internetMessageId: string; sentAt: string }): Promise<TrackedMessage>;
  /** `POST /api/v1/tracked-messages/:id/views`: the sender is viewing the message right now. */
  reportView(trackingId: string): Promise<void>;
}

/** The message selected in Outlook, as far as the pane needs it. */
export interface SelectedItem {
  /** The tracking id from the item's custom properties, when the add-in tracked it. */
  trackingId: string | null;
  /**
   * false when Outlook could not load the item's custom properties. A null `trackingId` then
   * does not show that the add-in left the message untracked.
   */
  customPropertiesLoaded: boolean;
  internetMessageId: string | null;
  /** When the item was created in the mailbox (for a Sent Items copy: about when it was sent). */
  createdAt: string | null;
}

export type ThemeKind = 'light' | 'dark' | 'high-contrast';

/** The Outlook mailbox around the pinned pane. */
export interface MailboxPort {
  /** The selected item, or null when nothing (or something other than a message) is selected. */
  getSelectedItem(): Promise<SelectedItem | null>;
  /** Calls `listener` after the selection changes (pinned pane). Returns the unsubscribe function. */
  onSelectedItemChanged(listener: () => void): () => void;
  getTheme(): ThemeKind;
  /** Calls `listener` when Outlook's theme changes. Returns the unsubscribe function. */
  onThemeChanged(listener: (theme: ThemeKind) => void): () => void;
}

/** Outcome of one search of the user's mailbox for read receipts. */
export interface ReceiptCollection {
  /** Tracking ids that got a new receipt. */
  updatedTrackingIds: string[];
  /** true when the search stopped early (Graph or the server failed); the next search retries. */
  failed: boolean;
}

/** Read receipts in the user's mailbox, reached through Microsoft Graph. */
export interface ReceiptPort {
  /** Finds new read receipts and posts them to the server. Never rejects: a failure sets `failed`. */
  collect(): Promise<ReceiptCollection>;
  /** Reads each message's Sent Items copy and stores whether it really requested a read receipt. */
  verifyRequests(messages: readonly TrackedMessage[]): Promise<TrackedMessage[]>;
}

/** One message of the user's Sent Items folder, read through Microsoft Graph. */
export interface SentItem {
  internetMessageId: string;
  sentAt: string;
  subject: string | null;
  /** To + Cc + Bcc. */
  recipientCount: number;
  /** The Readmark tracking id from the item's custom properties, when Graph returned them. */
  trackingId: string | null;
}

/** How far back `listSentItems` reads beyond its first page. */
export interface SentItemsReachBack {
  /** Reads further pages until one contains a message sent before this time (ISO 8601). */
  sentSince: string;
  /** Stops once this many messages were read, whatever their time. */
  maxItems: number;
}

/** Microsoft Graph reads of the user's own mailbox. Rejects with a `PaneError`. */
export interface GraphPort {
  /**
   * Returns the most recently sent messages, newest first: the newest `limit`, and with
   * `reachBack`, the further pages of `limit` that it requests.
   */
  listSentItems(limit: number, reachBack?: SentItemsReachBack): Promise<SentItem[]>;
}

/** Everything the pane needs from outside React, passed once to `<StatusApp>`. */
export interface StatusPorts {
  api: StatusApi;
  mailbox: MailboxPort;
  /** null when no Graph token can be had; the pane then shows what the server stores. */
  graph: GraphPort | null;
  /** The add-in's one logger; never pass subjects, addresses or tokens. */
  logger: Logger;
  /** Interactive sign-in for the Readmark API, used by the "Sign in" button. */
  signIn: () => Promise<void>;
  /** Injected so tests control the clock; defaults to `Date.now`. */
  now?: () => number;
  /** Missing or null when no Graph token can be had; receipts then arrive only from other devices. */
  receipts?: ReceiptPort | null;
}
