/**
 * A typed stand-in for the parts of Office.js the add-in uses, installed as `globalThis.Office`.
 * Callbacks run asynchronously, like Outlook's, and each operation can be made to fail.
 */

export type FakeOperation =
  | 'body.getTypeAsync'
  | 'body.appendOnSendAsync'
  | 'internetHeaders.setAsync'
  | 'internetHeaders.removeAsync'
  | 'loadCustomPropertiesAsync'
  | 'customProperties.saveAsync'
  | 'notificationMessages.replaceAsync'
  | 'subject.getAsync'
  | 'saveAsync'
  | 'displayDialogAsync';

export interface FakeNotification {
  type: string;
  message: string;
}

export interface FakeOfficeOptions {
  bodyType?: 'html' | 'text';
  /** Requirement sets reported as supported, as `Name version` strings. */
  supportedSets?: string[];
  /** Custom properties already saved on the draft. */
  savedProperties?: Record<string, string>;
  /** `null` simulates a read item or no item. */
  itemKind?: 'compose' | 'read' | 'none';
  emailAddress?: string;
}

export const ALL_SETS = ['Mailbox 1.3', 'Mailbox 1.5', 'Mailbox 1.8', 'Mailbox 1.9', 'NestedAppAuth 1.1'];

export interface FakeDraft {
  appended: string | null;
  appendCalls: (string | null)[];
  headers: Record<string, string>;
  savedProperties: Record<string, string>;
  notifications: Map<string, FakeNotification>;
  notificationHistory: FakeNotification[];
  failing: Set<FakeOperation>;
  savedItemId: string;
}

export interface FakeOffice {
  draft: FakeDraft;
  supportedSets: Set<string>;
  itemChangedHandlers: (() => void)[];
  /** Replaces the current item, as Outlook does before it raises ItemChanged. */
  setItemKind(kind: 'compose' | 'read' | 'none'): void;
}

type Callback<T> = (result: Office.AsyncResult<T>) => void;

const STATUS = { Succeeded: 'succeeded', Failed: 'failed' };

