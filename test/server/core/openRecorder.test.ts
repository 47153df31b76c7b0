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

function unreachable(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
}

/** A store that fails with `unreachable()` until `up` is set, and records what it committed. */
class OutageStore {
  up = false;
  attempts = 0;
  readonly committed: NewOpen[] = [];
  private waiters: Array<() => void> = [];

  recordOpens(opens: readonly NewOpen[]): Promise<void> {
    this.attempts += 1;
    for (const notify of this.waiters.splice(0)) {
      notify();
    }
    if (!this.up) {
      return Promise.reject(unreachable());
    }
    this.committed.push(...opens);
    return Promise.resolve();
  }

  async nextAttempt(count: number): Promise<void> {
    while (this.attempts < count) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 2));
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

  it('queues opens while the database is unreachable', async () => {
    const store = new OutageStore();
    const deferred: number[] = [];
    const committed: number[] = [];
    const recorder = new OpenRecorder(store, {
      retryInitialDelayMs: 1,
      retryMaxDelayMs: 4,
      events: {
        onBatchDeferred: (size) => deferred.push(size),
        onBatchCommitted: (size) => committed.push(size),
      },
    });

    const first = await Promise.all([recorder.record(open(1)), recorder.record(open(2))]);
    const during = await recorder.record(open(3));
    await store.nextAttempt(3);
    store.up = true;
    await until(() => recorder.backlog === 0);

    expect(first).toEqual(['queued', 'queued']);
    expect(during).toBe('queued');
    expect(deferred[0]).toBe(2);
    expect(store.committed.map((item) => item.trackingId)).toEqual(['id-1', 'id-2', 'id-3']);
    expect(committed).toEqual([3]);
    await expect(recorder.record(open(4))).resolves.toBe('recorded');
  });

  it('drops opens beyond the queue bound', async () => {
    const store = new OutageStore();
    const dropped: string[] = [];
    const recorder = new OpenRecorder(store, {
      maxPendingOpens: 3,
      retryInitialDelayMs: 1,
      events: { onOpensDropped: (count, reason) => dropped.push(`${count} ${reason}`) },
    });

    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((index) => recorder.record(open(index))));
    store.up = true;
    await until(() => recorder.backlog === 0);

    expect(outcomes).toEqual(['queued', 'queued', 'queued', 'dropped', 'dropped']);
    expect(dropped).toEqual(['1 queue-full', '1 queue-full']);
    expect(store.committed.map((item) => item.trackingId)).toEqual(['id-1', 'id-2', 'id-3']);
  });

  it('answers while a commit hangs, within the bound', async () => {
    const store = new GatedStore();
    const recorder = new OpenRecorder(store, { maxPendingOpens: 10, commitWaitMs: 5 });

    const first = recorder.record(open(1));
    await store.nextBatch(1);
    await expect(first).resolves.toBe('queued');
    const later = await Promise.all(
      Array.from({ length: 20 }, (_, index) => recorder.record(open(index + 2))),
    );

    expect(later.filter((outcome) => outcome === 'queued')).toHaveLength(9);
    expect(later.filter((outcome) => outcome === 'dropped')).toHaveLength(11);
    expect(recorder.backlog).toBe(10);
    store.release();
    await store.nextBatch(2);
    store.release();
    await until(() => recorder.backlog === 0);
    expect(store.batches.map((batch) => batch.length)).toEqual([1, 9]);
  });

  it('fails without retry on other errors', async () => {
    const store = new GatedStore();
    const deferred: number[] = [];
    const recorder = new OpenRecorder(store, { events: { onBatchDeferred: (size) => deferred.push(size) } });

    const outcome = recorder.record(open(1));
    await store.nextBatch(1);
    store.release(Object.assign(new Error('duplicate key value'), { code: '23505' }));

    await expect(outcome).resolves.toBe('failed');
    expect(deferred).toEqual([]);
    expect(recorder.backlog).toBe(0);
  });

  it('reports failing writes until a commit succeeds', async () => {
    const store = new GatedStore();
    const recorder = new OpenRecorder(store);

    const lost = recorder.record(open(1));
    await store.nextBatch(1);
    store.release(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    await lost;
    const afterLoss = recorder.writeState;
    const committed = recorder.record(open(2));
    await store.nextBatch(2);
    store.release();
    await committed;

    expect(afterLoss).toBe('failing');
    expect(recorder.writeState).toBe('ok');
  });

  it('reports queueing while the database is unreachable', async () => {
    const store = new OutageStore();
    const recorder = new OpenRecorder(store, { retryInitialDelayMs: 1, retryMaxDelayMs: 4 });

    await recorder.record(open(1));
    const during = recorder.writeState;
    store.up = true;
    await until(() => recorder.backlog === 0);

    expect(during).toBe('queueing');
    expect(recorder.writeState).toBe('ok');
  });

  it('close drops the queue when the database stays away', async () => {
    const store = new OutageStore();
    const dropped: string[] = [];
    const recorder = new OpenRecorder(store, {
      retryInitialDelayMs: 60_000,
      events: { onOpensDropped: (count, reason) => dropped.push(`${count} ${reason}`) },
    });

    await Promise.all([recorder.record(open(1)), recorder.record(open(2))]);
    await recorder.close();

    expect(store.attempts).toBe(2);
    expect(dropped).toEqual(['2 shutdown']);
    expect(recorder.backlog).toBe(0);
  });

  describe('recordLater', () => {
    /** Builds `result` once `store.up` is set, and rejects as unreachable before. */
    function builtWhenUp(store: OutageStore, result: NewOpen | null): () => Promise<NewOpen | null> {
      return () => (store.up ? Promise.resolve(result) : Promise.reject(unreachable()));
    }

    it('writes a deferred open in arrival order once the database answers', async () => {
      const store = new OutageStore();
      const committed: number[] = [];
      const recorder = new OpenRecorder(store, {
        retryInitialDelayMs: 1,
        retryMaxDelayMs: 4,
        events: { onBatchCommitted: (size) => committed.push(size) },
      });

      const outcomes = [
        await recorder.record(open(1)),
        await recorder.recordLater(builtWhenUp(store, open(2))),
        await recorder.record(open(3)),
      ];
      const during = { state: recorder.writeState, backlog: recorder.backlog };
      store.up = true;
      await until(() => recorder.backlog === 0);

      expect(outcomes).toEqual(['queued', 'queued', 'queued']);
      expect(during).toEqual({ state: 'queueing', backlog: 3 });
      expect(store.committed.map((item) => item.trackingId)).toEqual(['id-1', 'id-2', 'id-3']);
      expect(committed).toEqual([3]);
    });

    it('retries a deferred open before any commit failed', async () => {
      const store = new OutageStore();
      const recorder = new OpenRecorder(store, { retryInitialDelayMs: 1, retryMaxDelayMs: 4 });
      let builds = 0;

      const outcome = await recorder.recordLater(() => {
        builds += 1;
        return builds < 3 ? Promise.reject(unreachable()) : Promise.resolve(open(1));
      });
      const during = recorder.writeState;
      store.up = true;
      await until(() => recorder.backlog === 0);

      expect(outcome).toBe('queued');
      expect(during).toBe('queueing');
      expect(builds).toBe(3);
      expect(store.committed.map((item) => item.trackingId)).toEqual(['id-1']);
      expect(recorder.writeState).toBe('ok');
    });

    it('writes nothing for a hit that records nothing', async () => {
      const store = new OutageStore();
      store.up = true;
      const committed: number[] = [];
      const recorder = new OpenRecorder(store, {
        events: { onBatchCommitted: (size) => committed.push(size) },
      });

      await recorder.recordLater(() => Promise.resolve(null));
      await until(() => recorder.backlog === 0);

      expect(store.attempts).toBe(0);
      expect(committed).toEqual([]);
    });

    it('reports a build that fails for another reason and writes the rest', async () => {
      const store = new OutageStore();
      store.up = true;
      const failed: string[] = [];
      const recorder = new OpenRecorder(store, {
        events: { onBatchFailed: (size, error) => failed.push(`${size} ${error.message}`) },
      });

      await recorder.recordLater(() => Promise.reject(new Error('invalid target row')));
      const recorded = recorder.record(open(2));
      await until(() => recorder.backlog === 0);

      expect(failed).toEqual(['1 invalid target row']);
      // Queued, not awaited: a hit is only deferred when its lookup found the database away.
      await expect(recorded).resolves.toBe('queued');
      expect(store.committed.map((item) => item.trackingId)).toEqual(['id-2']);
    });

    it('counts deferred hits against the queue bound', async () => {
      const store = new OutageStore();
      const recorder = new OpenRecorder(store, { maxPendingOpens: 2, retryInitialDelayMs: 60_000 });

      const outcomes = [
        await recorder.record(open(1)),
        await recorder.recordLater(builtWhenUp(store, open(2))),
        await recorder.recordLater(builtWhenUp(store, open(3))),
      ];
      await recorder.close();

      expect(outcomes).toEqual(['queued', 'queued', 'dropped']);
    });

    it('drops deferred hits at close when the database stays away', async () => {
      const store = new OutageStore();
      const dropped: string[] = [];
      const recorder = new OpenRecorder(store, {
        retryInitialDelayMs: 60_000,
        events: { onOpensDropped: (count, reason) => dropped.push(`${count} ${reason}`) },
      });

      await recorder.recordLater(builtWhenUp(store, open(1)));
      await recorder.close();

      expect(dropped).toEqual(['1 shutdown']);
      expect(recorder.backlog).toBe(0);
    });
  });
});
