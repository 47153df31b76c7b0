import type {
  ApiError,
  Open,
  TrackedMessage,
  TrackedMessageDetail,
  TrackedMessageList,
  UpdateTrackedMessageRequest,
} from '../../../shared/api';
import { PaneError, type ListPageRequest, type StatusApi, type TokenSource } from '../ports';

/** A request that takes longer than this counts as "server unreachable". */
const REQUEST_TIMEOUT_MS = 15_000;

// TODO: replace with the compose branch's typed Readmark API client once it is on main.
/**
 * Creates the StatusApi over `fetch`, with a bearer token from `tokens`. `baseUrl` is the server's
 * origin; the empty string means the page's own origin, which is how the server hosts the add-in.
 */
export function createHttpStatusApi(baseUrl: string, tokens: TokenSource): StatusApi {
  async function request<T>(method: string, path: string, body?: UpdateTrackedMessageRequest): Promise<T> {
    const token = await tokens.getToken({ interactive: false });
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new PaneError('server-unreachable', `${method} ${path} failed: ${String(error)}`);
    }

    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (response.ok) {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new PaneError('server-error', `${method} ${path} returned a body that is not JSON`);
      }
    }
    throw toPaneError(method, path, response.status, text);
  }

  const messagePath = (trackingId: string) => `/api/v1/tracked-messages/${encodeURIComponent(trackingId)}`;

  return {
    list: ({ cursor, limit }: ListPageRequest) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      return request<TrackedMessageList>('GET', `/api/v1/tracked-messages?${query.toString()}`);
    },
    get: (trackingId) => request<TrackedMessageDetail>('GET', messagePath(trackingId)),
    listOpens: (trackingId, cursor) =>
      request<{ items: Open[]; nextCursor: string | null }>(
        'GET',
        `${messagePath(trackingId)}/opens?${new URLSearchParams({ cursor }).toString()}`,
      ),
    findByInternetMessageId: async (internetMessageId) => {
      // NOTE: assumes the list route filters by `internetMessageId`; a server without that filter
      // returns 400, which is taken as "not found" so the pane falls back to the dashboard.
      const query = new URLSearchParams({ internetMessageId, limit: '1' });
      try {
        const page = await request<TrackedMessageList>('GET', `/api/v1/tracked-messages?${query.toString()}`);
        return page.items.find((message) => message.internetMessageId === internetMessageId) ?? null;
      } catch (error) {
        if (error instanceof PaneError && error.code === 'server-error' && error.detail.includes(' 400 '))
          return null;
        throw error;
      }
    },
    stop: (trackingId) => request<TrackedMessage>('PATCH', messagePath(trackingId), { stopped: true }),
    delete: (trackingId) => request<void>('DELETE', messagePath(trackingId)),
    linkSent: (trackingId, link) => request<TrackedMessage>('PATCH', messagePath(trackingId), link),
    reportView: (trackingId) => request<void>('POST', `${messagePath(trackingId)}/views`),
  };
}

function toPaneError(method: string, path: string, status: number, body: string): PaneError {
  let apiError: ApiError | null = null;
  try {
    apiError = JSON.parse(body) as ApiError;
  } catch {
    // A proxy's HTML error page; the status alone must do.
  }
  const detail =
    `${method} ${path} returned ${status} ${apiError?.code ?? ''} ${apiError?.message ?? ''}`.trim();
  if (status === 401) return new PaneError('sign-in-required', detail);
  if (status === 404) return new PaneError('not-found', detail);
  if (status === 502 || status === 503 || status === 504) return new PaneError('server-unreachable', detail);
  return new PaneError('server-error', detail);
}
