/**
 * Which sign-in step to try next, decided by MSAL's stable `errorCode` (never by message text,
 * which MSAL may change or translate). Codes are those of @azure/msal-browser 5.
 */

/** Silent failures that an interactive sign-in can fix. */
const INTERACTION_FIXES: ReadonlySet<string> = new Set([
  'interaction_required',
  'consent_required',
  'login_required',
  'no_tokens_found',
  'refresh_token_expired',
  'bad_token',
  'interrupted_user',
  'native_account_unavailable',
  'no_account_error',
  'ui_not_allowed',
]);

/** Popup failures where the browser or host refused the window, so the Office dialog may work. */
const POPUP_REFUSED: ReadonlySet<string> = new Set([
  'popup_window_error',
  'empty_window_error',
  'block_nested_popups',
]);

export type AfterSilent = 'popup' | 'fail';
export type AfterPopup = 'dialog' | 'cancelled' | 'busy' | 'fail';

export function nextAfterSilent(msalErrorCode: string | null): AfterSilent {
  return msalErrorCode !== null && INTERACTION_FIXES.has(msalErrorCode) ? 'popup' : 'fail';
}

export function nextAfterPopup(msalErrorCode: string | null): AfterPopup {
  if (msalErrorCode === null) {
    return 'fail';
  }
  if (POPUP_REFUSED.has(msalErrorCode)) {
    return 'dialog';
  }
  if (msalErrorCode === 'user_cancelled') {
    return 'cancelled';
  }
  return msalErrorCode === 'interaction_in_progress' ? 'busy' : 'fail';
}

/** Reads MSAL's `errorCode` from anything thrown; null when it is not an MSAL error. */
export function msalErrorCodeOf(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'errorCode' in error) {
    const { errorCode } = error;
    return typeof errorCode === 'string' && errorCode !== '' ? errorCode : null;
  }
  return null;
}
