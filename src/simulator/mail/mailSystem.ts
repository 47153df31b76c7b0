import { randomBytes } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { findUser, type SimulatedTenant, type SimulatedUser } from '../users';
import { MailboxStore, type MailAddress, type StoredMessage } from './mailboxStore';
import { buildReadReceipt, type ReceiptDisposition } from './readReceipt';
import { startSmtpReceiver, type SmtpReceiver } from './smtpReceiver';

/** A draft as the simulated compose window holds it, with what the add-in queued on it. */
export interface DraftContent {
  to: string[];
  cc: string[];
  subject: string;
  bodyType: 'html' | 'text';
  body: string;
  /** Content queued with `body.appendOnSendAsync`, added only when the message is sent. */
  appendOnSend: string | null;
  /** Headers set with `item.internetHeaders.setAsync`. */
  internetHeaders: Record<string, string>;
  customProperties: Record<string, Record<string, unknown>>;
}

export interface MailSystemOptions {
  tenant: SimulatedTenant;
  host: string;
  smtpPort: number;
  /**
   * Whether a `Disposition-Notification-To` set by the add-in through internet headers reaches
   * recipients. Exchange writes that header from its own read-receipt flag and is expected to drop
   * an add-in's copy, so the default is false; only `isReadReceiptRequested` (set through Graph)
   * then requests a receipt.
   */
  keepsAddinDispositionHeader: boolean;
  now: () => number;
  onError: (error: unknown) => void;
}

export class MailError extends Error {
  constructor(
    readonly code:
      'MAIL_UNKNOWN_SENDER' | 'MAIL_NOT_FOUND' | 'MAIL_NO_RECEIPT_REQUESTED' | 'MAIL_NO_RECIPIENTS',
    message: string,
  ) {
    super(message);
    this.name = 'MailError';
  }
}

/** The simulated Exchange: mailboxes, inbound SMTP and sending over SMTP to itself. */
export class MailSystem {
  private constructor(
    readonly store: MailboxStore,
    private readonly receiver: SmtpReceiver,
    private readonly transport: Transporter,
    private readonly options: MailSystemOptions,
  ) {}

  static async start(options: MailSystemOptions): Promise<MailSystem> {
    const store = new MailboxStore(options.now);
    const receiver = await startSmtpReceiver({ store, ...options, port: options.smtpPort });
    const transport = createTransport({
      host: options.host,
      port: receiver.port,
      secure: false,
      ignoreTLS: true,
    });
    return new MailSystem(store, receiver, transport, options);
  }

  get smtpPort(): number {
    return this.receiver.port;
  }

  async close(): Promise<void> {
    this.transport.close();
    await this.receiver.close();
  }

  /** Creates or replaces the draft `draftId` in the sender's Drafts folder (what `saveAsync` does). */
  saveDraft(senderAddress: string, draftId: string | null, content: DraftContent): StoredMessage {
    const sender = this.sender(senderAddress);
    const fields = {
      subject: content.subject,
      to: content.to.map(toAddress),
      cc: content.cc.map(toAddress),
      bodyType: content.bodyType,
      body: content.body,
      customProperties: content.customProperties,
    };
    const existing = draftId === null ? undefined : this.store.get(sender.address, draftId);
    if (existing && existing.folder === 'drafts') {
      return this.store.update(sender.address, existing.id, fields) ?? existing;
    }
    return this.store.add({
      ...fields,
      owner: sender.address,
      folder: 'drafts',
      internetMessageId: null,
      from: { name: sender.displayName, address: sender.address },
      sentAt: null,
      receivedAt: null,
      isRead: true,
      isDraft: true,
      isReadReceiptRequested: false,
      dispositionNotificationTo: null,
      readReceiptSent: false,
      messageClass: 'IPM.Note',
      originalMessageId: null,
      mime: null,
    });
  }

