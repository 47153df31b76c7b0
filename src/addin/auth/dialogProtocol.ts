import type { TokenPurpose } from './scopes';

/** Path of the sign-in dialog page under the server origin; also a registered redirect URI. */
export const SIGN_IN_DIALOG_PATH = '/addin/signin-dialog.html';

/** The message the sign-in dialog page sends to the page that opened it. */
export type DialogResult =
  { status: 'ok'; accessToken: string } | { status: 'error'; msalErrorCode: string | null };

export function dialogUrl(serverOrigin: string, purpose: TokenPurpose): string {
  return `${serverOrigin.replace(/\/+$/, '')}${SIGN_IN_DIALOG_PATH}?purpose=${encodeURIComponent(purpose)}`;
}

export function parseDialogResult(message: string): DialogResult | null {
  try {
    const parsed = JSON.parse(message) as Partial<DialogResult> & Record<string, unknown>;
    if (parsed.status === 'ok' && typeof parsed.accessToken === 'string' && parsed.accessToken !== '') {
      return { status: 'ok', accessToken: parsed.accessToken };
    }
    if (parsed.status === 'error') {
      return {
        status: 'error',
        msalErrorCode: typeof parsed.msalErrorCode === 'string' ? parsed.msalErrorCode : null,
      };
    }
  } catch {
    // Anything else is treated as a failed sign-in by the caller.
  }
  return null;
}
