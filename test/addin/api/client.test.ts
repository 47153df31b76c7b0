import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReadmarkApi } from '../../../src/addin/api/client';
import type { ReadmarkApiError } from '../../../src/addin/api/errors';

interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** A loopback stand-in for the tracking server that records requests and responds as `answer` decides. */
function startServer(answer: (request: Recorded) => { status: number; body?: string }) {
  const requests: Recorded[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const recorded: Recorded = {
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body,
      };
      requests.push(recorded);
      const { status, body: responseBody } = answer(recorded);
      response.writeHead(status, responseBody === undefined ? {} : { 'Content-Type': 'application/json' });
      response.end(responseBody);
    });
  });
  return new Promise<{ origin: string; requests: Recorded[]; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

async function errorOf(promise: Promise<unknown>): Promise<ReadmarkApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ReadmarkApiError;
  }
  throw new Error('expected a rejection');
}

const token = () => Promise.resolve('api-token');

describe('ReadmarkApi over HTTP', () => {
  test('create posts JSON with the bearer token', async () => {
    const server = await startServer(() => ({
      status: 201,
      body: JSON.stringify({
        id: 'tid1',
        pixelUrl: 'https://x/o/tid1.gif',
        createdAt: '2026-12-04T10:00:00.000Z',
      }),
    }));
    try {
      const api = createReadmarkApi({ serverOrigin: `${server.origin}/`, getAccessToken: token });

      const created = await api.createTrackedMessage({
        clientRequestId: 'r1',
        subject: 'Hi',
        recipientCount: 2,
      });

      expect(created.id).toBe('tid1');
      expect(server.requests).toEqual([
        {
          method: 'POST',
          url: '/api/v1/tracked-messages',
          authorization: 'Bearer api-token',
          contentType: 'application/json',
          body: JSON.stringify({ clientRequestId: 'r1', subject: 'Hi', recipientCount: 2 }),
        },
      ]);
    } finally {
      await server.close();
    }
  });

  test('list, get, patch and delete use their routes', async () => {
    const server = await startServer((request) =>
      request.method === 'DELETE'
        ? { status: 204 }
        : { status: 200, body: JSON.stringify({ ok: request.method }) },
    );
    try {
      const api = createReadmarkApi({ serverOrigin: server.origin, getAccessToken: token });

      await api.listTrackedMessages();
      await api.listTrackedMessages({ cursor: 'c/1', limit: 20 });
      await api.getTrackedMessage('id/with slash');
      await api.updateTrackedMessage('tid1', { stopped: true });
      await expect(api.deleteTrackedMessage('tid1')).resolves.toBeUndefined();

      expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
        'GET /api/v1/tracked-messages',
        'GET /api/v1/tracked-messages?cursor=c%2F1&limit=20',
        'GET /api/v1/tracked-messages/id%2Fwith%20slash',
        'PATCH /api/v1/tracked-messages/tid1',
        'DELETE /api/v1/tracked-messages/tid1',
      ]);
      expect(server.requests[3]?.body).toBe('{"stopped":true}');
      expect(server.requests[0]?.contentType).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  test('older opens, lookup by Internet Message-ID and sender views use their routes', async () => {
    const server = await startServer((request) => {
      if (request.method === 'POST') return { status: 204 };
      if (request.url.includes('/opens')) return { status: 200, body: '{"items":[],"nextCursor":null}' };
      return {
        status: 200,
        body: JSON.stringify({ items: [{ id: 'tid1', internetMessageId: '<m@x.test>' }], nextCursor: null }),
      };
    });
    try {
      const api = createReadmarkApi({ serverOrigin: server.origin, getAccessToken: token });

      await api.listOpens('tid1', 'c/2');
      await expect(api.findByInternetMessageId('<m@x.test>')).resolves.toMatchObject({ id: 'tid1' });
      await expect(api.findByInternetMessageId('<other@x.test>')).resolves.toBeNull();
      await expect(api.reportView('tid1')).resolves.toBeUndefined();

      expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
        'GET /api/v1/tracked-messages/tid1/opens?cursor=c%2F2',
        'GET /api/v1/tracked-messages?internetMessageId=%3Cm%40x.test%3E&limit=1',
        'GET /api/v1/tracked-messages?internetMessageId=%3Cother%40x.test%3E&limit=1',
        'POST /api/v1/tracked-messages/tid1/views',
      ]);
    } finally {
      await server.close();
    }
  });

  test.each([
    [401, 'api-unauthorized'],
    [403, 'api-unauthorized'],
    [404, 'api-not-found'],
    [409, 'api-request-rejected'],
    [503, 'api-server-error'],
  ])('HTTP %i → %s with the server code', async (status, code) => {
    const server = await startServer(() => ({
      status,
      body: JSON.stringify({ code: 'SERVER_CODE', message: 'what happened' }),
    }));
    try {
      const api = createReadmarkApi({ serverOrigin: server.origin, getAccessToken: token });

      const error = await errorOf(api.getTrackedMessage('tid1'));

      expect(error.code).toBe(code);
      expect(error.status).toBe(status);
      expect(error.serverCode).toBe('SERVER_CODE');
      expect(error.message).toBe(
        `GET /api/v1/tracked-messages/tid1 failed with HTTP ${status} (SERVER_CODE: what happened).`,
      );
    } finally {
      await server.close();
    }
  });

  test('error page that is not JSON still has a code', async () => {
    const server = await startServer(() => ({ status: 502, body: '<html>Bad gateway</html>' }));
    try {
      const error = await errorOf(
        createReadmarkApi({ serverOrigin: server.origin, getAccessToken: token }).listTrackedMessages(),
      );
      expect(error.code).toBe('api-server-error');
      expect(error.serverCode).toBeNull();
    } finally {
      await server.close();
    }
  });

  test('success body that is not JSON is invalid', async () => {
    const server = await startServer(() => ({ status: 200, body: 'hello' }));
    try {
      const error = await errorOf(
        createReadmarkApi({ serverOrigin: server.origin, getAccessToken: token }).listTrackedMessages(),
      );
      expect(error.code).toBe('api-invalid-response');
    } finally {
      await server.close();
    }
  });

  test('closed port is unreachable', async () => {
    const server = await startServer(() => ({ status: 200 }));
    const origin = server.origin;
    await server.close();

    const error = await errorOf(
      createReadmarkApi({ serverOrigin: origin, getAccessToken: token }).listTrackedMessages(),
    );

    expect(error.code).toBe('api-unreachable');
  });

  test('aborted request reports a timeout', async () => {
    const api = createReadmarkApi({
      serverOrigin: 'https://readmark.example',
      getAccessToken: token,
      timeoutMs: 0,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    });

    expect((await errorOf(api.listTrackedMessages())).code).toBe('api-timed-out');
  });

  test('token failure passes through unchanged', async () => {
    const failure = new Error('no token');
    const fetch = jest.fn();
    const api = createReadmarkApi({
      serverOrigin: 'https://readmark.example',
      getAccessToken: () => Promise.reject(failure),
      fetch,
    });

    await expect(api.listTrackedMessages()).rejects.toBe(failure);
    expect(fetch).not.toHaveBeenCalled();
  });
});
