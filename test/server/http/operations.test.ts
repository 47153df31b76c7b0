import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../src/server/store/sqlite/migrations';
import { READMARK_VERSION } from '../../../src/server/version';
import { createTempDirectory } from '../../support/tempDirectory';
import { createTestApp, type TestApp } from '../../support/testApp';

describe('operations routes', () => {
  let test: TestApp;

  beforeEach(async () => {
    test = await createTestApp();
  });

  afterEach(async () => {
    await test.close();
  });

  it('lists the endpoints at the root', async () => {
    const test = await createTestApp();
    try {
      const response = await test.app.inject({ method: 'GET', url: '/' });

      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ health: '/healthz', addinManifest: '/addin/manifest.xml' });
      expect(response.json()).toMatchObject({ version: READMARK_VERSION });
      expect(response.json()).toMatchObject({ schemaVersion: MIGRATIONS[MIGRATIONS.length - 1]?.version });
    } finally {
      await test.close();
    }
  });

  it('answers /healthz', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/healthz' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('reports readiness without auth configured', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/readyz' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', keySet: 'not-configured', openWrites: 'ok' },
    });
  });

  it('reports a closed database as not ready', async () => {
    await test.store.close();

    const response = await test.app.inject({ method: 'GET', url: '/readyz' });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'not-ready',
      checks: { database: 'failed', keySet: 'not-configured', openWrites: 'ok' },
    });
  });

  it('keeps counting responses across scrapes', async () => {
    await test.app.inject({ method: 'GET', url: '/o/unknown.gif' });
    await test.app.inject({ method: 'GET', url: '/metrics' });
    await test.app.inject({ method: 'GET', url: '/o/unknown.gif' });
    await test.app.inject({ method: 'GET', url: '/o/unknown.gif' });

    const response = await test.app.inject({ method: 'GET', url: '/metrics' });

    expect(response.body).toContain('readmark_http_requests_total{method="GET",route="/o/*",status="200"} 3');
    expect(response.body).toContain(
      'readmark_http_requests_total{method="GET",route="/metrics",status="200"} 1',
    );
  });

  it('exposes request and open metrics in Prometheus format', async () => {
    await test.app.inject({ method: 'GET', url: '/o/unknown.gif' });

    const response = await test.app.inject({ method: 'GET', url: '/metrics' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    for (const name of [
      'readmark_http_requests_total{method="GET",route="/o/*",status="200"} 1',
      'readmark_opens_recorded_total 0',
      'readmark_opens_failed_total 0',
      'readmark_opens_dropped_total{reason="queue-full"} 0',
      'readmark_opens_dropped_total{reason="shutdown"} 0',
      'readmark_open_backlog 0',
      'readmark_open_batch_size_count 0',
      'readmark_open_commit_seconds_count 0',
    ]) {
      expect(response.body).toContain(name);
    }
  });

  it('serves the OpenAPI document', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/docs/openapi.json' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      openapi: '3.1.0',
      servers: [{ url: 'https://track.example.test' }],
      paths: { '/api/v1/tracked-messages': { post: expect.any(Object), get: expect.any(Object) } },
    });
  });

  it('answers the API with 503 AUTH_NOT_CONFIGURED without an API client id', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/v1/tracked-messages' });

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.json()).toMatchObject({ code: 'AUTH_NOT_CONFIGURED' });
  });
});

describe('add-in files', () => {
  it('serves the built add-in under /addin/ when the folder exists', async () => {
    const directory = await createTempDirectory();
    await mkdir(join(directory.path, 'assets'));
    await writeFile(join(directory.path, 'commands.html'), '<!doctype html><title>Commands</title>');
    const test = await createTestApp({ appOptions: { addinDirectory: directory.path } });
    try {
      const page = await test.app.inject({ method: 'GET', url: '/addin/commands.html' });
      const missing = await test.app.inject({ method: 'GET', url: '/addin/missing.html' });

      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('<title>Commands</title>');
      expect(missing.statusCode).toBe(404);
    } finally {
      await test.close();
      await directory.remove();
    }
  });

  it('warns when the manifest names another origin', async () => {
    const directory = await createTempDirectory();
    const manifest = (origin: string) =>
      `<OfficeApp><DefaultSettings><SourceLocation DefaultValue="${origin}/addin/status.html"/></DefaultSettings></OfficeApp>`;
    try {
      await writeFile(join(directory.path, 'manifest.xml'), manifest('https://localhost:3000'));
      const stale = await createTestApp({ appOptions: { addinDirectory: directory.path } });
      await stale.close();
      await writeFile(join(directory.path, 'manifest.xml'), manifest('https://track.example.test'));
      const current = await createTestApp({ appOptions: { addinDirectory: directory.path } });
      await current.close();

      const warnings = (lines: string[]) => lines.filter((line) => line.includes('manifestPageUrl'));
      expect(warnings(stale.logLines)).toHaveLength(1);
      expect(warnings(stale.logLines)[0]).toContain(
        'rebuild it with READMARK_PUBLIC_URL=https://track.example.test npm run build:addin',
      );
      expect(warnings(current.logLines)).toEqual([]);
    } finally {
      await directory.remove();
    }
  });

  it('answers 404 under /addin/ when the add-in is not built', async () => {
    const test = await createTestApp();
    try {
      const response = await test.app.inject({ method: 'GET', url: '/addin/commands.html' });

      expect(response.statusCode).toBe(404);
    } finally {
      await test.close();
    }
  });
});
