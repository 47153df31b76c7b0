import {
  createNestablePublicClientApplication,
  createStandardPublicClientApplication,
  type AuthenticationResult,
  type Configuration,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import type { AddinConfig } from '../config';
import { createLogger } from '../logger';
import { runDialog, type DialogOutcome } from '../office/dialog';
import { isSupported } from '../office/requirements';
import { dialogUrl, parseDialogResult } from './dialogProtocol';
import { SignInError } from './errors';
import { msalErrorCodeOf, nextAfterPopup, nextAfterSilent } from './fallback';
import { isSignInConfigured, msalConfiguration } from './msalConfig';
import { scopesFor, type TokenPurpose } from './scopes';

const log = createLogger('auth');

/** Office dialog API codes that mean the dialog could not be shown or was dismissed. */
const DIALOG_CLOSED_BY_USER = 12006;

export interface TokenOptions {
  /**
   * Never open a window: when only an interactive sign-in would help, fail with
   * `sign-in-interaction-required`. For background work such as a refresh timer.
   */
  silentOnly?: boolean;
}

export interface SignIn {
  /**
   * Returns an access token for `purpose`: silently when MSAL can, else through a popup, else
   * through an Office dialog when the popup was refused. Fails with a SignInError.
   */
  getAccessToken(purpose: TokenPurpose, options?: TokenOptions): Promise<string>;
}

export interface SignInDependencies {
  createClient(configuration: Configuration, nestedAppAuth: boolean): Promise<IPublicClientApplication>;
  isNestedAppAuthSupported(): boolean;
  runDialog(url: string): Promise<DialogOutcome>;
}

const defaultDependencies: SignInDependencies = {
  createClient: (configuration, nestedAppAuth) =>
    nestedAppAuth
      ? createNestablePublicClientApplication(configuration)
      : createStandardPublicClientApplication(configuration),
  isNestedAppAuthSupported: () => isSupported('nestedAppAuth'),
  runDialog: (url) => runDialog(url, { height: 60, width: 30, promptBeforeOpen: false }),
};

export function createSignIn(
  config: AddinConfig,
  dependencies: SignInDependencies = defaultDependencies,
): SignIn {
  let client: Promise<IPublicClientApplication> | null = null;

  const getClient = (): Promise<IPublicClientApplication> => {
    if (client === null) {
      const nestedAppAuth = dependencies.isNestedAppAuthSupported();
      log.debug('creating MSAL client', { nestedAppAuth });
      client = dependencies.createClient(msalConfiguration(config), nestedAppAuth);
      // A failed creation must not stick: the next call tries again.
      client.catch(() => {
        client = null;
      });
    }
    return client;
  };

  async function getAccessToken(purpose: TokenPurpose, options: TokenOptions = {}): Promise<string> {
    if (!isSignInConfigured(config)) {
      throw new SignInError(
        'sign-in-not-configured',
        'The add-in was built without a client id or API scope. Set READMARK_ADDIN_CLIENT_ID and READMARK_API_SCOPE and build again.',
      );
    }
    const scopes = scopesFor(purpose, config.apiScope);
    const pca = await getClient().catch((error: unknown) => {
      throw new SignInError('sign-in-failed', 'MSAL could not start.', {
        msalErrorCode: msalErrorCodeOf(error) ?? undefined,
        cause: error,
      });
    });

    const silentError = await trySilent(pca, scopes);
    if (typeof silentError === 'string') {
      return silentError;
    }
    const silentCode = msalErrorCodeOf(silentError.error);
    if (nextAfterSilent(silentCode) === 'fail') {
      throw failure('Silent sign-in failed', silentCode, silentError.error);
    }
    if (options.silentOnly === true) {
      throw new SignInError(
        'sign-in-interaction-required',
        `Signing in needs the user (MSAL error ${silentCode ?? 'unknown'}); this request may not open a window.`,
        { msalErrorCode: silentCode ?? undefined, cause: silentError.error },
      );
    }

    log.info('silent sign-in needs interaction, trying a popup', { purpose, msalErrorCode: silentCode });
    let popupResult: AuthenticationResult;
    try {
      popupResult = await pca.acquireTokenPopup({ scopes });
    } catch (error) {
      const popupCode = msalErrorCodeOf(error);
      switch (nextAfterPopup(popupCode)) {
        case 'dialog':
          log.info('popup blocked, trying the Office dialog', { purpose, msalErrorCode: popupCode });
          return signInThroughDialog(purpose);
        case 'cancelled':
          throw new SignInError(
            'sign-in-cancelled',
            'The sign-in window was closed before sign-in finished.',
            {
              msalErrorCode: popupCode ?? undefined,
              cause: error,
            },
          );
        case 'busy':
          throw new SignInError('sign-in-busy', 'Another sign-in is still open. Finish it, then try again.', {
            msalErrorCode: popupCode ?? undefined,
            cause: error,
          });
        case 'fail':
          throw failure('Popup sign-in failed', popupCode, error);
      }
    }
    if (popupResult.account) {
      pca.setActiveAccount(popupResult.account);
    }
    return popupResult.accessToken;
  }

  async function signInThroughDialog(purpose: TokenPurpose): Promise<string> {
    let outcome: DialogOutcome;
    try {
      outcome = await dependencies.runDialog(dialogUrl(config.serverOrigin, purpose));
    } catch (error) {
      throw new SignInError(
        'sign-in-blocked',
        'Outlook could not open the sign-in dialog (another dialog may be open, or dialogs are blocked).',
        { cause: error },
      );
    }
    if (outcome.kind === 'closed') {
      if (outcome.officeErrorCode === DIALOG_CLOSED_BY_USER) {
        throw new SignInError('sign-in-cancelled', 'The sign-in dialog was closed before sign-in finished.');
      }
      throw new SignInError(
        'sign-in-failed',
        `The sign-in dialog ended with Office code ${outcome.officeErrorCode}.`,
      );
    }
    const result = parseDialogResult(outcome.message);
    if (result === null) {
      throw new SignInError(
        'sign-in-failed',
        'The sign-in dialog sent a message that is not a sign-in result.',
      );
    }
    if (result.status === 'error') {
      throw failure('Sign-in in the Office dialog failed', result.msalErrorCode, undefined);
    }
    return result.accessToken;
  }

  return { getAccessToken };
}

async function trySilent(
  pca: IPublicClientApplication,
  scopes: string[],
): Promise<string | { error: unknown }> {
  const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
  try {
    // Under nested app authentication the host supplies the account, so none is required here.
    const result = await pca.acquireTokenSilent(account ? { scopes, account } : { scopes });
    return result.accessToken;
  } catch (error) {
    return { error };
  }
}

function failure(step: string, msalErrorCode: string | null, cause: unknown): SignInError {
  return new SignInError('sign-in-failed', `${step} with MSAL error ${msalErrorCode ?? 'unknown'}.`, {
    msalErrorCode: msalErrorCode ?? undefined,
    cause,
  });
}
