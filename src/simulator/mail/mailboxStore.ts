import { newItemIds } from './itemIds';

export const FOLDER_NAMES = ['inbox', 'sentitems', 'drafts', 'deleteditems'] as const;
export type FolderName = (typeof FOLDER_NAMES)[number];

export interface MailAddress {
  name: string;
  address: string;
}

/** One message in one mailbox, holding what Exchange and Graph expose about it. */
export interface StoredMessage {
  /** Graph (REST) id. */
  id: string;
  /** Office.js (EWS) id of the same item. */
  ewsId: string;
  owner: string;
  folder: FolderName;
  internetMessageId: string | null;
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  bodyType: 'html' | 'text';
  body: string;
  createdAt: string;
  lastModifiedAt: string;
  sentAt: string | null;
  receivedAt: string | null;
  isRead: boolean;
  isDraft: boolean;
  isReadReceiptRequested: boolean;
  /** Address from the received message's `Disposition-Notification-To`, where a receipt goes. */
  dispositionNotificationTo: string | null;
  /** Whether this mailbox already answered the read-receipt request. */
  readReceiptSent: boolean;
  /** MAPI `PR_MESSAGE_CLASS` (`String 0x001A`), for example `IPM.Note` or `REPORT.IPM.Note.IPNRN`. */
  messageClass: string;
  /** MAPI `PR_ORIGINAL_MESSAGE_ID` (`String 0x1046`) of a report, the message it reports on. */
  originalMessageId: string | null;
  /** Office.js custom properties by add-in id, stored as Exchange does in `cecp-<add-in id>`. */
  customProperties: Record<string, Record<string, unknown>>;
  /** Raw RFC 5322 message for sent and received items; null for drafts. */
  mime: string | null;
}

export type NewMessage = Omit<StoredMessage, 'id' | 'ewsId' | 'createdAt' | 'lastModifiedAt'>;

/** In-memory mailboxes of the simulated tenant, keyed by lower-cased address. */
export class MailboxStore {
  private readonly messages = new Map<string, StoredMessage>();

  constructor(private readonly now: () => number = Date.now) {}

  add(message: NewMessage): StoredMessage {
    const { ewsId, restId } = newItemIds();
    const at = new Date(this.now()).toISOString();
    const stored: StoredMessage = {
      ...message,
      owner: message.owner.toLowerCase(),
      id: restId,
      ewsId,
      createdAt: at,
      lastModifiedAt: at,
    };
    this.messages.set(stored.id, stored);
    return stored;
  }

  /** Finds a message by REST id within one mailbox; another mailbox's message is not found. */
  get(owner: string, id: string): StoredMessage | undefined {
    const message = this.messages.get(id);
    return message && message.owner === owner.toLowerCase() ? message : undefined;
  }

  update(owner: string, id: string, changes: Partial<NewMessage>): StoredMessage | undefined {
    const message = this.get(owner, id);
    if (!message) return undefined;
    Object.assign(message, changes, { lastModifiedAt: new Date(this.now()).toISOString() });
    return message;
  }

  remove(owner: string, id: string): boolean {
    return this.get(owner, id) !== undefined && this.messages.delete(id);
  }

  /** Messages of one mailbox, optionally of one folder, in insertion order. */
  list(owner: string, folder?: FolderName): StoredMessage[] {
    const wanted = owner.toLowerCase();
    return [...this.messages.values()].filter(
      (message) => message.owner === wanted && (folder === undefined || message.folder === folder),
    );
  }
}
