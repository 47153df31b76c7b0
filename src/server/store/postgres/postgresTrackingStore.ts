import type { Pool } from 'pg';

import type {
  CreateResult,
  HitContextQuery,
  ListOptions,
  NewOpen,
  NewReadReceipt,
  NewTrackedMessage,
  OpenReclassification,
  Page,
  PixelTarget,
  Sender,
  SenderActivity,
  StoredHitContext,
  StoredOpen,
  StoredReadReceipt,
  StoredTrackedMessage,
  TrackedMessageChanges,
  TrackingStore,
} from '../trackingStore';
import * as deletion from './deletion';
import * as messages from './messageQueries';
import { applyMigrations, type MigrationResult } from './migrate';
import { MIGRATIONS } from './migrations';
import * as openQueries from './openQueries';
import { createPool, sqlState } from './pool';
import {
  type PostgresStoreOptions,
  type ResolvedPostgresStoreOptions,
  resolvePostgresStoreOptions,
} from './options';
import { monthStart, PartitionKeeper } from './partitions';
import * as receipts from './receiptQueries';
import { reclassifyOpens } from './reclassifyQueries';
import * as senderActivity from './senderActivity';
import { purgeOpensBefore } from './retention';

/** SQLSTATE of "no partition of relation found for row". */
const NO_PARTITION = '23514';

/**
 * The PostgreSQL tracking store, for several server processes sharing one database. It does not
 * connect until the first query; call `migrate()` once at start-up.
 */
export class PostgresTrackingStore implements TrackingStore {
  readonly schemaVersion = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  private readonly pool: Pool;
  private readonly partitions: PartitionKeeper;
  private closed = false;

  constructor(private readonly options: ResolvedPostgresStoreOptions) {
    this.pool = createPool(options);
    this.partitions = new PartitionKeeper(this.pool);
  }

  async migrate(): Promise<MigrationResult> {
    const result = await applyMigrations(this.pool, this.options.schema, MIGRATIONS);
    await this.maintainPartitions();
    return result;
  }

  /**
   * Creates the partitions of opens for the current month and the configured months ahead.
   * `migrate()` calls it; a long-running server should call it daily so a partition always
   * exists before its month begins.
   */
  async maintainPartitions(): Promise<void> {
    await this.partitions.ensureAhead(this.options.clock(), this.options.partitionMonthsAhead);
  }

  createTrackedMessage(input: NewTrackedMessage): Promise<CreateResult> {
    return messages.createTrackedMessage(this.pool, input);
  }

  getTrackedMessage(sender: Sender, trackingId: string): Promise<StoredTrackedMessage | null> {
    return messages.getTrackedMessage(this.pool, sender, trackingId);
  }

  findByInternetMessageId(sender: Sender, internetMessageId: string): Promise<StoredTrackedMessage | null> {
    return messages.findByInternetMessageId(this.pool, sender, internetMessageId);
  }

  listTrackedMessages(sender: Sender, options: ListOptions): Promise<Page<StoredTrackedMessage>> {
    return messages.listTrackedMessages(this.pool, sender, options);
  }

  updateTrackedMessage(
    sender: Sender,
    trackingId: string,
    changes: TrackedMessageChanges,
  ): Promise<StoredTrackedMessage | null> {
    return messages.updateTrackedMessage(this.pool, sender, trackingId, changes);
  }

  deleteTrackedMessage(sender: Sender, trackingId: string): Promise<boolean> {
    return deletion.deleteTrackedMessage(this.pool, sender, trackingId);
  }

  listOpens(sender: Sender, trackingId: string, options: ListOptions): Promise<Page<StoredOpen>> {
    return openQueries.listOpens(this.pool, sender, trackingId, options);
  }

  findPixelTarget(trackingId: string): Promise<PixelTarget | null> {
    return messages.findPixelTarget(this.pool, trackingId);
  }

  async recordOpens(opens: readonly NewOpen[], options: { retry?: boolean } = {}): Promise<void> {
    if (opens.length === 0) return;
    const times = opens.map((open) => open.at);
    await this.partitions.ensureFor(times);
    try {
      await openQueries.writeOpens(this.pool, opens, options.retry === true);
    } catch (error) {
      if (sqlState(error) !== NO_PARTITION) throw error;
      // Another process dropped a partition this process still thought existed (retention).
      for (const at of times) this.partitions.forget(monthStart(at));
      await this.partitions.ensureFor(times);
      await openQueries.writeOpens(this.pool, opens, options.retry === true);
    }
  }

  loadHitContext(query: HitContextQuery): Promise<StoredHitContext> {
    return senderActivity.loadHitContext(this.pool, query);
  }

  reclassifyOpens(
    sender: Sender,
    trackingId: string,
    changes: readonly OpenReclassification[],
  ): Promise<number> {
    return reclassifyOpens(this.pool, sender, trackingId, changes);
  }

  recordSenderView(sender: Sender, trackingId: string, at: Date): Promise<boolean> {
    return senderActivity.recordSenderView(this.pool, sender, trackingId, at);
  }

  recordSenderNetwork(sender: Sender, network: string, at: Date): Promise<void> {
    return senderActivity.recordSenderNetwork(this.pool, sender, network, at);
  }

  listSenderActivity(sender: Sender): Promise<SenderActivity> {
    return senderActivity.listSenderActivity(this.pool, sender);
  }

  recordReadReceipt(receipt: NewReadReceipt): Promise<{ recorded: boolean }> {
    return receipts.recordReadReceipt(this.pool, receipt, this.options.clock());
  }

  listReadReceipts(sender: Sender, trackingId: string): Promise<StoredReadReceipt[]> {
    return receipts.listReadReceipts(this.pool, sender, trackingId);
  }

  deleteSender(sender: Sender): Promise<number> {
    return deletion.deleteSender(this.pool, sender);
  }

  purgeOpensBefore(before: Date, batchSize: number): Promise<number> {
    return purgeOpensBefore(this.pool, this.partitions, before, batchSize);
  }

  stopMessagesCreatedBefore(before: Date, at: Date): Promise<number> {
    return messages.stopMessagesCreatedBefore(this.pool, before, at);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * Creates the PostgreSQL store from `--database postgres://…` and its options. Invalid options
 * throw STORE_INVALID_OPTION at once; nothing connects until the first query.
 */
export function openPostgresStore(options: PostgresStoreOptions): PostgresTrackingStore {
  return new PostgresTrackingStore(resolvePostgresStoreOptions(options));
}