export function installFakeOffice(options: FakeOfficeOptions = {}): FakeOffice {
  const draft: FakeDraft = {
    appended: null,
    appendCalls: [],
    headers: {},
    savedProperties: { ...(options.savedProperties ?? {}) },
    notifications: new Map(),
    notificationHistory: [],
    failing: new Set(),
    savedItemId: 'AAMkAGI2TG93AAA=',
  };
  const supportedSets = new Set(options.supportedSets ?? ALL_SETS);
  const itemChangedHandlers: (() => void)[] = [];

  function respond<T>(operation: FakeOperation, callback: Callback<T> | undefined, value: () => T): void {
    setTimeout(() => {
      if (draft.failing.has(operation)) {
        callback?.({
          status: STATUS.Failed,
          value: undefined,
          error: { code: 9041, name: 'GenericResponseError', message: `${operation} failed in the fake` },
        } as unknown as Office.AsyncResult<T>);
        return;
      }
      callback?.({ status: STATUS.Succeeded, value: value() } as unknown as Office.AsyncResult<T>);
    }, 0);
  }

  function lastCallback<T>(args: unknown[]): Callback<T> | undefined {
    const last = args[args.length - 1];
    return typeof last === 'function' ? (last as Callback<T>) : undefined;
  }

  const composeItem = {
    itemType: 'message',
    body: {
      getTypeAsync: (...args: unknown[]) =>
        respond('body.getTypeAsync', lastCallback(args), () => options.bodyType ?? 'html'),
      appendOnSendAsync: (data: string | null, ...args: unknown[]) =>
        respond('body.appendOnSendAsync', lastCallback(args), () => {
          draft.appendCalls.push(data);
          draft.appended = data;
        }),
    },
    subject: {
      getAsync: (...args: unknown[]) =>
        respond('subject.getAsync', lastCallback(args), () => 'Quarterly report'),
    },
    to: {
      getAsync: (...args: unknown[]) =>
        respond('subject.getAsync', lastCallback(args), () => [{ emailAddress: 'a@example.com' }]),
    },
    cc: {
      getAsync: (...args: unknown[]) =>
        respond('subject.getAsync', lastCallback(args), () => [{ emailAddress: 'b@example.com' }]),
    },
    bcc: { getAsync: (...args: unknown[]) => respond('subject.getAsync', lastCallback(args), () => []) },
    internetHeaders: {
      setAsync: (headers: Record<string, string>, ...args: unknown[]) =>
        respond(
          'internetHeaders.setAsync',
          lastCallback(args),
          () => void Object.assign(draft.headers, headers),
        ),
      removeAsync: (names: string[], ...args: unknown[]) =>
        respond('internetHeaders.removeAsync', lastCallback(args), () =>
          names.forEach((name) => delete draft.headers[name]),
        ),
    },
    loadCustomPropertiesAsync: (...args: unknown[]) =>
      respond('loadCustomPropertiesAsync', lastCallback(args), () => {
        const local = { ...draft.savedProperties };
        return {
          get: (name: string) => local[name],
          set: (name: string, value: string) => void (local[name] = value),
          remove: (name: string) => void delete local[name],
          getAll: () => ({ ...local }),
          saveAsync: (...saveArgs: unknown[]) =>
            respond('customProperties.saveAsync', lastCallback(saveArgs), () => {
              draft.savedProperties = { ...local };
            }),
        };
      }),
    notificationMessages: {
      replaceAsync: (key: string, details: FakeNotification, ...args: unknown[]) =>
        respond('notificationMessages.replaceAsync', lastCallback(args), () => {
          draft.notifications.set(key, details);
          draft.notificationHistory.push({ type: details.type, message: details.message });
        }),
      removeAsync: (key: string, ...args: unknown[]) =>
        respond(
          'notificationMessages.replaceAsync',
          lastCallback(args),
          () => void draft.notifications.delete(key),
        ),
    },
    saveAsync: (...args: unknown[]) => respond('saveAsync', lastCallback(args), () => draft.savedItemId),
  };
  const readItem = {
    itemType: 'message',
    body: { getAsync: () => undefined },
    internetMessageId: '<read@example.com>',
  };

  const mailbox = {
    item: undefined as unknown,
    userProfile: { emailAddress: options.emailAddress ?? 'sender@contoso.example' },
    convertToRestId: (id: string) => `rest-${id}`,
    addHandlerAsync: (_type: string, handler: () => void, ...args: unknown[]) => {
      itemChangedHandlers.push(handler);
      respond('notificationMessages.replaceAsync', lastCallback(args), () => undefined);
    },
  };
  const setItemKind = (kind: 'compose' | 'read' | 'none'): void => {
    mailbox.item = kind === 'compose' ? composeItem : kind === 'read' ? readItem : null;
  };
  setItemKind(options.itemKind ?? 'compose');

  const office = {
    AsyncResultStatus: STATUS,
    CoercionType: { Html: 'html', Text: 'text' },
    EventType: {
      ItemChanged: 'olkItemSelectedChanged',
      DialogMessageReceived: 'dialogMessageReceived',
      DialogEventReceived: 'dialogEventReceived',
    },
    MailboxEnums: {
      ItemType: { Message: 'message', Appointment: 'appointment' },
      ItemNotificationMessageType: {
        InformationalMessage: 'informationalMessage',
        ErrorMessage: 'errorMessage',
        ProgressIndicator: 'progressIndicator',
      },
      RestVersion: { v2_0: 'v2.0' },
    },
    context: {
      mailbox,
      requirements: {
        isSetSupported: (name: string, version: string) => supportedSets.has(`${name} ${version}`),
      },
      ui: { displayDialogAsync: () => undefined, messageParent: () => undefined },
    },
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
    actions: { associate: () => undefined },
  };
  (globalThis as Record<string, unknown>).Office = office;
  return { draft, supportedSets, itemChangedHandlers, setItemKind };
}

/** Returns the current fake item as the add-in sees it. */
export function currentDraft(): Office.MessageCompose {
  return Office.context.mailbox.item as unknown as Office.MessageCompose;
}
