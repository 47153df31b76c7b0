import { OpenRecorder } from '../../../src/server/core/openRecorder';
import type { NewOpen } from '../../../src/server/store/trackingStore';

function open(index: number): NewOpen {
  return {
    trackingId: `id-${index}`,
    tenantId: 'tenant',
    at: new Date(Date.UTC(2026, 2, 2, 9, 0, 0, index)),
    method: 'GET',
    userAgent: null,
    clientNetwork: null,
    kind: 'unknown',
    confidence: 0,
    reasons: [],
  };
}

/** A store whose commits wait until the test releases them. */
class GatedStore {
  readonly batches: NewOpen[][] = [];
  private releases: Array<(error?: Error) => void> = [];
  private waiters: Array<() => void> = [];

  recordOpens(opens: readonly NewOpen[]): Promise<void> {
    this.batches.push([...opens]);
    for (const notify of this.waiters.splice(0)) {
      notify();
    }
    return new Promise((resolve, reject) => {
      this.releases.push((error) => (error === undefined ? resolve() : reject(error)));
    });
  }

  async nextBatch(count: number): Promise<void> {
    while (this.batches.length < count) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  release(error?: Error): void {
    this.releases.shift()?.(error);
  }
}

describe('OpenRecorder', () => {
  it('puts opens that arrive during a commit into the next batch', async () => {
    const store = new GatedStore();
    const recorder = new OpenRecorder(store);

    const first = recorder.record(open(1));
    await store.nextBatch(1);
    const waiting = [recorder.record(open(2)), recorder.record(open(3)), recorder.record(open(4))];
    store.release();
    await store.nextBatch(2);
    store.release();

    await expect(first).resolves.toBe('recorded');
    await expect(Promise.all(waiting)).resolves.toEqual(['recorded', 'recorded', 'recorded']);
    expect(store.batches.map((batch) => batch.map((item) => item.trackingId))).toEqual([
      ['id-1'],
      ['id-2', 'id-3', 'id-4'],
    ]);
  });

  it('settles only after the commit', async () => {
    const store = new GatedStore();
    const recorder = new OpenRecorder(store);
    let settled = false;

    const pending = recorder.record(open(1)).then((outcome) => {
      settled = true;
      return outcome;
    });
    await store.nextBatch(1);
    await new Promise((resolve) => setImmediate(resolve));

    expect(settled).toBe(false);
    store.release();
    await expect(pending).resolves.toBe('recorded');
  });

  it('reports a failed batch without rejecting', async () => {
    const store = new GatedStore();
    const failures: number[] = [];
    const recorder = new OpenRecorder(store, { events: { onBatchFailed: (size) => failures.push(size) } });

    const outcomes = Promise.all([recorder.record(open(1)), recorder.record(open(2))]);
    await store.nextBatch(1);
    store.release(new Error('disk I/O error'));

    await expect(outcomes).resolves.toEqual(['failed', 'failed']);
    expect(failures).toEqual([2]);
  });

  it('caps the batch size', async () => {
    const store = new GatedStore();
    const recorder = new OpenRecorder(store, { maxBatchSize: 2 });

    const outcomes = Promise.all([1, 2, 3, 4, 5].map((index) => recorder.record(open(index))));
    for (let batch = 1; batch <= 3; batch += 1) {
      await store.nextBatch(batch);
      store.release();
    }

    await expect(outcomes).resolves.toHaveLength(5);
    expect(store.batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
  });

  it('close waits for every taken open and refuses new ones', async () => {
    const store = new GatedStore();
    const recorder = new OpenRecorder(store);
    const taken = recorder.record(open(1));
    await store.nextBatch(1);
    const queued = recorder.record(open(2));

    let closed = false;
    const closing = recorder.close().then(() => {
      closed = true;
    });
    await expect(recorder.record(open(3))).resolves.toBe('failed');
    store.release();
    await store.nextBatch(2);
    expect(closed).toBe(false);
    store.release();
    await closing;

    await expect(taken).resolves.toBe('recorded');
    await expect(queued).resolves.toBe('recorded');
  });
});
