import { request as httpRequest, Agent } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseServerConfig } from '../../src/server/config/parseServerConfig';
import { createServerLogger } from '../../src/server/http/logger';
import { PIXEL_GIF } from '../../src/server/http/pixelResponse';
import { startServer, type RunningServer } from '../../src/server/server';
import { MIGRATIONS } from '../../src/server/store/sqlite/migrations';
import { SqliteTrackingStore } from '../../src/server/store/sqlite/sqliteTrackingStore';
import type { NewOpen, Sender } from '../../src/server/store/trackingStore';
import { LocalTokenIssuer } from '../support/localTokenIssuer';
import { createTempDirectory } from '../support/tempDirectory';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Sends a request with the path exactly as given (no URL normalisation), over a real socket. */
function send(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent } = {},
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: options.agent,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('server over a loopback socket', () => {
  let issuer: LocalTokenIssuer;
  let directory: Awaited<ReturnType<typeof createTempDirectory>>;
  let server: RunningServer;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
    directory = await createTempDirectory();
    const config = parseServerConfig({
      port: '0',
      database: join(directory.path, 'readmark.db'),
      publicUrl: 'https://track.example.test',
    });
    server = await startServer(
      { ...config, auth: issuer.authConfig() },
      { logger: createServerLogger('silent') },
    );
  });

  afterAll(async () => {
    await server.close();
    await issuer.stop();
    await directory.remove();
  });

  it('creates a message, records a pixel load and reports it', async () => {
    const token = await issuer.issueToken();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await send(server.url, '/api/v1/tracked-messages', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ clientRequestId: 'loopback-1', subject: 'Hello' }),
    });
    expect(created.status).toBe(201);
    const { id } = JSON.parse(created.body.toString('utf8')) as { id: string };

    const pixel = await send(server.url, `/o/${id}.gif`, { headers: { 'user-agent': 'Thunderbird/128.0' } });

    expect(pixel.status).toBe(200);
    expect(pixel.headers['content-type']).toBe('image/gif');
    expect(pixel.body.equals(PIXEL_GIF)).toBe(true);
    const detail = await send(server.url, `/api/v1/tracked-messages/${id}`, { headers: auth });
    // The pixel came from the loopback network of the sender's own API calls: a likely self view.
    expect(JSON.parse(detail.body.toString('utf8'))).toMatchObject({
      opens: { counts: { self: 1 } },
      recentOpens: [{ userAgent: 'Thunderbird/128.0', clientNetwork: '127.0.0.0/24' }],
    });
  });

  it.each([
    ['dot-dot segments', '/o/../../etc/passwd.gif'],
    ['encoded dots', '/o/%2e%2e/x.gif'],
    ['3000-character id', `/o/${'A'.repeat(3000)}.gif`],
    ['NUL byte', '/o/%00.gif'],
  ])('answers a raw path with %s with the GIF', async (_name, path) => {
    const response = await send(server.url, path);

    expect(response.status).toBe(200);
    expect(response.body.equals(PIXEL_GIF)).toBe(true);
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect((await send(server.url, '/healthz')).status).toBe(200);
    expect((await send(server.url, '/readyz')).status).toBe(200);
    const metrics = (await send(server.url, '/metrics')).body.toString('utf8');
    expect(metrics).toContain('readmark_opens_recorded_total');
    expect(metrics).toMatch(/readmark_http_requests_total\{method="GET",route="\/o\/\*",status="200"\} \d+/);
    const openApi = JSON.parse((await send(server.url, '/docs/openapi.json')).body.toString('utf8')) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(openApi.openapi).toBe('3.1.0');
    expect(Object.keys(openApi.paths)).toEqual(
      expect.arrayContaining(['/o/{file}', '/api/v1/tracked-messages', '/api/v1/tracked-messages/{id}']),
    );
  });
});

describe('graceful shutdown', () => {
  const sender: Sender = {
    tenantId: '8f1d2c3b-4a5e-4f60-9b7c-1d2e3f405162',
    objectId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  };
  const trackingId = 'Kx3vQ9mZ2pL8rT5wY1nB7g';

  it('commits every acknowledged open before the process would exit', async () => {
    const directory = await createTempDirectory();
    const path = join(directory.path, 'readmark.db');
    const sqlite = new SqliteTrackingStore({ path });
    await sqlite.migrate();
    await sqlite.createTrackedMessage({
      trackingId,
      sender,
      clientRequestId: 'shutdown',
      subject: null,
      recipientCount: null,
      createdAt: new Date(),
    });

    // The first commit waits until the test opens the gate, so later hits pile up behind it.
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    let firstCommit = true;
    const store = Object.assign(Object.create(sqlite) as SqliteTrackingStore, {
      recordOpens: async (opens: readonly NewOpen[]) => {
        if (firstCommit) {
          firstCommit = false;
          await gate;
        }
        return sqlite.recordOpens(opens);
      },
    });
    const config = parseServerConfig({ port: '0', database: path });
    const server = await startServer(config, { logger: createServerLogger('silent'), store });
    const agent = new Agent({ keepAlive: true, maxSockets: 30 });

    try {
      const hits = Array.from({ length: 25 }, () => send(server.url, `/o/${trackingId}.gif`, { agent }));
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const metrics = (await send(server.url, '/metrics')).body.toString('utf8');
        if (/^readmark_open_backlog 25$/m.test(metrics)) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }

      const closing = server.close();
      openGate();
      const responses = await Promise.all(hits);
      await closing;

      const acknowledged = responses.filter(
        (response) => response.status === 200 && response.body.equals(PIXEL_GIF),
      );
      expect(acknowledged).toHaveLength(25);
      // The responses ask keep-alive clients to close, so they do not keep the closing server open.
      expect(responses.map((response) => response.headers.connection)).toEqual(Array(25).fill('close'));
      const reader = new Database(path, { readonly: true });
      const row = reader
        .prepare('SELECT count(*) AS opens FROM opens WHERE tracking_id = ?')
        .get(trackingId) as {
        opens: number;
      };
      const counter = reader
        .prepare(
          `SELECT opens_human + opens_human_via_proxy + opens_prefetch + opens_scanner + opens_self
             + opens_unknown AS counted FROM tracked_messages WHERE tracking_id = ?`,
        )
        .get(trackingId) as { counted: number };
      reader.close();
      expect(row.opens).toBe(25);
      // All 25 come from one client at once: the first counts and the rest are stored as repeats.
      expect(counter.counted).toBe(1);
    } finally {
      agent.destroy();
      await server.close();
      await directory.remove();
    }
  });
});

test('start log names port, store, migrations and missing API', async () => {
  const directory = await createTempDirectory();
  const lines: Record<string, unknown>[] = [];
  const logger = createServerLogger('info', {
    write: (line: string) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  const config = parseServerConfig({ port: '0', database: join(directory.path, 'readmark.db') });
  const server = await startServer(config, { logger });
  try {
    const started = lines.find((line) => line.msg === 'server started');

    expect(started?.port).toBe(Number(new URL(server.url).port));
    expect(started?.store).toEqual({ database: 'sqlite', path: join(directory.path, 'readmark.db') });
    const migrated = lines.find((line) => line.msg === 'database migrations applied');
    expect(migrated?.versions).toEqual(MIGRATIONS.map(({ version }) => version));
    const unconfigured = lines.find((line) => String(line.msg).startsWith('the API is not configured'));
    expect(unconfigured?.level).toBe(40);
  } finally {
    await server.close();
    await directory.remove();
  }
});
