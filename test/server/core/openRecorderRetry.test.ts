import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { OpenRecorder } from '../../../src/server/core/openRecorder';
import { SqliteTrackingStore } from '../../../src/server/store/sqlite/sqliteTrackingStore';
import type { NewOpen } from '../../../src/server/store/trackingStore';
import { createTrackedMessageFor, outlookOpen } from '../../support/openFixtures';
import { createTempDirectory } from '../../support/tempDirectory';

const SENDER = { tenantId: randomUUID(), objectId: randomUUID() };

/**
 * A SQLite store whose first commit is applied but reported as a lost connection, as when a
 * PostgreSQL commit succeeds and its reply never arrives.
 */
class LostAnswerStore {
  lostAnswers = 1;

  constructor(private readonly inner: SqliteTrackingStore) {}

  readonly retries: boolean[] = [];

  async recordOpens(opens: readonly NewOpen[], options: { retry?: boolean } = {}): Promise<void> {
    this.retries.push(options.retry === true);
    await this.inner.recordOpens(opens, options);
    if (this.lostAnswers > 0) {
      this.lostAnswers -= 1;
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    }
  }
}

describe('OpenRecorder retry after a lost commit answer', () => {
  let directory: Awaited<ReturnType<typeof createTempDirectory>>;
  let store: SqliteTrackingStore;

  beforeEach(async () => {
    directory = await createTempDirectory();
    store = new SqliteTrackingStore({ path: join(directory.path, 'readmark.db') });
    await store.migrate();
  });

  afterEach(async () => {
    await store.close();
    await directory.remove();
  });

  it('writes each open once', async () => {
    const trackingId = await createTrackedMessageFor(store, SENDER);
    const lossy = new LostAnswerStore(store);
    const recorder = new OpenRecorder(lossy, { retryInitialDelayMs: 1 });
    const hit = (second: number) => outlookOpen(trackingId, SENDER, second);

    const outcomes = await Promise.all([recorder.record(hit(1)), recorder.record(hit(2))]);
    await recorder.close();

    expect(outcomes).toEqual(['queued', 'queued']);
    expect(lossy.retries).toEqual([false, true]);
    const page = await store.listOpens(SENDER, trackingId, { limit: 10, cursor: null });
    expect(page.items).toHaveLength(2);
    expect((await store.getTrackedMessage(SENDER, trackingId))?.opens.counts.human).toBe(2);
  });
});