  /**
   * Sends a draft: applies the append-on-send content and the internet headers, builds the MIME
   * with nodemailer, delivers it over SMTP and files the same MIME in Sent Items, so the sender's
   * copy carries the pixel too. A saved draft's `isReadReceiptRequested` (set through Graph) is honoured.
   */
  async send(senderAddress: string, draftId: string | null, content: DraftContent): Promise<StoredMessage> {
    const sender = this.sender(senderAddress);
    const recipients = [...content.to, ...content.cc].filter((address) => address.trim() !== '');
    if (recipients.length === 0) {
      throw new MailError('MAIL_NO_RECIPIENTS', 'The message has no recipients. Add an address in To or Cc.');
    }
    const draft = draftId === null ? undefined : this.store.get(sender.address, draftId);
    const readReceiptRequested = draft?.isReadReceiptRequested === true;
    const body = applyAppendOnSend(content);
    const headers = this.outgoingHeaders(content.internetHeaders);
    const domain = sender.address.split('@')[1] ?? 'simulator.test';
    const messageId = `<${randomBytes(12).toString('hex')}@${domain}>`;

    const composer = new MailComposer({
      from: { name: sender.displayName, address: sender.address },
      to: content.to,
      cc: content.cc,
      subject: content.subject,
      messageId,
      date: new Date(this.options.now()),
      headers: readReceiptRequested ? { ...headers, 'Disposition-Notification-To': sender.address } : headers,
      ...(content.bodyType === 'html' ? { html: body } : { text: body }),
    });
    const raw = await composer.compile().build();
    await this.transport.sendMail({ envelope: { from: sender.address, to: recipients }, raw });

    if (draft) this.store.remove(sender.address, draft.id);
    const at = new Date(this.options.now()).toISOString();
    return this.store.add({
      owner: sender.address,
      folder: 'sentitems',
      internetMessageId: messageId,
      subject: content.subject,
      from: { name: sender.displayName, address: sender.address },
      to: content.to.map(toAddress),
      cc: content.cc.map(toAddress),
      bodyType: content.bodyType,
      body,
      sentAt: at,
      receivedAt: at,
      isRead: true,
      isDraft: false,
      isReadReceiptRequested: readReceiptRequested,
      dispositionNotificationTo: null,
      readReceiptSent: false,
      messageClass: 'IPM.Note',
      originalMessageId: null,
      customProperties: content.customProperties,
      mime: raw.toString('utf8'),
    });
  }

  /** Sends an RFC 8098 receipt for a received message back to the address that asked for it. */
  async sendReadReceipt(
    ownerAddress: string,
    messageId: string,
    disposition: ReceiptDisposition,
  ): Promise<string> {
    const reporter = this.sender(ownerAddress);
    const original = this.store.get(reporter.address, messageId);
    if (!original) {
      throw new MailError(
        'MAIL_NOT_FOUND',
        `Message ${messageId} is not in the mailbox of ${reporter.address}.`,
      );
    }
    const sentTo = original.dispositionNotificationTo;
    if (sentTo === null) {
      throw new MailError(
        'MAIL_NO_RECEIPT_REQUESTED',
        `Message ${messageId} did not ask for a read receipt.`,
      );
    }
    const receipt = buildReadReceipt({
      reporter,
      original,
      disposition,
      sentTo,
      at: new Date(this.options.now()),
    });
    await this.transport.sendMail({ envelope: { from: reporter.address, to: [sentTo] }, raw: receipt.raw });
    this.store.update(reporter.address, original.id, { readReceiptSent: true });
    return receipt.messageId;
  }

  private sender(address: string): SimulatedUser {
    const user = findUser(this.options.tenant, address);
    if (!user) {
      throw new MailError('MAIL_UNKNOWN_SENDER', `No simulated user has the address "${address}".`);
    }
    return user;
  }

  private outgoingHeaders(internetHeaders: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(internetHeaders)) {
      if (name.toLowerCase() === 'disposition-notification-to' && !this.options.keepsAddinDispositionHeader)
        continue;
      headers[name] = value;
    }
    return headers;
  }
}

function toAddress(address: string): MailAddress {
  return { name: '', address: address.trim() };
}

/** Appends queued content after the body, inside `<body>` when the HTML has one. */
export function applyAppendOnSend(content: DraftContent): string {
  if (content.appendOnSend === null || content.appendOnSend === '') return content.body;
  if (content.bodyType === 'text') return `${content.body}\n${content.appendOnSend}`;
  const closing = content.body.search(/<\/body>/i);
  if (closing === -1) return content.body + content.appendOnSend;
  return content.body.slice(0, closing) + content.appendOnSend + content.body.slice(closing);
}
