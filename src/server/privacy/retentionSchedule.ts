import { applyRetention, type RetentionPolicy, type RetentionResult } from './retention';
import type { TrackingStore } from '../store/trackingStore';

export interface RetentionScheduleOptions {
  store: Pick<TrackingStore, 'purgeOpensBefore' | 'stopMessagesCreatedBefore'>;
  policy: RetentionPolicy;
  /** Time between runs, in minutes; 0 turns the schedule off. */
  intervalMinutes: number;
  now?: () => Date;
  onRun?(result: RetentionResult): void;
  onError?(error: Error): void;
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
 */
export function startRetentionSchedule(options: RetentionScheduleOptions): RetentionSchedule {
  const now = options.now ?? (() => new Date());
  let running: Promise<RetentionResult | null> | null = null;
  let stopped = false;

  const runNow = (): Promise<RetentionResult | null> => {
    if (stopped) return Promise.resolve(null);
    running ??= applyRetention(options.store, options.policy, now())
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
