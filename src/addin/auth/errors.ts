import { AddinError } from '../addinError';

export type SignInErrorCode =
  | 'sign-in-not-configured'
  /** A silent-only request found that the user must sign in; no window was opened. */
  | 'sign-in-interaction-required'
  | 'sign-in-cancelled'
  | 'sign-in-blocked'
  | 'sign-in-busy'
  | 'sign-in-failed';

/** Getting an access token failed. `msalErrorCode` is MSAL's `errorCode` when MSAL raised it. */
export class SignInError extends AddinError<SignInErrorCode> {
  readonly msalErrorCode: string | null;

  constructor(
    code: SignInErrorCode,
    message: string,
    details: { msalErrorCode?: string; cause?: unknown } = {},
  ) {
    super(code, message, { cause: details.cause });
    this.msalErrorCode = details.msalErrorCode ?? null;
  }
}
