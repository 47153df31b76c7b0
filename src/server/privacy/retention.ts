import type { TrackingStore } from '../store/trackingStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long the server keeps opens and keeps recording for a tracked message. */
export interface RetentionPolicy {
  /** Opens older than this are deleted. Default 90. */
  openRetentionDays: number;
  /** A tracked message older than this stops recording opens. Default 180. */
  trackingMaxAgeDays: number;
  /** Opens deleted per transaction, so one purge never holds a long lock. */
  purgeBatchSize: number;
}

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = {
  openRetentionDays: 90,
  trackingMaxAgeDays: 180,
  purgeBatchSize: 1000,
};

export interface RetentionResult {
  opensDeleted: number;
  messagesStopped: number;
  /** Opens recorded before this time were deleted. */
  opensBefore: Date;
  /** Messages created before this time were stopped. */
  messagesBefore: Date;
}

/**
 * Applies the retention policy once. Running it again at the same time changes nothing, so a
 * manual `readmark purge` and the scheduled run can overlap safely.
 */
export async function applyRetention(
  store: Pick<TrackingStore, 'purgeOpensBefore' | 'stopMessagesCreatedBefore'>,
  policy: RetentionPolicy,
  now: Date,
): Promise<RetentionResult> {
  const opensBefore = daysBefore(now, policy.openRetentionDays);
  const messagesBefore = daysBefore(now, policy.trackingMaxAgeDays);
  const messagesStopped = await store.stopMessagesCreatedBefore(messagesBefore, now);
  const opensDeleted = await store.purgeOpensBefore(opensBefore, policy.purgeBatchSize);
  return { opensDeleted, messagesStopped, opensBefore, messagesBefore };
}

/** Whether a tracked message created at `createdAt` is past the tracking age limit at `now`. */
export function isPastTrackingAge(createdAt: Date, now: Date, trackingMaxAgeDays: number): boolean {
  return createdAt.getTime() < daysBefore(now, trackingMaxAgeDays).getTime();
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
