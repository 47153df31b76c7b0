import { DEFAULT_RETENTION_POLICY, isPastTrackingAge } from '../../../src/server/privacy/retention';
import { startRetentionSchedule } from '../../../src/server/privacy/retentionSchedule';

const NOW = new Date('2026-09-01T00:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

function fakeStore() {
  const calls: string[] = [];
  return {
    calls,
    store: {
      purgeOpensBefore: (before: Date, batchSize: number) => {
        calls.push(`purge ${before.toISOString()} ${batchSize}`);
        return Promise.resolve(4);
      },
      stopMessagesCreatedBefore: (before: Date, at: Date) => {
        calls.push(`stop ${before.toISOString()} ${at.toISOString()}`);
        return Promise.resolve(1);
      },
    },
  };
}

describe('startRetentionSchedule', () => {
  it('applies the policy with cut-offs in days before now', async () => {
    const { calls, store } = fakeStore();
    const schedule = startRetentionSchedule({
      store,
      policy: DEFAULT_RETENTION_POLICY,
      intervalMinutes: 0,
      now: () => NOW,
    });

    const result = await schedule.runNow();
    await schedule.stop();

    expect(result).toEqual({
      opensDeleted: 4,
      messagesStopped: 1,
      opensBefore: new Date(NOW.getTime() - 90 * DAY),
      messagesBefore: new Date(NOW.getTime() - 180 * DAY),
    });
    expect(calls).toEqual([
      `stop ${new Date(NOW.getTime() - 180 * DAY).toISOString()} ${NOW.toISOString()}`,
      `purge ${new Date(NOW.getTime() - 90 * DAY).toISOString()} 1000`,
    ]);
  });

  it('runs at start when scheduled, joins a running run and reports failures', async () => {
    const errors: Error[] = [];
    let runs = 0;
    const schedule = startRetentionSchedule({
      store: {
        purgeOpensBefore: () => Promise.resolve(0),
        stopMessagesCreatedBefore: () => {
          runs += 1;
          return Promise.reject(new Error('database is locked'));
        },
      },
      policy: DEFAULT_RETENTION_POLICY,
      intervalMinutes: 60,
      onError: (error) => errors.push(error),
    });

    const joined = await schedule.runNow();
    await schedule.stop();

    expect(joined).toBeNull();
    expect(runs).toBe(1);
    expect(errors.map((error) => error.message)).toEqual(['database is locked']);
    await expect(schedule.runNow()).resolves.toBeNull();
  });
});

describe('isPastTrackingAge', () => {
  it('is true only after the age limit', () => {
    expect(isPastTrackingAge(new Date(NOW.getTime() - 180 * DAY), NOW, 180)).toBe(false);
    expect(isPastTrackingAge(new Date(NOW.getTime() - 180 * DAY - 1), NOW, 180)).toBe(true);
  });

  describe('clock jumps', () => {
    function scheduleWithClocks(wallMs: () => number, monotonicMs: () => number) {
      const { calls, store } = fakeStore();
      const jumps: number[] = [];
      const schedule = startRetentionSchedule({
        store,
        policy: DEFAULT_RETENTION_POLICY,
        intervalMinutes: 0,
        now: () => new Date(wallMs()),
        monotonicNowMs: monotonicMs,
        onClockJump: (jumpMs) => jumps.push(jumpMs),
      });
      return { calls, jumps, schedule };
    }

    it('skips runs while the clock is ahead', async () => {
      let wall = NOW.getTime();
      let monotonic = 1000;
      const { calls, jumps, schedule } = scheduleWithClocks(
        () => wall,
        () => monotonic,
      );

      monotonic += 60_000;
      wall += 60_000 + 30 * DAY;
      const skipped = await schedule.runNow();
      wall -= 30 * DAY;
      const resumed = await schedule.runNow();
      await schedule.stop();

      expect(skipped).toBeNull();
      expect(jumps).toEqual([30 * DAY]);
      expect(resumed?.opensBefore).toEqual(new Date(NOW.getTime() + 60_000 - 90 * DAY));
      expect(calls).toHaveLength(2);
    });

    it('runs after a small step forward or any step back', async () => {
      let wall = NOW.getTime();
      const { calls, jumps, schedule } = scheduleWithClocks(
        () => wall,
        () => 0,
      );

      wall += 59 * 60_000;
      await schedule.runNow();
      wall -= 3 * DAY;
      await schedule.runNow();
      await schedule.stop();

      expect(jumps).toEqual([]);
      expect(calls).toHaveLength(4);
    });
  });
});
