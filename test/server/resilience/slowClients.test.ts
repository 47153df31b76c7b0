import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PIXEL_GIF } from '../../../src/server/http/pixelResponse';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { createTestApp, type TestApp } from '../../support/testApp';

const KNOWN_ID = 'Kx3vQ9mZ2pL8rT5wY1nB7g';

interface RawExchange {
  /** Everything the server sent before it closed the connection. */
  received: string;
}

/**
 * Opens a raw socket, sends `head` and then one `drip` every few milliseconds until the server
 * closes the connection; the drips never complete the request.
 */
function trickle(port: number, head: string, drip: () => string): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (!socket.destroyed && socket.writable) {
          socket.write(drip());
        }
      }, 20);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may reset the socket while a drip is on its way.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') {
        clearInterval(timer);
        reject(error);
      }
    });
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ received });
    });
  });
}

describe('slow clients over loopback', () => {
  let issuer: LocalTokenIssuer;
  let test: TestApp;
  let port: number;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
  });

  afterAll(async () => {
    await issuer.stop();
  });

  beforeEach(async () => {
    test = await createTestApp({
      issuer,
      appOptions: {
        timeouts: {
          headersTimeoutMs: 300,
          requestTimeoutMs: 600,
          connectionTimeoutMs: 5000,
          checkIntervalMs: 50,
        },
      },
    });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    port = (test.app.server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    await test.close();
  });

  async function fetchPixel(): Promise<Buffer> {
    const response = await fetch(`http://127.0.0.1:${port}/o/${KNOWN_ID}.gif`);
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  it('answers 408 to trickled headers and keeps serving others', async () => {
    let header = 0;
    const slow = trickle(port, `GET /o/${KNOWN_ID}.gif HTTP/1.1\r\nHost: 127.0.0.1\r\n`, () => {
      header += 1;
      return `X-Slow-${header}: ${'a'.repeat(10)}\r\n`;
    });

    for (let request = 0; request < 5; request += 1) {
      expect((await fetchPixel()).equals(PIXEL_GIF)).toBe(true);
    }
    const exchange = await slow;

    expect(exchange.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect((await fetchPixel()).equals(PIXEL_GIF)).toBe(true);
  });

  it('answers 408 to a trickled body', async () => {
    // A valid token, so the request passes authentication and the server waits for the body.
    const token = await issuer.issueToken();
    const slow = trickle(
      port,
      'POST /api/v1/tracked-messages HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        `Authorization: Bearer ${token}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n',
      () => ' ',
    );

    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`);
    const exchange = await slow;

    expect(healthy.status).toBe(200);
    expect(exchange.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it('answers 431 to oversized headers', async () => {
    const exchange = await trickle(
      port,
      `GET /o/${KNOWN_ID}.gif HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      () => '',
    );

    expect(exchange.received).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });
});
