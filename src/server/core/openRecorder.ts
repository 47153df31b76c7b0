import { isStoreUnavailable } from '../store/unavailable';
import type { NewOpen, TrackingStore } from '../store/trackingStore';

/**
 * What became of one open when `record` settled:
 * - `recorded`: its batch was committed;
 * - `queued`: the database is unreachable or slow, so the open waits in memory and is written when
 *   the database answers again (it is not yet recorded, and may still be lost on a crash or a full queue);
 * - `dropped`: the in-memory queue was full, so the open was discarded;
 * - `failed`: the commit failed for a reason that retrying cannot fix, or the recorder is closed.
 */
export type RecordOutcome = 'recorded' | 'queued' | 'dropped' | 'failed';

/**
 * Builds the open of a hit that arrived while its message could not be looked up. It resolves to
 * null when the hit records nothing (an unknown or stopped message) and rejects when the database
 * is still unreachable, so that the hit waits for the next retry.
 */
export type DeferredOpen = () => Promise<NewOpen | null>;

/**
 * State of the open writes, for the readiness check. It is `ok` after a commit and `queueing` while
 * opens wait for an unreachable or hanging database. It is `failing` after a batch was lost to an
 * error that retrying cannot fix (a full disk, a read-only database), until a later commit succeeds.
 */
export type WriteState = 'ok' | 'queueing' | 'failing';

/** The reason opens were discarded without a commit. */
export type DropReason = 'queue-full' | 'shutdown';

/** Hooks for metrics and logs; the recorder itself depends on neither. */
export interface OpenRecorderEvents {
  onBatchCommitted?(batchSize: number, commitSeconds: number): void;
  onBatchFailed?(batchSize: number, error: Error): void;
  /** A batch failed because the database is unreachable; it is kept and retried after `retryInMs`. */
  onBatchDeferred?(batchSize: number, error: Error, retryInMs: number): void;
  onOpensDropped?(count: number, reason: DropReason): void;
}

export interface OpenRecorderOptions {
  /** Upper bound of opens in one transaction, so one commit cannot grow without limit. Default 1000. */
  maxBatchSize?: number;
  /**
   * Opens held in memory at most: waiting for a commit, being committed, or queued while the
   * database is away. Opens beyond it are dropped. Default 50,000.
   */
  maxPendingOpens?: number;
  /**
   * How long `record` waits for a commit before it settles with `queued`, so a hanging database
   * does not hold pixel responses. The commit itself goes on. Default 5,000 ms.
   */
  commitWaitMs?: number;
  /** First delay before a deferred batch is retried; it doubles up to `retryMaxDelayMs`. Default 100 ms. */
  retryInitialDelayMs?: number;
  /** Upper bound of the retry delay. Default 5,000 ms. */
  retryMaxDelayMs?: number;
  /** Tells an unreachable database (retry later) from any other failure. Default: `isStoreUnavailable`. */
  isUnavailable?: (error: Error) => boolean;
  events?: OpenRecorderEvents;
}

interface PendingOpen {
  /** Null until `build` has run, and after it when the hit records nothing. */
  open: NewOpen | null;
  /** Set until the open of a deferred hit is built. */
  build?: DeferredOpen;
  /** A commit with this open failed in a way that may still have written it. */
  attempted?: true;
  /** Null once `record` has settled with `queued`. */
  settle: ((outcome: RecordOutcome) => void) | null;
}

/**
 * Writes opens with group commit: opens that arrive while a commit runs wait and go into the next
 * transaction together, so the commit rate, not a timer, sets the batch size. `record` settles with
 * `recorded` only after the open's batch committed. It never rejects, so the pixel is served either way.
 *
 * While the database is unreachable (or a commit outlasts `commitWaitMs`) opens wait in a bounded
 * in-memory queue and `record` settles with `queued` at once; the queue is retried with exponential
 * backoff and written in order when the database responds again.
 *
 * A commit that timed out on the client may still have been applied by the server. Its retry
 * writes the same opens again, and the store skips those whose hit id it already has.
 */
