import { createReadmarkApi } from '../../../src/addin/api/client';
import { SignInError } from '../../../src/addin/auth/errors';
import { createSignIn, type SignInDependencies } from '../../../src/addin/auth/signIn';
import { createTrackThisEmail, NOTIFICATION_KEY } from '../../../src/addin/commands/trackThisEmail';
import { testConfig } from '../testConfig';
import { strings } from '../../../src/addin/strings';
import { fakeApi, jsonResponse } from '../fakeApi';
import { ALL_SETS, installFakeOffice, type FakeOffice } from '../fakeOffice';

const text = strings.compose.notifications;
const OPEN_POLICY = { trackingEnabled: true, internalDomains: [], neverTrackDomains: [], notice: null };
const JSON_CREATED = {
  id: 'tid1',
  pixelUrl: 'https://readmark.example/o/tid1.gif',
  createdAt: '2026-12-04T10:00:00.000Z',
};

const config = testConfig;

function event() {
  return { completed: jest.fn() };
}

function lastNotification(office: FakeOffice) {
  return office.draft.notifications.get(NOTIFICATION_KEY);
}

describe('trackThisEmail on an HTML draft', () => {
  test('queues the pixel, sets headers and the mark', async () => {
    const office = installFakeOffice();
    const { dependencies, created } = fakeApi();
    const done = event();

    await createTrackThisEmail(dependencies)(done);

    expect(created).toHaveLength(1);
    expect(created[0]).toEqual({
      clientRequestId: 'request-1',
      subject: 'Quarterly report',
      recipientCount: 2,
    });
    expect(office.draft.appended).toBe(
      '<img src="https://readmark.example/o/tid0000000000000000001.gif" width="1" height="1" alt="" border="0">',
    );
    expect(office.draft.headers).toEqual({
      'Disposition-Notification-To': 'sender@contoso.example',
      'X-Readmark-Id': 'tid0000000000000000001',
    });
    expect(office.draft.savedProperties).toEqual({ trackingId: 'tid0000000000000000001' });
    expect(lastNotification(office)).toEqual(
      expect.objectContaining({ type: 'informationalMessage', message: text.on }),
    );
    expect(office.draft.notificationHistory[0]).toEqual({ type: 'progressIndicator', message: text.adding });
    expect(done.completed).toHaveBeenCalledTimes(1);
  });
});

describe('trackThisEmail refusals', () => {
  test('plain-text draft is left unchanged', async () => {
    const office = installFakeOffice({ bodyType: 'text' });
    const { dependencies, created } = fakeApi();
    const done = event();

    await createTrackThisEmail(dependencies)(done);

    expect(created).toHaveLength(0);
    expect(office.draft.appendCalls).toHaveLength(0);
    expect(office.draft.headers).toEqual({});
    expect(lastNotification(office)).toEqual({ type: 'errorMessage', message: text.plainText });
    expect(done.completed).toHaveBeenCalledTimes(1);
  });

  test('Mailbox 1.9 missing says the version cannot track', async () => {
    const office = installFakeOffice({ supportedSets: ['Mailbox 1.3', 'Mailbox 1.8'] });
    const { dependencies, created } = fakeApi();
    const done = event();

    await createTrackThisEmail(dependencies)(done);

    expect(created).toHaveLength(0);
    expect(office.draft.appendCalls).toHaveLength(0);
    expect(lastNotification(office)).toEqual({ type: 'errorMessage', message: text.unsupportedVersion });
    expect(done.completed).toHaveBeenCalledTimes(1);
  });

  test('Mailbox 1.8 missing tracks without headers', async () => {
    const office = installFakeOffice({ supportedSets: ALL_SETS.filter((set) => set !== 'Mailbox 1.8') });
    const { dependencies } = fakeApi();
    const done = event();

    await createTrackThisEmail(dependencies)(done);

    expect(office.draft.appended).toContain('/o/tid0000000000000000001.gif');
    expect(office.draft.headers).toEqual({});
    expect(lastNotification(office)?.message).toBe(text.onHeadersUnsupported);
    expect(done.completed).toHaveBeenCalledTimes(1);
  });

  test('draft already marked is not tracked twice', async () => {
    const office = installFakeOffice({ savedProperties: { trackingId: 'tid-from-earlier' } });
    const { dependencies, created } = fakeApi();
    const done = event();

    await createTrackThisEmail(dependencies)(done);

    expect(created).toHaveLength(0);
    expect(office.draft.appendCalls).toHaveLength(0);
    expect(lastNotification(office)?.message).toBe(text.alreadyOn);
    expect(done.completed).toHaveBeenCalledTimes(1);
  });

  test('second click after success is already on', async () => {
    const office = installFakeOffice();
    const { dependencies, created } = fakeApi();
    const command = createTrackThisEmail(dependencies);
    const first = event();
    const second = event();

    await command(first);
    // The mark was not saved here, so only the session remembers the draft.
    office.draft.savedProperties = {};
    await command(second);

    expect(created).toHaveLength(1);
    expect(office.draft.appendCalls).toHaveLength(1);
    expect(lastNotification(office)?.message).toBe(text.alreadyOn);
    expect(second.completed).toHaveBeenCalledTimes(1);
  });

  test('double click registers and appends once', async () => {
    const office = installFakeOffice();
    const { dependencies, created } = fakeApi();
    const command = createTrackThisEmail(dependencies);
    const first = event();
    const second = event();

    await Promise.all([command(first), command(second)]);

    expect(created).toHaveLength(1);
    expect(office.draft.appendCalls).toHaveLength(1);
    const messages = office.draft.notificationHistory.map((entry) => entry.message);
    expect(messages).toContain(text.inProgress);
    expect(messages).toContain(text.on);
    expect(first.completed).toHaveBeenCalledTimes(1);
    expect(second.completed).toHaveBeenCalledTimes(1);
  });

  test('read item gets no change and completes', async () => {
    const office = installFakeOffice({ itemKind: 'read' });
    const { dependencies, created } = fakeApi();
    const done = event();

    await createTrackThisEmail(dependencies)(done);

    expect(created).toHaveLength(0);
    expect(office.draft.notificationHistory).toHaveLength(0);
    expect(done.completed).toHaveBeenCalledTimes(1);
  });
});

