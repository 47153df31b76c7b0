import type {
  ApiError,
  CreateTrackedMessageRequest,
  Open,
  CreateTrackedMessageResponse,
  TrackedMessage,
  TrackedMessageDetail,
  TrackedMessageList,
  TrackingPolicy,
  UpdateTrackedMessageRequest,
} from '../../shared/api';
import type { RecordReadReceiptRequest, RecordReadReceiptResponse } from '../../shared/api';
import { codeForStatus, ReadmarkApiError } from './errors';

export interface ReadmarkApiOptions {
  /** Origin of the tracking server, for example `https://readmark.example.com`. */
  serverOrigin: string;
  /** Returns an access token for the Readmark API scope; its errors pass through unchanged. */
  getAccessToken: () => Promise<string>;
  fetch?: typeof fetch;
  /** Time allowed for one request before it is aborted. Default 15,000 ms. */
  timeoutMs?: number;
}

/** Typed client of the tracking server's `/api/v1` endpoints. Every failure is a ReadmarkApiError. */
export interface ReadmarkApi {
  /** The tracking policy of the signed-in user's tenant. */
  getPolicy(): Promise<TrackingPolicy>;
  createTrackedMessage(request: CreateTrackedMessageRequest): Promise<CreateTrackedMessageResponse>;
  listTrackedMessages(page?: { cursor?: string; limit?: number }): Promise<TrackedMessageList>;
  getTrackedMessage(id: string): Promise<TrackedMessageDetail>;
  /** `POST /:id/receipts`, idempotent by `receiptMessageId`: a repeat returns `recorded: false`. */
  recordReadReceipt(id: string, receipt: RecordReadReceiptRequest): Promise<RecordReadReceiptResponse>;
  updateTrackedMessage(id: string, request: UpdateTrackedMessageRequest): Promise<TrackedMessage>;
  deleteTrackedMessage(id: string): Promise<void>;
  /** Older opens of one message, newest first, from a cursor the detail or an earlier page gave. */
  listOpens(id: string, cursor: string): Promise<OpenPage>;
  /**
   * The sender's tracked message with this Internet Message-ID, or null when the server has none.
   * A server without the lookup filter answers with the plain list, so the match is checked here.
   */
  findByInternetMessageId(internetMessageId: string): Promise<TrackedMessage | null>;
  /** Tells the server that the sender is viewing the message now, so its pixel loads count as self views. */
  reportView(id: string): Promise<void>;
}

/** One page of `GET /api/v1/tracked-messages/:id/opens`. */
export interface OpenPage {
  items: Open[];
  nextCursor: string | null;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export function createReadmarkApi(options: ReadmarkApiOptions): ReadmarkApi {
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const apiRoot = `${options.serverOrigin.replace(/\/+$/, '')}/api/v1`;

  /** `path` is relative to `/api/v1`. */
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = await options.getAccessToken();
    const response = await send(fetchFn, `${apiRoot}${path}`, timeoutMs, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await errorFromResponse(method, path, response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return readJson<T>(method, path, response);
  }

  const itemPath = (id: string): string => `/tracked-messages/${encodeURIComponent(id)}`;

  return {
    getPolicy: () => call('GET', '/policy'),
    createTrackedMessage: (request) => call('POST', '/tracked-messages', request),
    listTrackedMessages: (page = {}) => {
      const query = new URLSearchParams();
      if (page.cursor !== undefined) query.set('cursor', page.cursor);
      if (page.limit !== undefined) query.set('limit', String(page.limit));
      const search = query.toString();
      return call('GET', search === '' ? '/tracked-messages' : `/tracked-messages?${search}`);
    },
    getTrackedMessage: (id) => call('GET', itemPath(id)),
    recordReadReceipt: (id, receipt) => call('POST', `${itemPath(id)}/receipts`, receipt),
    updateTrackedMessage: (id, request) => call('PATCH', itemPath(id), request),
    deleteTrackedMessage: (id) => call('DELETE', itemPath(id)),
    listOpens: (id, cursor) =>
      call('GET', `${itemPath(id)}/opens?${new URLSearchParams({ cursor }).toString()}`),
    findByInternetMessageId: async (internetMessageId) => {
      const query = new URLSearchParams({ internetMessageId, limit: '1' });
      const page = await call<TrackedMessageList>('GET', `/tracked-messages?${query.toString()}`);
      return page.items.find((message) => message.internetMessageId === internetMessageId) ?? null;
    },
    reportView: (id) => call('POST', `${itemPath(id)}/views`),
  };
}

async function send(
  fetchFn: typeof fetch,
  url: string,
  timeoutMs: number,
  init: RequestInit,
): Promise<Response> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await fetchFn(url, { ...init, signal: controller.signal });
  } catch (error) {
    if (timedOut) {
      throw new ReadmarkApiError('api-timed-out', `${init.method} ${url} timed out after ${timeoutMs} ms.`, {
        cause: error,
      });
    }
    throw new ReadmarkApiError(
      'api-unreachable',
      `${init.method} ${url} failed before a response: the Readmark server is unreachable. Check the network and the server.`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

async function errorFromResponse(
  method: string,
  path: string,
  response: Response,
): Promise<ReadmarkApiError> {
  const body = await response.text().catch(() => '');
  const serverError = parseApiError(body);
  const code = codeForStatus(response.status);
  const reason = serverError ? `${serverError.code}: ${serverError.message}` : 'no error body';
  return new ReadmarkApiError(
    code,
    `${method} /api/v1${path} failed with HTTP ${response.status} (${reason}).`,
    { status: response.status, serverCode: serverError?.code },
  );
}

function parseApiError(body: string): ApiError | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) {
      const { code, message } = parsed as Partial<ApiError>;
      if (typeof code === 'string' && typeof message === 'string') {
        return { code, message };
      }
    }
  } catch {
    // A proxy's HTML error page is not an API error body; the status still tells what failed.
  }
  return null;
}

async function readJson<T>(method: string, path: string, response: Response): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch (error) {
    throw new ReadmarkApiError(
      'api-invalid-response',
      `${method} /api/v1${path} returned HTTP ${response.status} with a body that is not JSON.`,
      { status: response.status, cause: error },
    );
  }
}