export class OpenRecorder {
  private readonly store: Pick<TrackingStore, 'recordOpens'>;
  private readonly maxBatchSize: number;
  private readonly maxPendingOpens: number;
  private readonly commitWaitMs: number;
  private readonly retryInitialDelayMs: number;
  private readonly retryMaxDelayMs: number;
  private readonly isUnavailable: (error: Error) => boolean;
  private readonly events: OpenRecorderEvents;
  private pending: PendingOpen[] = [];
  private committing: PendingOpen[] = [];
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs = 0;
  /** The last commit failed because the database is unreachable. */
  private unavailable = false;
  /** The running commit has outlasted `commitWaitMs`. */
  private stalled = false;
  /** The last batch that settled was lost to an error retrying cannot fix. */
  private lastBatchLost = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(store: Pick<TrackingStore, 'recordOpens'>, options: OpenRecorderOptions = {}) {
    this.store = store;
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.maxPendingOpens = options.maxPendingOpens ?? 50_000;
    this.commitWaitMs = options.commitWaitMs ?? 5_000;
    this.retryInitialDelayMs = options.retryInitialDelayMs ?? 100;
    this.retryMaxDelayMs = options.retryMaxDelayMs ?? 5_000;
    this.isUnavailable = options.isUnavailable ?? isStoreUnavailable;
    this.events = options.events ?? {};
  }

  /** Number of opens held in memory: waiting, queued for a retry, or in the running commit. */
  get backlog(): number {
    return this.pending.length + this.committing.length;
  }

  /** True while opens are queued because the database is unreachable or a commit hangs. */
  get degraded(): boolean {
    return this.unavailable || this.stalled;
  }

  get writeState(): WriteState {
    if (this.degraded) return 'queueing';
    return this.lastBatchLost ? 'failing' : 'ok';
  }

  record(open: NewOpen): Promise<RecordOutcome> {
    const rejected = this.rejectNewOpen();
    if (rejected !== null) {
      return Promise.resolve(rejected);
    }
    if (this.degraded) {
      // The retry timer or the running commit picks these up; the pixel need not wait for it.
      this.pending.push({ open, settle: null });
      return Promise.resolve('queued');
    }
    return new Promise((resolve) => {
      this.pending.push({ open, settle: resolve });
      this.scheduleFlush();
    });
  }

  /**
   * Queues a hit whose message could not be looked up because the database is unreachable. Its
   * open is built and written with the next batch once the database responds, in arrival order
   * with the other queued opens, and counts against the same bound. It settles at once with
   * `queued`, or with `dropped` or `failed` as `record` does.
   */
  recordLater(build: DeferredOpen): Promise<RecordOutcome> {
    const rejected = this.rejectNewOpen();
    if (rejected !== null) {
      return Promise.resolve(rejected);
    }
    // The lookup has just found the database unreachable, so readiness reports it before a retry fails.
    this.unavailable = true;
    this.pending.push({ open: null, build, settle: null });
    this.scheduleFlush();
    return Promise.resolve('queued');
  }

  /** Returns the outcome of a new open that the recorder cannot take, or null when it can. */
  private rejectNewOpen(): RecordOutcome | null {
    if (this.closed) {
      this.events.onBatchFailed?.(1, new Error('The open recorder is closed: the server is shutting down.'));
      return 'failed';
    }
    if (this.backlog >= this.maxPendingOpens) {
      this.events.onOpensDropped?.(1, 'queue-full');
      return 'dropped';
    }
    return null;
  }