describe('trackThisEmail failures leave the draft unchanged', () => {
  test('server down', async () => {
    const office = installFakeOffice();
    const api = createReadmarkApi({
      serverOrigin: 'https://readmark.example',
      getAccessToken: () => Promise.resolve('token'),
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const done = event();

    await createTrackThisEmail({ api, newClientRequestId: () => 'request-1' })(done);

    expect(office.draft.appendCalls).toHaveLength(0);
    expect(office.draft.headers).toEqual({});
    expect(office.draft.savedProperties).toEqual({});
    expect(lastNotification(office)).toEqual({
      type: 'errorMessage',
      message: text.notAdded(strings.common.failures['api-unreachable'] ?? ''),
    });
    expect(done.completed).toHaveBeenCalledTimes(1);
  });

  test('retry after server down reuses the client request id', async () => {
    installFakeOffice();
    const requests: string[] = [];
    let serverUp = false;
    const api = createReadmarkApi({
      serverOrigin: 'https://readmark.example',
      getAccessToken: () => Promise.resolve('token'),
      fetch: (url, init) => {
        if (!serverUp) return Promise.reject(new TypeError('fetch failed'));
        if ((url as string).endsWith('/api/v1/policy')) return jsonResponse(OPEN_POLICY);
        requests.push(init?.body as string);
        return jsonResponse(JSON_CREATED, 201);
      },
    });
    let ids = 0;
    const command = createTrackThisEmail({ api, newClientRequestId: () => `request-${(ids += 1)}` });

    await command(event());
    serverUp = true;
    await command(event());

    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0] ?? '{}')).toEqual(
      expect.objectContaining({ clientRequestId: 'request-1' }),
    );
  });

  test('append failure deletes the registration', async () => {
    const office = installFakeOffice();
    office.draft.failing.add('body.appendOnSendAsync');
    const { dependencies, created, deleted } = fakeApi();
    const done = event();

    await createTrackThisEmail(dependencies)(done);

    expect(created).toHaveLength(1);
    expect(deleted).toEqual(['tid0000000000000000001']);
    expect(office.draft.headers).toEqual({});
    expect(office.draft.savedProperties).toEqual({});
    expect(lastNotification(office)?.message).toBe(
      text.notAdded(strings.common.failures['office-call-failed'] ?? ''),
    );
    expect(done.completed).toHaveBeenCalledTimes(1);
  });

  test('header failure keeps the pixel', async () => {
    const office = installFakeOffice();
    office.draft.failing.add('internetHeaders.setAsync');
    const { dependencies, deleted } = fakeApi();
    const done = event();

    await createTrackThisEmail(dependencies)(done);

    expect(office.draft.appended).toContain('/o/tid0000000000000000001.gif');
    expect(deleted).toHaveLength(0);
    expect(office.draft.savedProperties).toEqual({ trackingId: 'tid0000000000000000001' });
    expect(lastNotification(office)?.message).toBe(text.onWithoutHeaders);
    expect(done.completed).toHaveBeenCalledTimes(1);
  });

  test('mark save failure keeps the pixel and warns', async () => {
    const office = installFakeOffice();
    office.draft.failing.add('customProperties.saveAsync');
    const { dependencies } = fakeApi();
    const done = event();

    await createTrackThisEmail(dependencies)(done);

    expect(office.draft.appended).toContain('/o/tid0000000000000000001.gif');
    expect(lastNotification(office)?.message).toBe(text.onMarkerNotSaved);
    expect(done.completed).toHaveBeenCalledTimes(1);
  });

  test('notification failure still completes', async () => {
    const office = installFakeOffice();
    office.draft.failing.add('notificationMessages.replaceAsync');
    const { dependencies } = fakeApi();
    const done = event();

    await createTrackThisEmail(dependencies)(done);

    expect(office.draft.appended).toContain('.gif');
    expect(done.completed).toHaveBeenCalledTimes(1);
  });
});

