import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { TrackingPolicy } from '../../../src/shared/api';

/** One API request the stand-in server received. */
export interface ApiRequest {
  method: string;
  path: string;
  authorization: string;
  body: unknown;
}

export interface AddinServer {
  url: string;
  requests: ApiRequest[];
  /** What `GET /api/v1/policy` answers; tracking allowed everywhere until a test changes it. */
  policy: TrackingPolicy;
  /** Folder the built add-in is served from under /addin/; set before the pages load. */
  setAddinFolder(folder: string): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => resolve(body));
  });
}

/**
 * A stand-in for the tracking server while it lands on its own branch: it serves the real built
 * add-in under /addin/ and responds to the API calls the compose surface makes, recording each one.
 */
export async function startAddinServer(): Promise<AddinServer> {
  const requests: ApiRequest[] = [];
  let folder = '';
  let origin = '';
  let created = 0;

  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = request.url ?? '';
      if (path.startsWith('/addin/')) {
        const file = normalize(join(folder, path.slice('/addin/'.length).split('?')[0] ?? ''));
        if (!file.startsWith(folder)) {
          response.writeHead(404).end();
          return;
        }
        try {
          const content = await readFile(file);
          response.writeHead(200, {
            'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          });
          response.end(content);
        } catch {
          response.writeHead(404).end();
        }
        return;
      }
      if (path === '/api/v1/policy') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(addinServer.policy));
        return;
      }
      if (path.startsWith('/api/v1/tracked-messages')) {
        const text = await readBody(request);
        requests.push({
          method: request.method ?? '',
          path,
          authorization: request.headers.authorization ?? '',
          body: text === '' ? null : (JSON.parse(text) as unknown),
        });
        if (request.method === 'POST') {
          created += 1;
          const id = `e2eTrackingId${String(created).padStart(9, '0')}`;
          response.writeHead(201, { 'Content-Type': 'application/json' });
          response.end(
            JSON.stringify({ id, pixelUrl: `${origin}/o/${id}.gif`, createdAt: new Date().toISOString() }),
          );
          return;
        }
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ id: path.split('/').pop() }));
        return;
      }
      response.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const addinServer: AddinServer = {
    url: origin,
    requests,
    policy: { trackingEnabled: true, internalDomains: [], neverTrackDomains: [], notice: null },
    setAddinFolder: (value) => {
      folder = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return addinServer;
}
