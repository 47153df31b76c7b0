import Database from 'better-sqlite3';
import { RETRY_AFTER_SECONDS } from '../../../src/server/http/errorReplies';
import {
  SqliteTrackingStore,
  type SqliteStoreOptions,
} from '../../../src/server/store/sqlite/sqliteTrackingStore';
import type { TrackingStore } from '../../../src/server/store/trackingStore';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { apiErrorBody, createScenario, expectPixel, type Scenario } from './scenario';
import { createSwitchableStore } from './switchableStore';

const LIST_URL = '/api/v1/tracked-messages';
const storageUnavailable = apiErrorBody('STORAGE_UNAVAILABLE', { retryAfterSeconds: RETRY_AFTER_SECONDS });

/** Polls until `condition` holds; fails after about five seconds of polling. */
async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The condition did not hold after 100 polls.');
}

describe('storage faults', () => {
  let issuer: LocalTokenIssuer;
  let scenario: Scenario;
  let switchStore: (next: TrackingStore) => void;
  const faultyStores: SqliteTrackingStore[] = [];

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
  });

  afterAll(async () => {
    await issuer.stop();
  });

  beforeEach(async () => {
    scenario = await createScenario(issuer, {
      wrapStore: (store) => {
        const switchable = createSwitchableStore(store);
        switchStore = switchable.use;
        return switchable.store;
      },
    });
  });

  afterEach(async () => {
    await scenario.close();
    for (const store of faultyStores.splice(0)) {
      await store.close();
    }
  });

  /** Puts a second connection to the same database file, with extra options, under the app. */
  function useFaultyConnection(options: Omit<SqliteStoreOptions, 'path'>): SqliteTrackingStore {
    const store = new SqliteTrackingStore({ path: scenario.databasePath, ...options });
    faultyStores.push(store);
    switchStore(store);
    return store;
  }

  function restoreConnection(): void {
    switchStore(scenario.test.store);
  }

  function create(clientRequestId: string, subject = 'Fault test') {
    return scenario.test.app.inject({
      method: 'POST',
      url: LIST_URL,
      headers: { authorization: `Bearer ${scenario.tokens.alice}` },
      payload: { clientRequestId, subject },
    });
  }

  function list() {
    return scenario.test.app.inject({
      method: 'GET',
      url: LIST_URL,
      headers: { authorization: `Bearer ${scenario.tokens.alice}` },
    });
  }

  async function openCount(): Promise<number> {
    return Promise.resolve(scenario.dump().opens.length);
  }

  async function failedOpensMetric(): Promise<number> {
    const response = await scenario.test.app.inject({ method: 'GET', url: '/metrics' });
    const line = response.body.split('\n').find((text) => text.startsWith('readmark_opens_failed_total'));
    return Number(line?.split(' ')[1] ?? 'NaN');
  }

  async function expectPixelLossCounted(): Promise<void> {
    const opensBefore = await openCount();
    const failedBefore = await failedOpensMetric();

    expectPixel(await scenario.test.app.inject({ method: 'GET', url: `/o/${scenario.activeId}.gif` }));

    expect(await openCount()).toBe(opensBefore);
    expect(await failedOpensMetric()).toBe(failedBefore + 1);
  }

  function readiness() {
    return scenario.test.app.inject({ method: 'GET', url: '/readyz' });
  }

  describe('database full', () => {
    it('answers 503, keeps every acknowledged write and recovers', async () => {
      const reader = new Database(scenario.databasePath, { readonly: true });
      const pageCount = reader.pragma('page_count', { simple: true }) as number;
      reader.close();
      useFaultyConnection({ pragmas: { max_page_count: pageCount } });

      const acknowledged: string[] = [];
      let refusal;
      for (let attempt = 0; attempt < 500 && refusal === undefined; attempt += 1) {
        const response = await create(`fill-${attempt}`, 'x'.repeat(1000));
        if (response.statusCode === 201) {
          acknowledged.push(response.json<{ id: string }>().id);
        } else {
          refusal = response;
        }
      }

      expect(refusal?.statusCode).toBe(503);
      expect(refusal?.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
      expect(refusal?.json()).toEqual(storageUnavailable);
      expect((await list()).statusCode).toBe(200);
      // Small open rows still fit into free space in existing pages for a while: each hit is
      // either recorded or counted as lost, until the pages are full too.
      let lost = 0;
      for (let hit = 0; hit < 2000 && lost === 0; hit += 1) {
        const opensBefore = await openCount();
        const failedBefore = await failedOpensMetric();
        expectPixel(await scenario.test.app.inject({ method: 'GET', url: `/o/${scenario.activeId}.gif` }));
        lost = (await failedOpensMetric()) - failedBefore;
        expect((await openCount()) - opensBefore + lost).toBe(1);
      }
      expect(lost).toBe(1);

      // Space freed: the server restarts on the same file without the cap.
      restoreConnection();
      const check = new Database(scenario.databasePath, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set(
        (
          check.prepare('SELECT tracking_id FROM tracked_messages').all() as Array<{ tracking_id: string }>
        ).map((row) => row.tracking_id),
      );
      check.close();
      for (const id of acknowledged) {
        expect(stored.has(id)).toBe(true);
      }
      expect((await create('after-space-freed')).statusCode).toBe(201);
    });
  });

  describe('database locked beyond the busy timeout', () => {
    it('answers 503 to writes, queues opens and accepts the retry', async () => {
      useFaultyConnection({ busyTimeoutMs: 20 });
      const locker = new Database(scenario.databasePath);
      locker.prepare('BEGIN IMMEDIATE').run();
      const before = scenario.dump();

      try {
        const refused = await create('while-locked');
        expect(refused.statusCode).toBe(503);
        expect(refused.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
        expect(refused.json()).toEqual(storageUnavailable);
        expect((await list()).statusCode).toBe(200);
        // SQLITE_BUSY counts as a passing outage: the open waits in memory instead of being lost.
        expectPixel(await scenario.test.app.inject({ method: 'GET', url: `/o/${scenario.activeId}.gif` }));
        expect(scenario.dump()).toEqual(before);
        const whileLocked = await readiness();
        expect(whileLocked.statusCode).toBe(503);
        expect(whileLocked.json()).toMatchObject({ checks: { openWrites: 'queueing' } });
      } finally {
        locker.prepare('ROLLBACK').run();
        locker.close();
      }

      await waitFor(() => scenario.dump().opens.length === before.opens.length + 1);
      expect(scenario.dump().trackedMessages).toHaveLength(before.trackedMessages.length);
      // The row is visible as soon as the commit lands, a moment before the recorder hears of it.
      await waitFor(async () => (await readiness()).statusCode === 200);
      const retried = await create('while-locked');
      expect(retried.statusCode).toBe(201);
      expect(scenario.dump().trackedMessages).toHaveLength(before.trackedMessages.length + 1);
    });
  });

  describe('read-only database', () => {
    // The tests run as root, which ignores file modes, so SQLite's query_only stands in for a
    // read-only file or file system: every write fails with SQLITE_READONLY.
    it('answers 503 to every kind of write and keeps the data', async () => {
      useFaultyConnection({ pragmas: { query_only: 1 } });
      const before = scenario.dump();
      const authorization = `Bearer ${scenario.tokens.alice}`;
      const writes = [
        () => create('read-only'),
        () =>
          scenario.test.app.inject({
            method: 'PATCH',
            url: `${LIST_URL}/${scenario.activeId}`,
            headers: { authorization },
            payload: { stopped: true },
          }),
        () =>
          scenario.test.app.inject({
            method: 'DELETE',
            url: `${LIST_URL}/${scenario.activeId}`,
            headers: { authorization },
          }),
      ];

      for (const write of writes) {
        const response = await write();
        expect(response.statusCode).toBe(503);
        expect(response.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
        expect(response.json()).toEqual(storageUnavailable);
      }
      await expectPixelLossCounted();
      expect(scenario.dump()).toEqual(before);
      const readOnly = await readiness();
      expect(readOnly.statusCode).toBe(503);
      expect(readOnly.json()).toMatchObject({ checks: { database: 'ok', openWrites: 'failing' } });
    });
  });

  it('rejects a malformed pragma option', () => {
    expect(() => new SqliteTrackingStore({ path: scenario.databasePath, pragmas: { 'x; DROP': 1 } })).toThrow(
      'The SQLite pragma "x; DROP" = 1 is invalid: use a lower-case pragma name and an integer.',
    );
  });
});