describe('trackThisEmail sign-in failures by MSAL error code', () => {
  function msalError(errorCode: string): Error {
    return Object.assign(new Error(`msal ${errorCode}`), { errorCode });
  }

  function signInWith(
    silentCode: string,
    popupCode: string | null,
    dialog?: SignInDependencies['runDialog'],
  ) {
    const pca = {
      getActiveAccount: () => null,
      getAllAccounts: () => [],
      setActiveAccount: () => undefined,
      acquireTokenSilent: () => Promise.reject(msalError(silentCode)),
      acquireTokenPopup: () =>
        popupCode === null
          ? Promise.resolve({ accessToken: 'popup-token', account: null })
          : Promise.reject(msalError(popupCode)),
    };
    return createSignIn(config, {
      createClient: () => Promise.resolve(pca as never),
      isNestedAppAuthSupported: () => true,
      runDialog: dialog ?? (() => Promise.resolve({ kind: 'closed', officeErrorCode: 12006 })),
    });
  }

  const cases: { name: string; silent: string; popup: string | null; failure: string }[] = [
    {
      name: 'network error in silent',
      silent: 'no_network_connectivity',
      popup: null,
      failure: 'sign-in-failed',
    },
    {
      name: 'popup cancelled',
      silent: 'interaction_required',
      popup: 'user_cancelled',
      failure: 'sign-in-cancelled',
    },
    {
      name: 'blocked popup, dialog closed',
      silent: 'consent_required',
      popup: 'popup_window_error',
      failure: 'sign-in-cancelled',
    },
    {
      name: 'interaction in progress',
      silent: 'login_required',
      popup: 'interaction_in_progress',
      failure: 'sign-in-busy',
    },
  ];

  test.each(cases)('$name', async ({ silent, popup, failure }) => {
    const office = installFakeOffice();
    const fetch = jest.fn(() => Promise.reject(new Error('must not be called')));
    const signIn = signInWith(silent, popup);
    const api = createReadmarkApi({
      serverOrigin: config.serverOrigin,
      getAccessToken: () => signIn.getAccessToken('readmark-api'),
      fetch,
    });
    const done = event();

    await createTrackThisEmail({ api, newClientRequestId: () => 'request-1' })(done);

    expect(fetch).not.toHaveBeenCalled();
    expect(office.draft.appendCalls).toHaveLength(0);
    expect(office.draft.savedProperties).toEqual({});
    expect(lastNotification(office)?.message).toBe(text.notAdded(strings.common.failures[failure] ?? ''));
    expect(done.completed).toHaveBeenCalledTimes(1);
  });

  test('blocked popup falls back to the dialog token', async () => {
    const office = installFakeOffice();
    const authorizations: string[] = [];
    const signIn = signInWith('interaction_required', 'popup_window_error', () =>
      Promise.resolve({
        kind: 'message',
        message: JSON.stringify({ status: 'ok', accessToken: 'dialog-token' }),
      }),
    );
    const api = createReadmarkApi({
      serverOrigin: config.serverOrigin,
      getAccessToken: () => signIn.getAccessToken('readmark-api'),
      fetch: (url, init) => {
        authorizations.push(new Headers(init?.headers).get('authorization') ?? '');
        if ((url as string).endsWith('/api/v1/policy')) return jsonResponse(OPEN_POLICY);
        return jsonResponse(JSON_CREATED, 201);
      },
    });

    await createTrackThisEmail({ api, newClientRequestId: () => 'request-1' })(event());

    expect(authorizations).toEqual(['Bearer dialog-token', 'Bearer dialog-token']);
    expect(office.draft.appended).toContain('/o/tid1.gif');
  });

  test('unexpected sign-in error still completes', async () => {
    const office = installFakeOffice();
    const api = createReadmarkApi({
      serverOrigin: config.serverOrigin,
      getAccessToken: () => Promise.reject(new SignInError('sign-in-not-configured', 'not configured')),
    });
    const done = event();

    await createTrackThisEmail({ api, newClientRequestId: () => 'request-1' })(done);

    expect(lastNotification(office)?.message).toBe(
      text.notAdded(strings.common.failures['sign-in-not-configured'] ?? ''),
    );
    expect(done.completed).toHaveBeenCalledTimes(1);
  });
});
