import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SqliteTrackingStore } from '../../../src/server/store/sqlite/sqliteTrackingStore';
import type { TrackingStore } from '../../../src/server/store/trackingStore';
import { injectApi } from '../../support/apiClient';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { createTestApp, type TestApp } from '../../support/testApp';

const IPV4 = '203.0.113.77';
const IPV6 = '2001:db8:abcd:12:3456:789a:bcde:f012';
const HASH_KEY = 'test-only-address-key-0123456789abcdef';

/** Fails the first pixel lookup, so the failure path writes its log line too. */
function failFirstLookup(store: SqliteTrackingStore): TrackingStore {
  let failed = false;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'findPixelTarget' && !failed) {
        failed = true;
        return () => Promise.reject(new Error('database is locked'));
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Creates a tracked message through the API from IPV4 and returns its id. */
async function createFromIpv4(
  test: TestApp,
  token: string,
  payload: Record<string, unknown>,
): Promise<string> {
  const created = await test.app.inject({
    method: 'POST',
    url: '/api/v1/tracked-messages',
    remoteAddress: IPV4,
    headers: { authorization: `Bearer ${token}` },
    payload: { clientRequestId: randomUUID(), ...payload },
  });
  return created.json<{ id: string }>().id;
}

/** Every byte the database wrote: the main file and its WAL and shared-memory files. */
async function databaseText(test: TestApp): Promise<string> {
  if (test.config.database.kind !== 'sqlite') throw new Error('the test app runs on SQLite');
  const folder = dirname(test.config.database.path);
  const names = await readdir(folder);
  const contents = await Promise.all(
    names.filter((name) => name.startsWith('readmark.db')).map((name) => readFile(join(folder, name))),
  );
  return contents.map((content) => content.toString('latin1')).join('\n');
}

describe.each([
  ['truncation', {}, ['203.0.113.0/24', '2001:db8:abcd::/48']],
  ['keyed hashing', { clientAddressMode: 'hash', clientAddressKey: HASH_KEY }, null],
] as const)('client addresses with %s', (_name, serverOptions, expectedNetworks) => {
  let issuer: LocalTokenIssuer;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
  });

  afterAll(async () => {
    await issuer.stop();
  });

  it('let a hit from the sender’s own address count as a self view', async () => {
    const test = await createTestApp({ issuer, serverOptions });
    try {
      const token = await issuer.issueToken({ claims: { oid: randomUUID() } });
      const id = await createFromIpv4(test, token, {});
      const sentAt = new Date(Date.now() - 3_600_000).toISOString();
      await injectApi(test.app, token, 'PATCH', `/api/v1/tracked-messages/${id}`, { sentAt });

      await test.app.inject({ method: 'GET', url: `/o/${id}.gif`, remoteAddress: IPV4 });

      const detail = await injectApi(test.app, token, 'GET', `/api/v1/tracked-messages/${id}`);
      const [hit] = detail.json<{ recentOpens: Array<{ kind: string; reasons: string[] }> }>().recentOpens;
      expect(hit).toMatchObject({
        kind: 'self',
        reasons: expect.arrayContaining(['sender-network']) as unknown,
      });
    } finally {
      await test.close();
    }
  });

  it('never reach the database or the logs in full', async () => {
    const test = await createTestApp({ issuer, serverOptions, wrapStore: failFirstLookup });
    let stored: string[] = [];
    try {
      const token = await issuer.issueToken({ claims: { oid: randomUUID() } });
      const id = await createFromIpv4(test, token, { subject: 'Minimisation', recipientCount: 1 });
      for (const remoteAddress of [IPV4, IPV4, IPV6, `::ffff:${IPV4}`]) {
        await test.app.inject({ method: 'GET', url: `/o/${id}.gif`, remoteAddress });
      }
      await test.app.inject({ method: 'GET', url: '/api/v1/nowhere', remoteAddress: IPV6 });
      const exported = await injectApi(test.app, token, 'GET', '/api/v1/me/export');
      stored = exported
        .json<{ trackedMessages: Array<{ openList: Array<{ clientNetwork: string }> }> }>()
        .trackedMessages.flatMap((message) => message.openList.map((open) => open.clientNetwork));
    } finally {
      await test.app.close();
    }

    if (expectedNetworks === null) {
      expect(stored).toHaveLength(3);
      expect(stored.every((network) => /^h:[A-Za-z0-9_-]{22}$/.test(network))).toBe(true);
      expect(new Set(stored).size).toBe(2);
    } else {
      expect(new Set(stored)).toEqual(new Set(expectedNetworks));
    }
    const logs = test.logLines.join('\n');
    expect(logs).toContain('pixel hit could not be processed');
    const database = await databaseText(test);
    for (const text of [IPV4, IPV6, '203.0.113.77', 'abcd:12:3456', HASH_KEY]) {
      expect(database).not.toContain(text);
      expect(logs).not.toContain(text);
    }
    await test.close();
  });
});
