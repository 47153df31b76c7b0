import {
  InteractionRequiredAuthError,
  createNestablePublicClientApplication,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { PaneError, type TokenSource } from '../ports';

// TODO: replace with the compose branch's sign-in module (silent, popup, then the Office dialog
// fallback chosen by MSAL error code) once it is on main. This adapter does silent, then popup.
/** Access tokens through MSAL nested app authentication, one TokenSource per resource scope. */
export function createMsalTokens(clientId: string, authority: string): (scopes: string[]) => TokenSource {
  let application: Promise<IPublicClientApplication> | null = null;
  const getApplication = () => {
    application ??= createNestablePublicClientApplication({ auth: { clientId, authority } });
    return application;
  };

  return (scopes) => ({
    async getToken({ interactive }) {
      if (!Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')) {
        throw new PaneError('naa-unsupported', 'NestedAppAuth 1.1 is not supported by this Outlook');
      }
      const pca = await getApplication();
      try {
        return (await pca.acquireTokenSilent({ scopes })).accessToken;
      } catch (error) {
        if (!(error instanceof InteractionRequiredAuthError)) {
          throw new PaneError('sign-in-required', `Silent token request failed: ${String(error)}`);
        }
        if (!interactive) throw new PaneError('sign-in-required', `Interaction required: ${error.errorCode}`);
      }
      try {
        return (await pca.acquireTokenPopup({ scopes })).accessToken;
      } catch (error) {
        throw new PaneError('sign-in-required', `Popup sign-in failed: ${String(error)}`);
      }
    },
  });
}
