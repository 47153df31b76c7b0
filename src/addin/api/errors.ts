import { AddinError } from '../addinError';

export type ApiErrorCode =
  | 'api-unreachable'
  | 'api-timed-out'
  | 'api-unauthorized'
  | 'api-not-found'
  | 'api-request-rejected'
  | 'api-server-error'
  | 'api-invalid-response';

/** A Readmark API call that failed. `serverCode` is the `code` of the server's error body, if any. */
export class ReadmarkApiError extends AddinError<ApiErrorCode> {
  readonly status: number | null;
  readonly serverCode: string | null;

  constructor(
    code: ApiErrorCode,
    message: string,
    details: { status?: number; serverCode?: string; cause?: unknown } = {},
  ) {
    super(code, message, { cause: details.cause });
    this.status = details.status ?? null;
    this.serverCode = details.serverCode ?? null;
  }
}

/** Maps an HTTP error status to the client's error code. */
export function codeForStatus(status: number): ApiErrorCode {
  if (status === 401 || status === 403) {
    return 'api-unauthorized';
  }
  if (status === 404) {
    return 'api-not-found';
  }
  return status >= 500 ? 'api-server-error' : 'api-request-rejected';
}
