/**
 * The draft being composed and the Office.js compose calls on it, with Outlook's limits and
 * error names: append-on-send holds at most 5,000 characters and rejects HTML in a plain-text
 * body, a notification key is unique and at most five notifications show at once.
 */
import { OfficeCallError, type CallHandlers } from '../office/hostController';
import { officeError } from '../office/protocol';
import { addinIdOf, postJson, type PageSession } from './session';

const APPEND_ON_SEND_MAX_CHARACTERS = 5000;
const MAX_NOTIFICATIONS = 5;

export interface NotificationDetails {
  type: string;
  message?: string;
  icon?: string;
  persistent?: boolean;
}

export interface DraftFields {
  to: () => string;
  cc: () => string;
  subject: () => string;
  bodyType: () => 'html' | 'text';
  bodyHtml: () => string;
  bodyText: () => string;
}

export class ComposeItem {
  draftId: string | null = null;
  ewsId: string | null = null;
  appendOnSend: string | null = null;
  readonly internetHeaders: Record<string, string> = {};
  customProperties: Record<string, unknown> = {};
  readonly notifications = new Map<string, NotificationDetails>();

  constructor(
    private readonly session: PageSession,
    private readonly fields: DraftFields,
    private readonly onNotificationsChanged: () => void,
  ) {}

  /** The draft as the simulator's mail API takes it. */
  content(): Record<string, unknown> {
    const bodyType = this.fields.bodyType();
    return {
      to: splitAddresses(this.fields.to()),
      cc: splitAddresses(this.fields.cc()),
      subject: this.fields.subject(),
      bodyType,
      body:
        bodyType === 'html' ? `<html><body>${this.fields.bodyHtml()}</body></html>` : this.fields.bodyText(),
      appendOnSend: this.appendOnSend,
      internetHeaders: { ...this.internetHeaders },
      customProperties: { [addinIdOf(this.session)]: { ...this.customProperties } },
    };
  }

  handlers(): CallHandlers {
    return {
      'body.getType': () => this.fields.bodyType(),
      'body.get': (coercion) => (coercion === 'html' ? this.fields.bodyHtml() : this.fields.bodyText()),
      'body.appendOnSend': (data, coercion) => this.queueAppendOnSend(data, coercion),
      'internetHeaders.set': (headers) => {
        Object.assign(this.internetHeaders, headers as Record<string, string>);
      },
      'internetHeaders.get': (names) =>
        Object.fromEntries(
          (names as string[])
            .filter((name) => name in this.internetHeaders)
            .map((name) => [name, this.internetHeaders[name]]),
        ),
      'internetHeaders.remove': (names) =>
        (names as string[]).forEach((name) => delete this.internetHeaders[name]),
      'customProperties.load': () => ({ ...this.customProperties }),
      'customProperties.save': (values) => {
        this.customProperties = { ...(values as Record<string, unknown>) };
      },
      'item.save': () => this.save(),
      'item.getId': () => {
        if (this.ewsId === null)
          throw new OfficeCallError(
            officeError('ItemNotSaved', 'The id cannot be retrieved until the item is saved.'),
          );
        return this.ewsId;
      },
      'notifications.add': (key, details) =>
        this.addNotification(String(key), details as NotificationDetails),
      'notifications.replace': (key, details) => {
        this.notifications.set(String(key), details as NotificationDetails);
        this.onNotificationsChanged();
      },
      'notifications.remove': (key) => {
        if (!this.notifications.delete(String(key))) {
          throw new OfficeCallError(
            officeError('NotificationKeyNotFound', 'There are no notifications with the provided key.'),
          );
        }
        this.onNotificationsChanged();
      },
      'notifications.getAll': () =>
        [...this.notifications.entries()].map(([key, details]) => ({ key, ...details })),
      'recipients.get': (field) =>
        splitAddresses(field === 'cc' ? this.fields.cc() : this.fields.to()).map((emailAddress) => ({
          emailAddress,
          displayName: emailAddress,
          recipientType: 'other',
        })),
      'subject.get': () => this.fields.subject(),
      'from.get': () => ({
        emailAddress: this.session.user.address,
        displayName: this.session.user.displayName,
      }),
    };
  }

  async save(): Promise<string> {
    const saved = await postJson<{ id: string; ewsId: string }>('/sim/api/drafts', {
      draftId: this.draftId,
      draft: this.content(),
    });
    this.draftId = saved.id;
    this.ewsId = saved.ewsId;
    return saved.ewsId;
  }

  private queueAppendOnSend(data: unknown, coercion: unknown): void {
    if (data === null || data === '') {
      this.appendOnSend = null;
      return;
    }
    if (typeof data !== 'string') {
      throw new OfficeCallError(
        officeError('InvalidParameterValueError', 'The data parameter must be a string or null.'),
      );
    }
    const text = data;
    if (text.length > APPEND_ON_SEND_MAX_CHARACTERS) {
      throw new OfficeCallError(
        officeError(
          'DataExceedsMaximumSize',
          `The data parameter is longer than ${APPEND_ON_SEND_MAX_CHARACTERS} characters.`,
        ),
      );
    }
    if ((coercion ?? 'text') === 'html' && this.fields.bodyType() === 'text') {
      throw new OfficeCallError(
        officeError('InvalidFormatError', 'HTML cannot be appended to a plain-text body.'),
      );
    }
    this.appendOnSend = text;
  }

  private addNotification(key: string, details: NotificationDetails): void {
    if (this.notifications.has(key)) {
      throw new OfficeCallError(
        officeError('DuplicateNotificationKey', `A notification with the key "${key}" already exists.`),
      );
    }
    if (this.notifications.size >= MAX_NOTIFICATIONS) {
      throw new OfficeCallError(
        officeError('NumberOfNotificationMessagesExceeded', 'The item already shows five notifications.'),
      );
    }
    this.notifications.set(key, details);
    this.onNotificationsChanged();
  }
}

function splitAddresses(value: string): string[] {
  return value
    .split(/[;,]/)
    .map((address) => address.trim())
    .filter((address) => address.length > 0);
}
