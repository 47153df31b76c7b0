import { createHttpStatusApi } from '../../../../src/addin/status/adapters/httpStatusApi';
import { PaneError, type TokenSource } from '../../../../src/addin/status/ports';

const tokens: TokenSource = { getToken: jest.fn().mockResolvedValue('token-1') };

function respond(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

let fetchMock: jest.SpyInstance<Promise<Response>, Parameters<typeof fetch>>;

beforeEach(() => {
  fetchMock = jest.spyOn(globalThis, 'fetch');
});

afterEach(() => {
  fetchMock.mockRestore();
});

function lastRequest(): { url: string; init: RequestInit } {
  const call = fetchMock.mock.calls.at(-1);
  return { url: call?.[0] as string, init: call?.[1] ?? {} };
}

describe('createHttpStatusApi', () => {
  const api = createHttpStatusApi('http://127.0.0.1:3000', tokens);

  it('lists a page with the bearer token and cursor', async () => {
    fetchMock.mockResolvedValue(respond(200, { items: [], nextCursor: null }));
    await api.list({ cursor: 'c 1', limit: 50 });
    const { url, init } = lastRequest();
    expect(url).toBe('http://127.0.0.1:3000/api/v1/tracked-messages?limit=50&cursor=c+1');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer token-1');
  });

  it('stops tracking with a PATCH', async () => {
    fetchMock.mockResolvedValue(respond(200, { id: 'a' }));
    await api.stop('a/b');
    const { url, init } = lastRequest();
    expect(url).toBe('http://127.0.0.1:3000/api/v1/tracked-messages/a%2Fb');
    expect(init.method).toBe('PATCH');
    expect(init.body).toBe('{"stopped":true}');
  });

  it('links a sent message with its Internet Message-ID and send time', async () => {
    fetchMock.mockResolvedValue(respond(200, { id: 'a' }));
    await api.linkSent('a', { internetMessageId: '<m@example.test>', sentAt: '2026-03-10T10:00:00.000Z' });
    expect(lastRequest().init.body).toBe(
      '{"internetMessageId":"<m@example.test>","sentAt":"2026-03-10T10:00:00.000Z"}',
    );
  });

  it('posts the sender view and accepts 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(api.reportView('a')).resolves.toBeUndefined();
    expect(lastRequest().url).toBe('http://127.0.0.1:3000/api/v1/tracked-messages/a/views');
    expect(lastRequest().init.method).toBe('POST');
  });

  it.each([
    [401, 'sign-in-required'],
    [404, 'not-found'],
    [503, 'server-unreachable'],
    [500, 'server-error'],
    [400, 'server-error'],
  ])('maps status %i to %s', async (status, code) => {
    fetchMock.mockResolvedValue(respond(status, { code: 'SOME_CODE', message: 'Something failed' }));
    const failure = api.get('a');
    await expect(failure).rejects.toBeInstanceOf(PaneError);
    await expect(failure).rejects.toMatchObject({ code });
  });

  it('keeps the server error code in the detail', async () => {
    fetchMock.mockResolvedValue(
      respond(500, { code: 'STORE_FAILED', message: 'The database is not usable' }),
    );
    await expect(api.get('a')).rejects.toMatchObject({
      detail: 'GET /api/v1/tracked-messages/a returned 500 STORE_FAILED The database is not usable',
    });
  });

  it('reports a network failure as unreachable', async () => {
    fetchMock.mockRejectedValue(new TypeError('fetch failed'));
    await expect(api.list({ cursor: null, limit: 50 })).rejects.toMatchObject({ code: 'server-unreachable' });
  });

  it('rejects a success body that is not JSON', async () => {
    fetchMock.mockResolvedValue(new Response('<html>', { status: 200 }));
    await expect(api.get('a')).rejects.toMatchObject({ code: 'server-error' });
  });

  it('finds a message by Internet Message-ID', async () => {
    fetchMock.mockResolvedValue(
      respond(200, { items: [{ id: 'a', internetMessageId: '<m@example.test>' }], nextCursor: null }),
    );
    await expect(api.findByInternetMessageId('<m@example.test>')).resolves.toMatchObject({ id: 'a' });
    expect(lastRequest().url).toContain('internetMessageId=%3Cm%40example.test%3E');
  });

  it('takes a server without the lookup filter as not found', async () => {
    fetchMock.mockResolvedValue(respond(400, { code: 'UNKNOWN_QUERY_FIELD', message: 'internetMessageId' }));
    await expect(api.findByInternetMessageId('<m@example.test>')).resolves.toBeNull();
  });

  it('passes a token failure through', async () => {
    const failing = createHttpStatusApi('', {
      getToken: () => Promise.reject(new PaneError('naa-unsupported', 'no NAA')),
    });
    await expect(failing.get('a')).rejects.toMatchObject({ code: 'naa-unsupported' });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
