/**
 * The simulated Office.js, loaded by the add-in's pages in place of Microsoft's office.js. It is a
 * classic script (no imports at run time) that defines `window.Office` synchronously, forwards
 * every mailbox call to the simulated Outlook page that frames it, and answers with Office's
 * `AsyncResult` shapes. It also provides the nested app authentication bridge that MSAL's
 * `createNestablePublicClientApplication` looks for, backed by the simulator's token endpoint.
 */
import type { FrameToHost, HostContext, HostToFrame, ItemSnapshot, OfficeErrorShape } from './protocol';

// Must equal CHANNEL in protocol.ts; this script cannot import values.
const CHANNEL = 'readmark-office-simulator';

type Callback = (result: AsyncResultShape) => void;

interface AsyncResultShape {
  status: 'succeeded' | 'failed';
  value: unknown;
  error?: OfficeErrorShape;
  asyncContext: unknown;
  diagnostics?: unknown;
}

const pending = new Map<
  number,
  { resolve: (value: unknown) => void; reject: (error: OfficeErrorShape) => void }
>();
const itemChangedHandlers: ((eventArgs: { type: string }) => void)[] = [];
const actions = new Map<string, (event: unknown) => void>();
let nextId = 1;
let context: HostContext | null = null;
const readyWaiters: (() => void)[] = [];

function post(message: FrameToHost): void {
  window.parent.postMessage(message, '*');
}

function call(method: string, args: unknown[]): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    post({ channel: CHANNEL, kind: 'call', id, method, args });
  });
}

/** Splits Office's optional `(options, callback)` tail: the callback is the last function. */
function splitTail(rest: unknown[]): { options: Record<string, unknown>; callback: Callback | undefined } {
  const callback = rest.find((argument): argument is Callback => typeof argument === 'function');
  const options = rest.find(
    (argument): argument is Record<string, unknown> => typeof argument === 'object' && argument !== null,
  );
  return { options: options ?? {}, callback };
}

/** Runs `method` on the host and reports to `callback` as an AsyncResult. */
function asyncCall(
  method: string,
  args: unknown[],
  rest: unknown[],
  map?: (value: unknown) => unknown,
): void {
  const { options, callback } = splitTail(rest);
  call(method, args).then(
    (value) =>
      callback?.({
        status: 'succeeded',
        value: map ? map(value) : value,
        asyncContext: options.asyncContext,
      }),
    (error: OfficeErrorShape) =>
      callback?.({ status: 'failed', value: undefined, error, asyncContext: options.asyncContext }),
  );
}

