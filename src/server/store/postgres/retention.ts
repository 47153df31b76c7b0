import type { Pool } from 'pg';

import { StoreError } from '../storeError';
import { listOpensPartitions, type PartitionKeeper } from './partitions';
import { withTransaction } from './pool';

const DELETE_OPENS_BATCH = `
  DELETE FROM opens
   WHERE (tenant_id, tracking_id, sequence, opened_at) IN (
     SELECT tenant_id, tracking_id, sequence, opened_at FROM opens WHERE opened_at < $1 LIMIT $2)`;

/**
 * Deletes opens older than `before` and returns how many it removed. Monthly partitions that lie
 * wholly before it are dropped whole. The remaining old rows are deleted `batchSize` rows per
 * transaction, so no transaction runs long. Message counters keep their totals.
 */
export async function purgeOpensBefore(
  pool: Pool,
  partitions: PartitionKeeper,
  before: Date,
  batchSize: number,
): Promise<number> {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new StoreError(
      'STORE_INVALID_LIMIT',
      `Invalid purge batch size ${String(batchSize)}: expected a positive integer.`,
    );
  }

  await pool.query('DELETE FROM sender_views WHERE viewed_at < $1', [before]);
  await pool.query('DELETE FROM sender_networks WHERE last_seen_at < $1', [before]);

  let removed = 0;
  for (const partition of await listOpensPartitions(pool)) {
    if (partition.to.getTime() > before.getTime()) break;
    removed += await dropPartition(pool, partition.name);
    partitions.forget(partition.from);
  }

  for (;;) {
    const result = await pool.query(DELETE_OPENS_BATCH, [before, batchSize]);
    const count = result.rowCount ?? 0;
    removed += count;
    if (count < batchSize) return removed;
  }
}

// The rows are counted before the drop, without a lock: a partition older than the retention
// limit receives no new opens, and counting under the lock would stall every writer meanwhile.
async function dropPartition(pool: Pool, name: string): Promise<number> {
  const counted = await pool.query<{ count: string }>(`SELECT count(*) AS count FROM ${name}`);
  await withTransaction(pool, async (client) => {
    // The parent is locked first, as every statement on opens does, so the drop cannot deadlock
    // with a reader that holds the parent and waits for this partition.
    await client.query('LOCK TABLE opens IN ACCESS EXCLUSIVE MODE');
    await client.query(`DROP TABLE ${name}`);
  });
  return Number(counted.rows[0]?.count ?? 0);
}
