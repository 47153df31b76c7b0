import { applyRetention, type RetentionPolicy, type RetentionResult } from './retention';
import type { TrackingStore } from '../store/trackingStore';

export interface RetentionScheduleOptions {
  store: Pick<TrackingStore, 'purgeOpensBefore' | 'stopMessagesCreatedBefore'>;
  policy: RetentionPolicy;
  /** Time between runs, in minutes; 0 turns the schedule off. */
  intervalMinutes: number;
  now?: () => Date;
  /** A clock that never jumps, in milliseconds; `performance.now()` by default. */
  monotonicNowMs?: () => number;
  /**
   * How far the wall clock may run ahead of the monotonic clock since the start before runs are
   * skipped, in milliseconds. Default one hour.
   */
  maxClockJumpMs?: number;
  onRun?(result: RetentionResult): void;
  onError?(error: Error): void;
  /** Called for each run skipped because the wall clock jumped forward by `jumpMs`. */
  onClockJump?(jumpMs: number): void;
}

/** A running retention schedule; `stop` waits for a run in progress. */
export interface RetentionSchedule {
  /** Runs the policy now, or joins the run already in progress. */
  runNow(): Promise<RetentionResult | null>;
  stop(): Promise<void>;
}

/**
 * Runs the retention policy once at start and then every `intervalMinutes`. Runs never overlap, a
 * failed run is reported and retried at the next tick, and the timer does not keep the process alive.
 *
 * Retention deletes by the wall clock, so a clock set weeks ahead would delete opens that are
 * still wanted. While the wall clock is more than `maxClockJumpMs` ahead of where the monotonic
 * clock puts it, runs are skipped and reported. Runs resume when the clock is set back. A restart
 * also resumes them, because it takes the new time as right.
 */
export function startRetentionSchedule(options: RetentionScheduleOptions): RetentionSchedule {
  const now = options.now ?? (() => new Date());
  const monotonicNowMs = options.monotonicNowMs ?? (() => performance.now());
  const maxClockJumpMs = options.maxClockJumpMs ?? 3_600_000;
  const startOffsetMs = now().getTime() - monotonicNowMs();
  let running: Promise<RetentionResult | null> | null = null;
  let stopped = false;

  const runNow = (): Promise<RetentionResult | null> => {
    if (stopped) return Promise.resolve(null);
    const at = now();
    const jumpMs = at.getTime() - monotonicNowMs() - startOffsetMs;
    if (jumpMs > maxClockJumpMs) {
      options.onClockJump?.(jumpMs);
      return Promise.resolve(null);
    }
    running ??= applyRetention(options.store, options.policy, at)
      .then(
        (result) => {
          options.onRun?.(result);
          return result;
        },
        (error: unknown) => {
          options.onError?.(error instanceof Error ? error : new Error(String(error)));
          return null;
        },
      )
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer =
    options.intervalMinutes > 0
      ? setInterval(() => void runNow(), options.intervalMinutes * 60_000).unref()
      : null;
  if (timer !== null) {
    void runNow();
  }

  return {
    runNow,
    stop: async () => {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      await running;
    },
  };
}