  /**
   * Stops taking opens and resolves once every open taken so far is committed, failed or, when
   * the database is unreachable, dropped (after one last attempt).
   */
  close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.scheduleFlush();
    }
    if (this.committing.length === 0 && this.pending.length === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private scheduleFlush(): void {
    if (this.committing.length > 0 || this.flushScheduled || this.retryTimer !== null) {
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
    if (this.committing.length > 0 || this.pending.length === 0) {
      return;
    }
    const batch = this.pending.splice(0, this.maxBatchSize);
    this.committing = batch;
    const waitTimer = setTimeout(() => this.stall(), this.commitWaitMs);
    const started = process.hrtime.bigint();
    let failure: Error | null = null;
    let opens: NewOpen[] = [];
    try {
      opens = await this.buildDeferredOpens(batch);
      const retry = batch.some((item) => item.attempted === true);
      if (opens.length > 0) {
        await this.store.recordOpens(opens, { retry });
      }
    } catch (error) {
      failure = asError(error);
    }
    clearTimeout(waitTimer);
    this.committing = [];
    this.stalled = false;

    this.lastBatchLost = failure !== null && !this.isUnavailable(failure);
    if (failure === null) {
      this.unavailable = false;
      this.retryDelayMs = 0;
      if (opens.length > 0) {
        this.events.onBatchCommitted?.(opens.length, Number(process.hrtime.bigint() - started) / 1e9);
      }
      settleAll(batch, 'recorded');
    } else if (this.isUnavailable(failure) && !this.closed) {
      this.defer(batch, failure);
      return;
    } else if (this.isUnavailable(failure)) {
      // Shutting down with the database away: the opens cannot be kept anywhere.
      const lost = [...batch, ...this.pending.splice(0)];
      const count = lost.filter((item) => item.open !== null || item.build !== undefined).length;
      this.events.onOpensDropped?.(count, 'shutdown');
      settleAll(lost, 'failed');
    } else {
      this.events.onBatchFailed?.(opens.length, failure);
      settleAll(batch, 'failed');
    }

    if (this.pending.length > 0) {
      this.scheduleFlush();
    } else {
      this.notifyIdle();
    }
  }

  /**
   * Builds the opens of the deferred hits in `batch`, in order, and returns every open of the batch.
   * A hit whose open fails to build is reported and left out, unless the database is unreachable.
   * Then this rejects, so that the whole batch is retried later.
   */
  private async buildDeferredOpens(batch: PendingOpen[]): Promise<NewOpen[]> {
    const opens: NewOpen[] = [];
    for (const item of batch) {
      if (item.build !== undefined) {
        try {
          item.open = await item.build();
        } catch (error) {
          const failure = asError(error);
          if (this.isUnavailable(failure)) throw failure;
          this.events.onBatchFailed?.(1, failure);
        }
        delete item.build;
      }
      if (item.open !== null) opens.push(item.open);
    }
    return opens;
  }

  /** Puts a batch back at the head of the queue and retries it after the next backoff delay. */
  private defer(batch: PendingOpen[], error: Error): void {
    this.unavailable = true;
    const waiting = batch.filter((item) => item.open !== null || item.build !== undefined);
    // The failed commit may have been applied, as when a connection drops while committing.
    for (const item of waiting) item.attempted = true;
    this.pending.unshift(...waiting);
    settleAll(this.pending, 'queued');
    this.retryDelayMs =
      this.retryDelayMs === 0
        ? this.retryInitialDelayMs
        : Math.min(this.retryDelayMs * 2, this.retryMaxDelayMs);
    this.events.onBatchDeferred?.(waiting.length, error, this.retryDelayMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, this.retryDelayMs);
  }

  /** Settles every waiting `record` with `queued`, because the running commit takes too long. */
  private stall(): void {
    this.stalled = true;
    settleAll(this.committing, 'queued');
    settleAll(this.pending, 'queued');
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) {
      resolve();
    }
  }
}

function settleAll(items: PendingOpen[], outcome: RecordOutcome): void {
  for (const item of items) {
    item.settle?.(outcome);
    item.settle = null;
  }
}

// Keeps the original object (and its `code`) even when it fails `instanceof Error`, as errors
// from another realm do.
function asError(error: unknown): Error {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return error as Error;
  }
  return new Error(String(error));
}
