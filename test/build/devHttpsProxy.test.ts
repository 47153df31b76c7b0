import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevHttpsProxy } from '../../build/devHttpsProxy';

// A throwaway self-signed certificate stands in for office-addin-dev-certs, which would install a
// CA into the machine's trust store.
const describeWithOpenssl = existsSync('/usr/bin/openssl') ? describe : describe.skip;

function get(url: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        );
      })
      .on('error', reject);
  });
}

describeWithOpenssl('startDevHttpsProxy', () => {
  let folder: string;
  let tls: { key: Buffer; cert: Buffer };

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'readmark-dev-tls-'));
    execFileSync(
      '/usr/bin/openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(folder, 'key.pem'),
        '-out',
        join(folder, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    tls = { key: readFileSync(join(folder, 'key.pem')), cert: readFileSync(join(folder, 'cert.pem')) };
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('forwards path, method and host over HTTPS', async () => {
    const seen: string[] = [];
    const target = http.createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${String(request.headers['x-forwarded-proto'])}`);
      response.writeHead(200, { 'Content-Type': 'text/plain', 'X-From': 'target' }).end('hello');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    const proxy = await startDevHttpsProxy({ port: 0, target: targetUrl, tls });
    try {
      const port = (proxy.address() as AddressInfo).port;

      const answer = await get(`https://127.0.0.1:${port}/addin/compose.html?x=1`);

      expect(answer).toEqual(expect.objectContaining({ status: 200, body: 'hello' }));
      expect(answer.headers['x-from']).toBe('target');
      expect(seen).toEqual(['GET /addin/compose.html?x=1 https']);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
      await new Promise((resolve) => target.close(resolve));
    }
  });

  test('target down answers 502 with a hint', async () => {
    const proxy = await startDevHttpsProxy({ port: 0, target: 'http://127.0.0.1:9', tls });
    try {
      const answer = await get(
        `https://127.0.0.1:${(proxy.address() as AddressInfo).port}/api/v1/tracked-messages`,
      );

      expect(answer.status).toBe(502);
      expect(answer.body).toContain('The tracking server at http://127.0.0.1:9 did not answer');
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
