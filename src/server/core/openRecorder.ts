import type { NewOpen, TrackingStore } from '../store/trackingStore';

export type RecordOutcome = 'recorded' | 'failed';

/** Hooks for metrics and logs; the recorder itself depends on neither. */
export interface OpenRecorderEvents {
  onBatchCommitted?(batchSize: number, commitSeconds: number): void;
  onBatchFailed?(batchSize: number, error: Error): void;
}

export interface OpenRecorderOptions {
  /** Upper bound of opens in one transaction, so one commit cannot grow without limit. Default 1000. */
  maxBatchSize?: number;
  events?: OpenRecorderEvents;
}

interface PendingOpen {
  open: NewOpen;
  settle(outcome: RecordOutcome): void;
}

/**
 * Writes opens with group commit: opens that arrive while a commit runs wait and go into the next
 * transaction together, so the commit rate, not a timer, sets the batch size. `record` settles only
 * after the open's batch committed (`recorded`) or failed (`failed`). It never rejects, so the pixel
 * response is sent either way.
 *
 * NOTE: with the SQLite store the commit, fsync included, runs on the event loop, so no request is
 * served while it runs; that caps the pixel's p99 latency under load (docs/BENCHMARKS.md).
 */
export class OpenRecorder {
  private readonly store: Pick<TrackingStore, 'recordOpens'>;
  private readonly maxBatchSize: number;
  private readonly events: OpenRecorderEvents;
  private pending: PendingOpen[] = [];
  private committing = false;
  private committingCount = 0;
  private flushScheduled = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(store: Pick<TrackingStore, 'recordOpens'>, options: OpenRecorderOptions = {}) {
    this.store = store;
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.events = options.events ?? {};
  }

  /** Number of opens waiting for a commit, the running one included. */
  get backlog(): number {
    return this.pending.length + this.committingCount;
  }

  record(open: NewOpen): Promise<RecordOutcome> {
    if (this.closed) {
      this.events.onBatchFailed?.(1, new Error('The open recorder is closed: the server is shutting down.'));
      return Promise.resolve('failed');
    }
    return new Promise((resolve) => {
      this.pending.push({ open, settle: resolve });
      this.scheduleFlush();
    });
  }

  /** Stops taking opens and resolves once every open taken so far is committed or failed. */
  close(): Promise<void> {
    this.closed = true;
    if (!this.committing && this.pending.length === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private scheduleFlush(): void {
    if (this.committing || this.flushScheduled) {
      return;
    }
    this.flushScheduled = true;
    // setImmediate lets every request already read from the sockets join this batch.
    setImmediate(() => {
      this.flushScheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.committing || this.pending.length === 0) {
      return;
    }
    this.committing = true;
    const batch = this.pending.splice(0, this.maxBatchSize);
    this.committingCount = batch.length;
    const started = process.hrtime.bigint();
    let outcome: RecordOutcome = 'recorded';
    try {
      await this.store.recordOpens(batch.map((item) => item.open));
      this.events.onBatchCommitted?.(batch.length, Number(process.hrtime.bigint() - started) / 1e9);
    } catch (error) {
      outcome = 'failed';
      this.events.onBatchFailed?.(batch.length, error instanceof Error ? error : new Error(String(error)));
    }
    this.committing = false;
    this.committingCount = 0;
    for (const item of batch) {
      item.settle(outcome);
    }
    if (this.pending.length > 0) {
      this.scheduleFlush();
    } else {
      this.notifyIdle();
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) {
      resolve();
    }
  }
}
