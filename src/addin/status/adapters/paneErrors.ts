import type { ApiErrorCode } from '../../api/errors';
import { ReadmarkApiError } from '../../api/errors';
import type { SignInErrorCode } from '../../auth/errors';
import { SignInError } from '../../auth/errors';
import { PaneError, type PaneErrorCode } from '../ports';

const API_CODES: Record<ApiErrorCode, PaneErrorCode> = {
  'api-unreachable': 'server-unreachable',
  'api-timed-out': 'server-unreachable',
  'api-unauthorized': 'sign-in-required',
  'api-not-found': 'not-found',
  'api-request-rejected': 'server-error',
  'api-server-error': 'server-error',
  'api-invalid-response': 'server-error',
};

/** Every failure the user can fix by signing in shows "Sign in"; a build without sign-in cannot. */
const SIGN_IN_CODES: Record<SignInErrorCode, PaneErrorCode> = {
  'sign-in-not-configured': 'server-error',
  'sign-in-interaction-required': 'sign-in-required',
  'sign-in-cancelled': 'sign-in-required',
  'sign-in-blocked': 'sign-in-required',
  'sign-in-busy': 'sign-in-required',
  'sign-in-failed': 'sign-in-required',
};

/** Gateway answers mean the server behind the proxy is not there. */
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** Turns an error of the shared API client or sign-in module into the pane's PaneError. */
export function toPaneError(error: unknown): PaneError {
  if (error instanceof PaneError) {
    return error;
  }
  if (error instanceof ReadmarkApiError) {
    const code =
      error.status !== null && GATEWAY_STATUSES.has(error.status)
        ? 'server-unreachable'
        : API_CODES[error.code];
    return new PaneError(code, `${error.code}: ${error.message}`);
  }
  if (error instanceof SignInError) {
    return new PaneError(SIGN_IN_CODES[error.code], `${error.code}: ${error.message}`);
  }
  return new PaneError('server-error', String(error));
}

/** Runs `call` and rethrows any failure as a PaneError. */
export async function asPaneCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toPaneError(error);
  }
}
