/**
 * The sign-in page opened in an Office dialog when a popup is refused, and the redirect URI of
 * MSAL's popup and redirect flows. It signs in with MSAL's redirect flow inside the dialog and
 * sends the access token to the add-in with `messageParent`.
 * NOTE: no automated test loads this page, because the redirect needs a real identity provider;
 * the tests cover the message it sends (dialogProtocol) and the sign-in steps that open it.
 */
import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
import { getAddinConfig } from '../config';
import { createLogger } from '../logger';
import { sendToDialogParent } from '../office/dialog';
import { whenOfficeReady } from '../office/ready';
import type { DialogResult } from './dialogProtocol';
import { msalErrorCodeOf } from './fallback';
import { msalConfiguration } from './msalConfig';
import { scopesFor, type TokenPurpose } from './scopes';

const log = createLogger('sign-in-dialog');
const PURPOSES: readonly TokenPurpose[] = ['readmark-api', 'graph-mail-read', 'graph-mail-readwrite'];

function hasAuthResponse(): boolean {
  return /[#&?](code|error)=/.test(`${window.location.search}${window.location.hash}`);
}

function requestedPurpose(): TokenPurpose {
  const value = new URLSearchParams(window.location.search).get('purpose');
  return PURPOSES.find((purpose) => purpose === value) ?? 'readmark-api';
}

function reply(result: DialogResult): void {
  sendToDialogParent(JSON.stringify(result));
}

async function run(): Promise<void> {
  if (hasAuthResponse()) {
    // Back from the identity provider: a popup hands the response to its opener, a redirect
    // returns to the start page below, where handleRedirectPromise reads it.
    await broadcastResponseToMainFrame();
    return;
  }
  await whenOfficeReady();
  const config = getAddinConfig();
  const pca = await createStandardPublicClientApplication(msalConfiguration(config));
  const result = await pca.handleRedirectPromise();
  if (result) {
    reply({ status: 'ok', accessToken: result.accessToken });
    return;
  }
  await pca.acquireTokenRedirect({
    scopes: scopesFor(requestedPurpose(), config.apiScope),
    redirectStartPage: window.location.href,
  });
}

run().catch((error: unknown) => {
  const msalErrorCode = msalErrorCodeOf(error);
  log.error('sign-in in the dialog failed', { msalErrorCode });
  reply({ status: 'error', msalErrorCode });
});
