import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { OpenRecorder } from '../../../src/server/core/openRecorder';
import { generateTrackingId } from '../../../src/server/core/trackingId';
import { SqliteTrackingStore } from '../../../src/server/store/sqlite/sqliteTrackingStore';
import type { NewOpen } from '../../../src/server/store/trackingStore';
import { createTempDirectory } from '../../support/tempDirectory';

const SENDER = { tenantId: randomUUID(), objectId: randomUUID() };

/**
 * A SQLite store whose first commit is applied but reported as a lost connection, as when a
 * PostgreSQL commit succeeds and the answer never arrives.
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
    const trackingId = generateTrackingId();
    await store.createTrackedMessage({
      trackingId,
      sender: SENDER,
      clientRequestId: randomUUID(),
      subject: null,
      recipientCount: null,
      createdAt: new Date('2026-03-02T09:00:00Z'),
    });
    const lossy = new LostAnswerStore(store);
    const recorder = new OpenRecorder(lossy, { retryInitialDelayMs: 1 });
    const hit = (second: number): NewOpen => ({
      hitId: randomUUID(),
      trackingId,
      tenantId: SENDER.tenantId,
      at: new Date(Date.UTC(2026, 2, 2, 10, 0, second)),
      method: 'GET',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      clientNetwork: '203.0.113.0/24',
      kind: 'human',
      confidence: 0.8,
      reasons: ['outlook-windows'],
    });

    const outcomes = await Promise.all([recorder.record(hit(1)), recorder.record(hit(2))]);
    await recorder.close();

    expect(outcomes).toEqual(['queued', 'queued']);
    expect(lossy.retries).toEqual([false, true]);
    const page = await store.listOpens(SENDER, trackingId, { limit: 10, cursor: null });
    expect(page.items).toHaveLength(2);
    expect((await store.getTrackedMessage(SENDER, trackingId))?.opens.counts.human).toBe(2);
  });
});
