import type { Configuration } from '@azure/msal-browser';
import type { AddinConfig } from '../config';
import { SIGN_IN_DIALOG_PATH } from './dialogProtocol';

const MICROSOFT_LOGIN_HOST = 'login.microsoftonline.com';

/** Placeholder client id of an unconfigured build (see the README's tenant setup). */
export const UNCONFIGURED_CLIENT_ID = '00000000-0000-0000-0000-000000000000';

/** Returns whether the build carries a real client id and API scope. */
export function isSignInConfigured(config: AddinConfig): boolean {
  return config.clientId !== '' && config.clientId !== UNCONFIGURED_CLIENT_ID && config.apiScope !== '';
}

/**
 * Builds MSAL's configuration. An authority on another host than Microsoft's (the simulator's
 * identity provider) is listed in `knownAuthorities`, so MSAL trusts its metadata.
 */
export function msalConfiguration(config: AddinConfig): Configuration {
  const authorityHost = new URL(config.authority).host;
  return {
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: authorityHost === MICROSOFT_LOGIN_HOST ? [] : [authorityHost],
      redirectUri: `${config.serverOrigin.replace(/\/+$/, '')}${SIGN_IN_DIALOG_PATH}`,
    },
    cache: { cacheLocation: 'localStorage' },
  };
}
