import type { Configuration } from '@azure/msal-browser';
import type { SignInError } from '../../../src/addin/auth/errors';
import { nextAfterPopup, nextAfterSilent } from '../../../src/addin/auth/fallback';
import { UNCONFIGURED_CLIENT_ID, msalConfiguration } from '../../../src/addin/auth/msalConfig';
import { createSignIn, type SignInDependencies } from '../../../src/addin/auth/signIn';
import { testConfig } from '../testConfig';

const config = testConfig;

function msalError(errorCode: string): Error {
  return Object.assign(new Error(`msal ${errorCode}`), { errorCode });
}

interface FakeClientOptions {
  silent?: () => Promise<{ accessToken: string }>;
  popup?: () => Promise<{ accessToken: string; account: { homeAccountId: string } | null }>;
  accounts?: { homeAccountId: string }[];
}

function fakeClient(options: FakeClientOptions = {}) {
  const calls = { silent: [] as unknown[], popup: [] as unknown[], activeAccount: null as unknown };
  const client = {
    getActiveAccount: () => calls.activeAccount,
    getAllAccounts: () => options.accounts ?? [],
    setActiveAccount: (account: unknown) => {
      calls.activeAccount = account;
    },
    acquireTokenSilent: (request: unknown) => {
      calls.silent.push(request);
      return options.silent ? options.silent() : Promise.resolve({ accessToken: 'silent-token' });
    },
    acquireTokenPopup: (request: unknown) => {
      calls.popup.push(request);
      return options.popup ? options.popup() : Promise.resolve({ accessToken: 'popup-token', account: null });
    },
  };
  return { client, calls };
}

function dependencies(client: unknown, overrides: Partial<SignInDependencies> = {}) {
  const created: { configuration: Configuration; nestedAppAuth: boolean }[] = [];
  const deps: SignInDependencies = {
    createClient: (configuration, nestedAppAuth) => {
      created.push({ configuration, nestedAppAuth });
      return Promise.resolve(client as never);
    },
    isNestedAppAuthSupported: () => true,
    runDialog: () => Promise.resolve({ kind: 'closed', officeErrorCode: 12006 }),
    ...overrides,
  };
  return { deps, created };
}

async function codeOf(promise: Promise<unknown>): Promise<[string, string | null]> {
  try {
    await promise;
  } catch (error) {
    const signInError = error as SignInError;
    return [signInError.code, signInError.msalErrorCode];
  }
  throw new Error('expected a rejection');
}