function supports(name: string, minVersion?: string): boolean {
  const available = context?.requirementSets[name];
  if (available === undefined) return false;
  if (minVersion === undefined) return true;
  const have = available.split('.').map(Number);
  const want = minVersion.split('.').map(Number);
  for (let index = 0; index < Math.max(have.length, want.length); index += 1) {
    const difference = (have[index] ?? 0) - (want[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

function createCustomProperties(values: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...values };
  return {
    get: (name: string) => data[name],
    set: (name: string, value: unknown) => {
      data[name] = value;
    },
    remove: (name: string) => {
      delete data[name];
    },
    getAll: () => ({ ...data }),
    saveAsync: (...rest: unknown[]) => asyncCall('customProperties.save', [{ ...data }], rest),
  };
}

function loadCustomPropertiesAsync(callback: Callback, userContext?: unknown): void {
  call('customProperties.load', []).then(
    (value) =>
      callback({
        status: 'succeeded',
        value: createCustomProperties((value ?? {}) as Record<string, unknown>),
        asyncContext: userContext,
      }),
    (error: OfficeErrorShape) =>
      callback({ status: 'failed', value: undefined, error, asyncContext: userContext }),
  );
}

function recipientsField(field: string): Record<string, unknown> {
  return { getAsync: (...rest: unknown[]) => asyncCall('recipients.get', [field], rest) };
}

function createComposeItem(): Record<string, unknown> {
  const body: Record<string, unknown> = {
    getTypeAsync: (...rest: unknown[]) => asyncCall('body.getType', [], rest),
    getAsync: (coercionType: string, ...rest: unknown[]) => asyncCall('body.get', [coercionType], rest),
  };
  if (supports('Mailbox', '1.9')) {
    body.appendOnSendAsync = (data: string | null, ...rest: unknown[]) =>
      asyncCall('body.appendOnSend', [data, splitTail(rest).options.coercionType ?? null], rest);
  }
  const item: Record<string, unknown> = {
    itemType: 'message',
    body,
    subject: { getAsync: (...rest: unknown[]) => asyncCall('subject.get', [], rest) },
    to: recipientsField('to'),
    cc: recipientsField('cc'),
    loadCustomPropertiesAsync,
    saveAsync: (...rest: unknown[]) => asyncCall('item.save', [], rest),
    notificationMessages: {
      addAsync: (key: string, details: unknown, ...rest: unknown[]) =>
        asyncCall('notifications.add', [key, details], rest),
      replaceAsync: (key: string, details: unknown, ...rest: unknown[]) =>
        asyncCall('notifications.replace', [key, details], rest),
      removeAsync: (key: string, ...rest: unknown[]) => asyncCall('notifications.remove', [key], rest),
      getAllAsync: (...rest: unknown[]) => asyncCall('notifications.getAll', [], rest),
    },
  };
  if (supports('Mailbox', '1.7')) {
    item.from = { getAsync: (...rest: unknown[]) => asyncCall('from.get', [], rest) };
  }
  if (supports('Mailbox', '1.8')) {
    item.getItemIdAsync = (...rest: unknown[]) => asyncCall('item.getId', [], rest);
    item.internetHeaders = {
      setAsync: (headers: Record<string, string>, ...rest: unknown[]) =>
        asyncCall('internetHeaders.set', [headers], rest),
      getAsync: (names: string[], ...rest: unknown[]) => asyncCall('internetHeaders.get', [names], rest),
      removeAsync: (names: string[], ...rest: unknown[]) =>
        asyncCall('internetHeaders.remove', [names], rest),
    };
  }
  return item;
}

function createReadItem(snapshot: Extract<ItemSnapshot, { mode: 'read' }>): Record<string, unknown> {
  return {
    itemType: snapshot.itemType,
    itemId: snapshot.itemId,
    internetMessageId: snapshot.internetMessageId,
    subject: snapshot.subject,
    from: snapshot.from,
    to: snapshot.to,
    dateTimeCreated: new Date(snapshot.dateTimeCreated),
    loadCustomPropertiesAsync,
  };
}

const mailbox: Record<string, unknown> = {
  item: null,
  userProfile: { displayName: '', emailAddress: '', timeZone: 'UTC' },
  diagnostics: { hostName: 'OutlookWebApp', hostVersion: '16.0', OWAView: 'ThreeColumns' },
  restUrl: '',
  convertToRestId: (itemId: string) => itemId.replace(/\+/g, '-').replace(/\//g, '_'),
  convertToEwsId: (itemId: string) => itemId.replace(/-/g, '+').replace(/_/g, '/'),
  addHandlerAsync: (
    eventType: string,
    handler: (eventArgs: { type: string }) => void,
    ...rest: unknown[]
  ) => {
    const { options, callback } = splitTail(rest);
    if (eventType !== 'olkItemSelectedChanged') {
      callback?.({
        status: 'failed',
        value: undefined,
        error: {
          code: 9031,
          name: 'InvalidParameterValueError',
          message: `The event type "${eventType}" is not simulated.`,
        },
        asyncContext: options.asyncContext,
      });
      return;
    }
    itemChangedHandlers.push(handler);
    callback?.({ status: 'succeeded', value: undefined, asyncContext: options.asyncContext });
  },
  removeHandlerAsync: (eventType: string, ...rest: unknown[]) => {
    const { options, callback } = splitTail(rest);
    if (eventType === 'olkItemSelectedChanged') itemChangedHandlers.length = 0;
    callback?.({ status: 'succeeded', value: undefined, asyncContext: options.asyncContext });
  },
};

function applyItem(snapshot: ItemSnapshot | null): void {
  if (snapshot === null) mailbox.item = null;
  else mailbox.item = snapshot.mode === 'compose' ? createComposeItem() : createReadItem(snapshot);
}

const officeContext: Record<string, unknown> = {
  mailbox,
  requirements: { isSetSupported: (name: string, minVersion?: string) => supports(name, minVersion) },
  displayLanguage: 'en-US',
  contentLanguage: 'en-US',
  officeTheme: undefined,
  platform: 'OfficeOnline',
  host: 'Outlook',
  diagnostics: { host: 'Outlook', platform: 'OfficeOnline', version: '16.0' },
};

const office: Record<string, unknown> = {
  context: officeContext,
  initialize: undefined,
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  CoercionType: { Html: 'html', Text: 'text' },
  EventType: { ItemChanged: 'olkItemSelectedChanged' },
  HostType: { Outlook: 'Outlook' },
  PlatformType: { OfficeOnline: 'OfficeOnline' },
  SourceProperty: { Body: 'body', Subject: 'subject' },
  MailboxEnums: {
    RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' },
    ItemType: { Message: 'message', Appointment: 'appointment' },
    ItemNotificationMessageType: {
      ProgressIndicator: 'progressIndicator',
      InformationalMessage: 'informationalMessage',
      ErrorMessage: 'errorMessage',
      InsightMessage: 'insightMessage',
    },
    RecipientType: {
      User: 'user',
      ExternalUser: 'externalUser',
      DistributionList: 'distributionList',
      Other: 'other',
    },
  },
  actions: {
    associate: (name: string, handler: (event: unknown) => void) => {
      actions.set(name, handler);
    },
  },
  onReady: (callback?: (info: { host: string; platform: string }) => void) =>
    new Promise((resolve) => {
      const run = (): void => {
        const info = { host: 'Outlook', platform: 'OfficeOnline' };
        callback?.(info);
        resolve(info);
      };
      if (context) run();
      else readyWaiters.push(run);
    }),
};

function handleHostMessage(message: HostToFrame): void {
  if (message.kind === 'context') {
    context = message.context;
    officeContext.displayLanguage = context.displayLanguage;
    officeContext.contentLanguage = context.displayLanguage;
    officeContext.officeTheme = context.officeTheme;
    mailbox.userProfile = context.userProfile;
    applyItem(context.item);
    const initialize = office.initialize;
    if (typeof initialize === 'function') (initialize as (reason: string) => void)('inserted');
    readyWaiters.splice(0).forEach((run) => run());
    return;
  }
  if (message.kind === 'result') {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.value);
    else waiter?.reject(message.error);
    return;
  }
  if (message.kind === 'itemChanged') {
    applyItem(message.item);
    itemChangedHandlers.forEach((handler) => handler({ type: 'olkItemSelectedChanged' }));
    return;
  }
  if (message.kind === 'invokeAction') invokeAction(message.name);
}

// Outlook loads the function file, waits for Office to initialise, then calls the named function.
function invokeAction(name: string): void {
  const run = (): void => {
    const handler = actions.get(name) ?? (window as unknown as Record<string, unknown>)[name];
    const event = {
      source: { id: name },
      completed: (options?: { allowEvent?: boolean }) =>
        post({ channel: CHANNEL, kind: 'actionCompleted', allowEvent: options?.allowEvent ?? true }),
    };
    if (typeof handler === 'function') (handler as (event: unknown) => void)(event);
    else event.completed();
  };
  if (document.readyState === 'complete') void (office.onReady as () => Promise<unknown>)().then(run);
  else window.addEventListener('load', () => void (office.onReady as () => Promise<unknown>)().then(run));
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.source !== window.parent) return;
  const data = event.data;
  if (typeof data === 'object' && data !== null && (data as { channel?: unknown }).channel === CHANNEL) {
    handleHostMessage(data as HostToFrame);
  }
});

installNestedAppAuthBridge();
(window as unknown as { Office: unknown }).Office = office;
post({ channel: CHANNEL, kind: 'hello' });

/**
 * Installs `window.nestedAppAuthBridge`, the object Outlook provides to add-in frames for nested
 * app authentication. Requests are JSON strings with `method` and `requestId`; answers are JSON
 * strings delivered to the `message` listeners, in the shapes of MSAL's NAA bridge protocol.
 */
function installNestedAppAuthBridge(): void {
  const listeners: ((data: string) => void)[] = [];
  const tokenWaiters = new Map<number, (outcome: TokenReply) => void>();
  const answer = (payload: Record<string, unknown>): void => {
    const text = JSON.stringify({ messageType: 'NestedAppAuthResponse', ...payload });
    listeners.forEach((listener) => listener(text));
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { channel?: unknown; kind?: unknown; id?: unknown; outcome?: unknown };
    if (event.source !== window.parent || data?.channel !== CHANNEL || data.kind !== 'tokenResult') return;
    tokenWaiters.get(data.id as number)?.(data.outcome as TokenReply);
    tokenWaiters.delete(data.id as number);
  });

  const bridge = {
    addEventListener: (_type: string, listener: (data: string) => void) => listeners.push(listener),
    removeEventListener: (_type: string, listener: (data: string) => void) => {
      const index = listeners.indexOf(listener);
      if (index >= 0) listeners.splice(index, 1);
    },
    postMessage: (text: string) => {
      const request = JSON.parse(text) as {
        method: string;
        requestId: string;
        tokenParams?: { scope?: string; clientId?: string };
      };
      void (office.onReady as () => Promise<unknown>)().then(() => handleBridgeRequest(request));
    },
  };

  function handleBridgeRequest(request: {
    method: string;
    requestId: string;
    tokenParams?: { scope?: string; clientId?: string };
  }): void {
    const profile = context?.userProfile;
    const account = {
      environment: window.location.host,
      tenantId: context?.tenantId ?? '',
      username: profile?.emailAddress ?? '',
      name: profile?.displayName ?? '',
    };
    if (!supports('NestedAppAuth', '1.1')) {
      answer({
        requestId: request.requestId,
        success: false,
        error: {
          status: 'NESTED_APP_AUTH_UNAVAILABLE',
          code: 'unsupported',
          description: 'This simulated Outlook client has no nested app authentication.',
        },
      });
      return;
    }
    if (request.method === 'GetInitContext') {
      answer({
        requestId: request.requestId,
        success: true,
        initContext: {
          sdkName: 'readmark-outlook-simulator',
          sdkVersion: '1.0.0',
          capabilities: { queryAccount: false },
        },
      });
      return;
    }
    if (request.method !== 'GetToken' && request.method !== 'GetTokenPopup') {
      answer({
        requestId: request.requestId,
        success: false,
        error: {
          status: 'NESTED_APP_AUTH_UNAVAILABLE',
          code: 'unsupported_method',
          description: `The simulated bridge does not handle ${request.method}.`,
        },
      });
      return;
    }
    const id = nextId++;
    tokenWaiters.set(id, (outcome) => {
      if (!outcome.ok) {
        answer({
          requestId: request.requestId,
          success: false,
          error: { status: 'PERSISTENT_ERROR', code: outcome.error, description: outcome.description },
        });
        return;
      }
      answer({
        requestId: request.requestId,
        success: true,
        token: {
          access_token: outcome.accessToken,
          id_token: outcome.idToken,
          expires_in: outcome.expiresIn,
          scope: outcome.scope,
          properties: null,
        },
        account,
      });
    });
    post({
      channel: CHANNEL,
      kind: 'token',
      id,
      scope: request.tokenParams?.scope ?? '',
      clientId: request.tokenParams?.clientId ?? '',
    });
  }

  (window as unknown as { nestedAppAuthBridge: unknown }).nestedAppAuthBridge = bridge;
}

type TokenReply =
  | { ok: true; accessToken: string; idToken: string; expiresIn: number; scope: string }
  | { ok: false; error: string; description: string };