describe('createSignIn', () => {
  test('silent token for the API scope only', async () => {
    const { client, calls } = fakeClient();
    const { deps, created } = dependencies(client);

    await expect(createSignIn(config, deps).getAccessToken('readmark-api')).resolves.toBe('silent-token');
    expect(calls.silent).toEqual([{ scopes: ['api://readmark-api/access_as_user'] }]);
    expect(created).toHaveLength(1);
    expect(created[0]?.nestedAppAuth).toBe(true);
  });

  test('Graph purposes never mix with the API scope', async () => {
    const { client, calls } = fakeClient();
    const signIn = createSignIn(config, dependencies(client).deps);

    await signIn.getAccessToken('graph-mail-readwrite');
    await signIn.getAccessToken('graph-mail-read');

    expect(calls.silent).toEqual([{ scopes: ['Mail.ReadWrite'] }, { scopes: ['Mail.Read'] }]);
  });

  test('known account is passed to silent', async () => {
    const account = { homeAccountId: 'home-1' };
    const { client, calls } = fakeClient({ accounts: [account] });

    await createSignIn(config, dependencies(client).deps).getAccessToken('readmark-api');

    expect(calls.silent).toEqual([{ scopes: ['api://readmark-api/access_as_user'], account }]);
  });

  test('without nested app auth a standard client is made', async () => {
    const { client } = fakeClient();
    const { deps, created } = dependencies(client, { isNestedAppAuthSupported: () => false });

    await createSignIn(config, deps).getAccessToken('readmark-api');

    expect(created[0]?.nestedAppAuth).toBe(false);
  });

  test('interaction required goes to the popup', async () => {
    const account = { homeAccountId: 'home-2' };
    const { client, calls } = fakeClient({
      silent: () => Promise.reject(msalError('interaction_required')),
      popup: () => Promise.resolve({ accessToken: 'popup-token', account }),
    });

    await expect(
      createSignIn(config, dependencies(client).deps).getAccessToken('readmark-api'),
    ).resolves.toBe('popup-token');
    expect(calls.popup).toHaveLength(1);
    expect(calls.activeAccount).toBe(account);
  });

  test('silent-only request fails without opening a popup', async () => {
    const { client, calls } = fakeClient({
      silent: () => Promise.reject(msalError('interaction_required')),
    });

    await expect(
      createSignIn(config, dependencies(client).deps).getAccessToken('readmark-api', { silentOnly: true }),
    ).rejects.toMatchObject({
      code: 'sign-in-interaction-required',
      msalErrorCode: 'interaction_required',
    });
    expect(calls.popup).toHaveLength(0);
  });

  test('blocked popup goes to the Office dialog', async () => {
    const { client } = fakeClient({
      silent: () => Promise.reject(msalError('no_account_error')),
      popup: () => Promise.reject(msalError('popup_window_error')),
    });
    const urls: string[] = [];
    const { deps } = dependencies(client, {
      runDialog: (url) => {
        urls.push(url);
        return Promise.resolve({
          kind: 'message',
          message: JSON.stringify({ status: 'ok', accessToken: 'dialog-token' }),
        });
      },
    });

    await expect(createSignIn(config, deps).getAccessToken('graph-mail-readwrite')).resolves.toBe(
      'dialog-token',
    );
    expect(urls).toEqual(['https://readmark.example/addin/signin-dialog.html?purpose=graph-mail-readwrite']);
  });

  test.each([
    [
      'dialog reports an MSAL error',
      { kind: 'message', message: '{"status":"error","msalErrorCode":"access_denied"}' },
      'sign-in-failed',
      'access_denied',
    ],
    ['dialog sends garbage', { kind: 'message', message: 'not json' }, 'sign-in-failed', null],
    ['dialog closed by the user', { kind: 'closed', officeErrorCode: 12006 }, 'sign-in-cancelled', null],
    ['dialog closed by Office', { kind: 'closed', officeErrorCode: 12002 }, 'sign-in-failed', null],
  ] as const)('%s', async (_name, outcome, code, msalCode) => {
    const { client } = fakeClient({
      silent: () => Promise.reject(msalError('consent_required')),
      popup: () => Promise.reject(msalError('empty_window_error')),
    });
    const { deps } = dependencies(client, { runDialog: () => Promise.resolve(outcome) });

    expect(await codeOf(createSignIn(config, deps).getAccessToken('readmark-api'))).toEqual([code, msalCode]);
  });

  test('dialog that cannot open is blocked', async () => {
    const { client } = fakeClient({
      silent: () => Promise.reject(msalError('login_required')),
      popup: () => Promise.reject(msalError('block_nested_popups')),
    });
    const { deps } = dependencies(client, { runDialog: () => Promise.reject(new Error('12007')) });

    expect(await codeOf(createSignIn(config, deps).getAccessToken('readmark-api'))).toEqual([
      'sign-in-blocked',
      null,
    ]);
  });

  test('unconfigured build fails before MSAL', async () => {
    const { client } = fakeClient();
    const { deps, created } = dependencies(client);

    expect(
      await codeOf(
        createSignIn({ ...config, clientId: UNCONFIGURED_CLIENT_ID }, deps).getAccessToken('readmark-api'),
      ),
    ).toEqual(['sign-in-not-configured', null]);
    expect(
      await codeOf(createSignIn({ ...config, apiScope: '' }, deps).getAccessToken('readmark-api')),
    ).toEqual(['sign-in-not-configured', null]);
    expect(created).toHaveLength(0);
  });

  test('failed client creation is retried', async () => {
    const { client } = fakeClient();
    let attempts = 0;
    const { deps } = dependencies(client, {
      createClient: () => {
        attempts += 1;
        return attempts === 1
          ? Promise.reject(msalError('invalid_authority'))
          : Promise.resolve(client as never);
      },
    });
    const signIn = createSignIn(config, deps);

    expect(await codeOf(signIn.getAccessToken('readmark-api'))).toEqual([
      'sign-in-failed',
      'invalid_authority',
    ]);
    await expect(signIn.getAccessToken('readmark-api')).resolves.toBe('silent-token');
  });
});

describe('fallback by MSAL error code', () => {
  test.each([
    ['interaction_required', 'popup'],
    ['consent_required', 'popup'],
    ['login_required', 'popup'],
    ['no_tokens_found', 'popup'],
    ['no_account_error', 'popup'],
    ['no_network_connectivity', 'fail'],
    ['post_request_failed', 'fail'],
  ])('silent %s → %s', (code, next) => {
    expect(nextAfterSilent(code)).toBe(next);
  });

  test.each([
    ['popup_window_error', 'dialog'],
    ['empty_window_error', 'dialog'],
    ['block_nested_popups', 'dialog'],
    ['user_cancelled', 'cancelled'],
    ['interaction_in_progress', 'busy'],
    ['timed_out', 'fail'],
  ])('popup %s → %s', (code, next) => {
    expect(nextAfterPopup(code)).toBe(next);
  });

  test('error without a code fails', () => {
    expect(nextAfterSilent(null)).toBe('fail');
    expect(nextAfterPopup(null)).toBe('fail');
  });
});

describe('msalConfiguration', () => {
  test('Microsoft authority needs no known authorities', () => {
    const configuration = msalConfiguration(config);
    expect(configuration.auth).toEqual(
      expect.objectContaining({
        clientId: config.clientId,
        authority: config.authority,
        knownAuthorities: [],
        redirectUri: 'https://readmark.example/addin/signin-dialog.html',
      }),
    );
  });

  test('simulator authority is trusted by host', () => {
    const configuration = msalConfiguration({ ...config, authority: 'https://127.0.0.1:4443/tenant-1/v2.0' });
    expect(configuration.auth.knownAuthorities).toEqual(['127.0.0.1:4443']);
  });
});
