import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { OpenKind } from '../../../shared/api';
import { PERSON_OPEN_KINDS } from '../../core/openKinds';
import { decodeMessageCursor, decodeOpenCursor, encodeMessageCursor, encodeOpenCursor } from '../cursor';
import { mergePersonOpenBounds } from '../personOpenBounds';
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
import { StoreError } from '../storeError';
import { SqliteOpenWriter } from './openWriter';
import { MIGRATIONS } from './migrations';
import * as sql from './queries';
import {
  OPEN_COUNT_COLUMNS,
  RECEIPT_COUNT_COLUMNS,
  toOpen,
  toPixelTarget,
  toDate,
  toReadReceipt,
  toTrackedMessage,
  type MessageRow,
  type OpenRow,
  type PixelTargetRow,
  type ReceiptRow,
} from './rows';

/** SQLite `synchronous` levels the store accepts. FULL syncs the WAL on every commit. */
export const SQLITE_SYNCHRONOUS_LEVELS = ['NORMAL', 'FULL', 'EXTRA'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS_LEVELS)[number];

export interface SqliteStoreOptions {
  /** Database file; its folder is created when missing. */
  path: string;
  /** Default FULL: an acknowledged write survives power loss (if the disk honours fsync). */
  synchronous?: SqliteSynchronous;
  /** How long a statement waits for another connection's lock, in milliseconds. Default 5000. */
  busyTimeoutMs?: number;
  /** Clock for `receivedAt` of read receipts. */
  now?: () => Date;
  /**
   * Further integer PRAGMAs set after the store's own, for example `{ max_page_count: 64 }` to cap
   * the file size or `{ query_only: 1 }` to refuse every write (the fault tests use both).
   */
  pragmas?: Readonly<Record<string, number>>;
}

const SYNCHRONOUS_VALUES: Record<SqliteSynchronous, number> = { NORMAL: 1, FULL: 2, EXTRA: 3 };

/**
 * The embedded store: one better-sqlite3 connection per process, which is the only writer. WAL lets
 * readers in other processes (backups, the CLI) work while the server writes.
 */
export class SqliteTrackingStore implements TrackingStore {
  readonly schemaVersion = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly now: () => Date;
  private readonly openWriter: SqliteOpenWriter;

  constructor(options: SqliteStoreOptions) {
    mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.now = options.now ?? (() => new Date());
    const synchronous = options.synchronous ?? 'FULL';
    this.db.pragma('journal_mode = WAL');
    const pragmas = connectionPragmas(synchronous, options.busyTimeoutMs ?? 5000, options.pragmas ?? {});
    for (const pragma of pragmas) this.db.pragma(pragma);
    const effective = this.db.pragma('synchronous', { simple: true }) as number;
    if (effective !== SYNCHRONOUS_VALUES[synchronous]) {
      throw new Error(`SQLite did not accept synchronous = ${synchronous} (it reports ${effective}).`);
    }
    this.openWriter = new SqliteOpenWriter({ path: options.path, pragmas });
  }

  migrate(): Promise<{ applied: number[] }> {
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
    const applied = new Set(
      this.db
        .prepare('SELECT version FROM schema_migrations')
        .all()
        .map((row) => (row as { version: number }).version),
    );
    const applying = MIGRATIONS.filter((migration) => !applied.has(migration.version));
    for (const migration of applying) {
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, Date.now());
      })();
    }
    return Promise.resolve({ applied: applying.map((migration) => migration.version) });
  }

  createTrackedMessage(input: NewTrackedMessage): Promise<CreateResult> {
    const params = {
      trackingId: input.trackingId,
      tenantId: input.sender.tenantId,
      objectId: input.sender.objectId,
      clientRequestId: input.clientRequestId,
      subject: input.subject,
      recipientCount: input.recipientCount,
      createdAt: input.createdAt.getTime(),
    };
    return this.run(() =>
      this.db.transaction((): CreateResult => {
        const { changes } = this.statement(sql.INSERT_MESSAGE).run(params);
        const row = this.statement(sql.SELECT_MESSAGE_BY_CLIENT_REQUEST_ID).get(params) as MessageRow;
        return { message: toTrackedMessage(row), created: changes === 1 };
      })(),
    );
  }

  getTrackedMessage(sender: Sender, trackingId: string): Promise<StoredTrackedMessage | null> {
    return this.run(() => this.selectMessage(sender, trackingId));
  }

  findByInternetMessageId(sender: Sender, internetMessageId: string): Promise<StoredTrackedMessage | null> {
    return this.run(() => {
      const row = this.statement(sql.SELECT_MESSAGE_BY_INTERNET_MESSAGE_ID).get({
        ...senderParams(sender),
        internetMessageId,
      }) as MessageRow | undefined;
      return row === undefined ? null : toTrackedMessage(row);
    });
  }

  listTrackedMessages(sender: Sender, options: ListOptions): Promise<Page<StoredTrackedMessage>> {
    return this.run(() => {
      const params = { ...senderParams(sender), limit: options.limit + 1 };
      const rows = (
        options.cursor === null
          ? this.statement(sql.SELECT_MESSAGES_FIRST_PAGE).all(params)
          : this.statement(sql.SELECT_MESSAGES_AFTER_CURSOR).all({
              ...params,
              ...decodeMessageCursor(options.cursor),
            })
      ) as MessageRow[];
      const items = rows.slice(0, options.limit).map(toTrackedMessage);
      const last = items[items.length - 1];
      const nextCursor =
        rows.length > options.limit && last !== undefined
          ? encodeMessageCursor({
              lastActivityAt: last.lastActivityAt.getTime(),
              trackingId: last.trackingId,
            })
          : null;
      return { items, nextCursor };
    });
  }

  updateTrackedMessage(
    sender: Sender,
    trackingId: string,
    changes: TrackedMessageChanges,
  ): Promise<StoredTrackedMessage | null> {
    return this.run(() =>
      this.db.transaction(() => {
        this.statement(sql.UPDATE_MESSAGE).run({
          ...senderParams(sender),
          trackingId,
          internetMessageId: changes.internetMessageId ?? null,
          sentAt: changes.sentAt?.getTime() ?? null,
          stoppedAt: changes.stoppedAt?.getTime() ?? null,
          readReceiptRequested:
            changes.readReceiptRequested === undefined ? null : Number(changes.readReceiptRequested),
        });
        return this.selectMessage(sender, trackingId);
      })(),
    );
  }

  deleteTrackedMessage(sender: Sender, trackingId: string): Promise<boolean> {
    const params = { ...senderParams(sender), trackingId };
    return this.run(() =>
      this.db.transaction(() => {
        this.statement(sql.DELETE_MESSAGE_OPENS).run(params);
        this.statement(sql.DELETE_MESSAGE_VIEWS).run(params);
        this.statement(sql.DELETE_MESSAGE_RECEIPTS).run(params);
        return this.statement(sql.DELETE_MESSAGE).run(params).changes === 1;
      })(),
    );
  }

  listOpens(sender: Sender, trackingId: string, options: ListOptions): Promise<Page<StoredOpen>> {
    return this.run(() => {
      const params = { ...senderParams(sender), trackingId, limit: options.limit + 1 };
      const rows = (
        options.cursor === null
          ? this.statement(sql.SELECT_OPENS_FIRST_PAGE).all(params)
          : this.statement(sql.SELECT_OPENS_AFTER_CURSOR).all({
              ...params,
              ...decodeOpenCursor(options.cursor),
            })
      ) as OpenRow[];
      const items = rows.slice(0, options.limit).map(toOpen);
      const last = items[items.length - 1];
      const nextCursor =
        rows.length > options.limit && last !== undefined
          ? encodeOpenCursor({ sequence: last.sequence })
          : null;
      return { items, nextCursor };
    });
  }

  findPixelTarget(trackingId: string): Promise<PixelTarget | null> {
    return this.run(() => {
      const row = this.statement(sql.SELECT_PIXEL_TARGET).get({ trackingId }) as PixelTargetRow | undefined;
      return row === undefined ? null : toPixelTarget(row);
    });
  }

  /** Writes the batch on the writer thread. Its index skips a known hit id on every attempt, so `retry` is not needed. */
  recordOpens(opens: readonly NewOpen[], _options?: { retry?: boolean }): Promise<void> {
    if (opens.length === 0) return Promise.resolve();
    return this.openWriter.write(opens);
  }

  loadHitContext(query: HitContextQuery): Promise<StoredHitContext> {
    const params = { ...senderParams(query.sender), trackingId: query.trackingId };
    return this.run(() => {
      const recentOpens = readRecentOpens(
        this.statement(sql.SELECT_RECENT_OPENS),
        params,
        query.opensSince.getTime(),
        query.maxOpens,
        query.opensAfterSequence ?? 0,
      );
      const senderViews = (
        this.statement(sql.SELECT_SENDER_VIEWS).all({
          ...params,
          since: query.viewsSince.getTime(),
          limit: query.maxViews,
        }) as { viewed_at: number }[]
      ).map((row) => new Date(row.viewed_at));
      const networkRows =
        query.clientNetwork === null
          ? []
          : (this.statement(sql.SELECT_SENDER_NETWORK).all({
              ...params,
              network: query.clientNetwork,
              since: query.networkSeenSince.getTime(),
            }) as { network: string; last_seen_at: number }[]);
      const senderNetworks = networkRows.map((row) => ({
        network: row.network,
        lastSeenAt: new Date(row.last_seen_at),
      }));
      return { recentOpens, senderViews, senderNetworks };
    });
  }

  reclassifyOpens(
    sender: Sender,
    trackingId: string,
    changes: readonly OpenReclassification[],
  ): Promise<number> {
    return this.run(() =>
      this.db.transaction(() => {
        const message = this.selectMessage(sender, trackingId);
        if (message === null) return 0;
        let changed = 0;
        let touchesPeople = false;
        const removedPersonTimes: Date[] = [];
        for (const change of changes) {
          const row = this.statement(sql.SELECT_OPEN_VERDICT).get({
            trackingId,
            sequence: change.sequence,
          }) as Pick<OpenRow, 'kind' | 'counted' | 'at'> | undefined;
          if (row === undefined) continue;
          this.statement(sql.UPDATE_OPEN_VERDICT).run({
            trackingId,
            sequence: change.sequence,
            kind: change.kind,
            confidence: change.confidence,
            reasons: JSON.stringify(change.reasons),
            counted: change.counted ? 1 : 0,
          });
          if (row.counted === 1) this.adjustOpenCounter(trackingId, row.kind, -1);
          if (change.counted) this.adjustOpenCounter(trackingId, change.kind, 1);
          const wasPerson = row.counted === 1 && PERSON_OPEN_KINDS.has(row.kind);
          const isPerson = change.counted && PERSON_OPEN_KINDS.has(change.kind);
          if (wasPerson && !isPerson) removedPersonTimes.push(new Date(row.at));
          if (wasPerson !== isPerson) touchesPeople = true;
          changed += 1;
        }
        if (touchesPeople) this.updatePersonOpenBounds(message, removedPersonTimes);
        return changed;
      })(),
    );
  }

  recordSenderView(sender: Sender, trackingId: string, at: Date): Promise<boolean> {
    return this.run(() =>
      this.db.transaction(() => {
        if (this.selectMessage(sender, trackingId) === null) return false;
        this.statement(sql.INSERT_SENDER_VIEW).run({
          ...senderParams(sender),
          trackingId,
          at: at.getTime(),
        });
        return true;
      })(),
    );
  }

  recordSenderNetwork(sender: Sender, network: string, at: Date): Promise<void> {
    return this.run(() => {
      this.statement(sql.UPSERT_SENDER_NETWORK).run({ ...senderParams(sender), network, at: at.getTime() });
    });
  }

  recordReadReceipt(receipt: NewReadReceipt): Promise<{ recorded: boolean }> {
    return this.run(() => this.db.transaction(() => ({ recorded: this.insertReceipt(receipt) }))());
  }

  listSenderActivity(sender: Sender): Promise<SenderActivity> {
    const params = senderParams(sender);
    return this.run(() => {
      const views = this.statement(sql.SELECT_ALL_SENDER_VIEWS).all(params) as {
        tracking_id: string;
        viewed_at: number;
      }[];
      const networks = this.statement(sql.SELECT_ALL_SENDER_NETWORKS).all(params) as {
        network: string;
        last_seen_at: number;
      }[];
      return {
        views: views.map((row) => ({ trackingId: row.tracking_id, viewedAt: new Date(row.viewed_at) })),
        networks: networks.map((row) => ({ network: row.network, lastSeenAt: new Date(row.last_seen_at) })),
      };
    });
  }

  listReadReceipts(sender: Sender, trackingId: string): Promise<StoredReadReceipt[]> {
    return this.run(() =>
      (this.statement(sql.SELECT_RECEIPTS).all({ ...senderParams(sender), trackingId }) as ReceiptRow[]).map(
        toReadReceipt,
      ),
    );
  }

  deleteSender(sender: Sender): Promise<number> {
    const params = senderParams(sender);
    return this.run(() =>
      this.db.transaction(() => {
        this.statement(sql.DELETE_SENDER_OPENS).run(params);
        this.statement(sql.DELETE_SENDER_VIEWS).run(params);
        this.statement(sql.DELETE_SENDER_NETWORKS).run(params);
        this.statement(sql.DELETE_SENDER_RECEIPTS).run(params);
        return this.statement(sql.DELETE_SENDER_MESSAGES).run(params).changes;
      })(),
    );
  }

  purgeOpensBefore(before: Date, batchSize: number): Promise<number> {
    return this.run(() => {
      this.statement(sql.PURGE_SENDER_VIEWS).run({ before: before.getTime() });
      this.statement(sql.PURGE_SENDER_NETWORKS).run({ before: before.getTime() });
      let total = 0;
      for (;;) {
        const { changes } = this.statement(sql.PURGE_OPENS_BATCH).run({
          before: before.getTime(),
          batchSize,
        });
        total += changes;
        if (changes < batchSize) {
          return total;
        }
      }
    });
  }

  stopMessagesCreatedBefore(before: Date, at: Date): Promise<number> {
    return this.run(
      () =>
        this.statement(sql.STOP_MESSAGES_CREATED_BEFORE).run({ before: before.getTime(), at: at.getTime() })
          .changes,
    );
  }

  ping(): Promise<void> {
    return this.run(() => {
      this.statement('SELECT 1').get();
    });
  }

  async close(): Promise<void> {
    await this.openWriter.close();
    if (this.db.open) {
      this.db.close();
    }
  }

  private statement(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (statement === undefined) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private selectMessage(sender: Sender, trackingId: string): StoredTrackedMessage | null {
    const row = this.statement(sql.SELECT_MESSAGE).get({ ...senderParams(sender), trackingId }) as
      MessageRow | undefined;
    return row === undefined ? null : toTrackedMessage(row);
  }

  private adjustOpenCounter(trackingId: string, kind: OpenKind, delta: 1 | -1): void {
    this.statement(sql.adjustOpenCounterSql(OPEN_COUNT_COLUMNS[kind])).run({ trackingId, delta });
  }

  private updatePersonOpenBounds(message: StoredTrackedMessage, removedPersonTimes: Date[]): void {
    const recounted = this.statement(sql.SELECT_PERSON_OPEN_BOUNDS).get({
      trackingId: message.trackingId,
    }) as { first: number | null; last: number | null };
    const bounds = mergePersonOpenBounds(
      { first: message.opens.firstOpenAt, last: message.opens.lastOpenAt },
      removedPersonTimes,
      { first: toDate(recounted.first), last: toDate(recounted.last) },
    );
    this.statement(sql.UPDATE_PERSON_OPEN_BOUNDS).run({
      trackingId: message.trackingId,
      first: bounds.first?.getTime() ?? null,
      last: bounds.last?.getTime() ?? null,
    });
  }

  private insertReceipt(receipt: NewReadReceipt): boolean {
    if (this.selectMessage(receipt.sender, receipt.trackingId) === null) {
      return false;
    }
    const params = {
      ...senderParams(receipt.sender),
      trackingId: receipt.trackingId,
      receiptMessageId: receipt.receiptMessageId,
      finalRecipient: receipt.finalRecipient,
      kind: receipt.kind,
      dispositionType: receipt.dispositionType,
      at: receipt.at.getTime(),
      receivedAt: this.now().getTime(),
    };
    const existing = this.statement(sql.SELECT_RECEIPT).get(params) as Pick<ReceiptRow, 'kind'> | undefined;
    if (existing === undefined) {
      this.statement(sql.INSERT_RECEIPT).run(params);
      this.statement(sql.updateReceiptCountersSql(RECEIPT_COUNT_COLUMNS[receipt.kind], null)).run(params);
      return true;
    }
    // A receipt id seen again may only upgrade to `read`: a later `not-read` never hides a read.
    if (existing.kind === 'read' || receipt.kind !== 'read') {
      return false;
    }
    this.statement(sql.UPGRADE_RECEIPT_TO_READ).run(params);
    this.statement(
      sql.updateReceiptCountersSql(RECEIPT_COUNT_COLUMNS.read, RECEIPT_COUNT_COLUMNS[existing.kind]),
    ).run(params);
    return true;
  }

  /** Runs a synchronous database call and turns its outcome into a settled promise. */
  private run<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(asError(error));
    }
  }
}

/**
 * Keeps a driver error as it is, `code` included, so the HTTP layer can map SQLITE_BUSY and the
 * like to 503. better-sqlite3 registers its SqliteError class once per process, so under a test
 * runner that loads modules in separate sandboxes the error may fail `instanceof Error` even
 * though it is one; any object with a string message counts.
 */
function asError(error: unknown): Error {
  if (error instanceof Error) {
    return error;
  }
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return error as Error;
  }
  return new Error(String(error));
}

function senderParams(sender: Sender): { tenantId: string; objectId: string } {
  return { tenantId: sender.tenantId, objectId: sender.objectId };
}

/**
 * How much older than the opens recorded after it an open may be timed and still be read as recent.
 * Opens are recorded in time order, except those that waited for a retry or in the pending queue,
 * usually for seconds. One recorded later than this is missed, which can at worst hide one repeat.
 */
const RECORDING_ORDER_SLACK_MS = 60 * 60 * 1000;

/**
 * Reads a message's opens timed at or after `since`, at most `limit` of them, newest first.
 * `statement` returns them newest recorded first. Reading stops at the first open timed more than
 * RECORDING_ORDER_SLACK_MS before `since`, so a message's older opens are not read at all.
 */
function readRecentOpens(
  statement: Database.Statement,
  params: Record<string, unknown>,
  since: number,
  limit: number,
  afterSequence: number,
): StoredOpen[] {
  const opens: StoredOpen[] = [];
  for (const row of statement.iterate(params) as IterableIterator<OpenRow>) {
    if (
      opens.length === limit ||
      row.sequence <= afterSequence ||
      row.at < since - RECORDING_ORDER_SLACK_MS
    ) {
      break;
    }
    if (row.at >= since) opens.push(toOpen(row));
  }
  return opens.sort((a, b) => b.at.getTime() - a.at.getTime() || b.sequence - a.sequence);
}

/**
 * The WAL size, in pages, at which a commit copies the WAL back into the database file. Open
 * batches rewrite the same index and counter pages again and again. With checkpoints ten times
 * further apart than SQLite's default of 1,000 pages, the next checkpoint copies each such page
 * once for more of those rewrites. The WAL file grows to about 40 MiB.
 */
const WAL_CHECKPOINT_PAGES = 10_000;

/**
 * Returns the PRAGMA assignments of every connection to the file: the store's and the open writer's. Set
 * on every open, because better-sqlite3 12 otherwise starts a reopened WAL database at NORMAL.
 */
export function connectionPragmas(
  synchronous: SqliteSynchronous,
  busyTimeoutMs: number,
  extra: Readonly<Record<string, number>>,
): string[] {
  const pragmas = [
    `synchronous = ${synchronous}`,
    `busy_timeout = ${Math.trunc(busyTimeoutMs)}`,
    `wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`,
  ];
  for (const [name, value] of Object.entries(extra)) {
    if (!/^[a-z_]+$/.test(name) || !Number.isInteger(value)) {
      throw new StoreError(
        'STORE_INVALID_OPTION',
        `The SQLite pragma "${name}" = ${value} is invalid: use a lower-case pragma name and an integer.`,
      );
    }
    pragmas.push(`${name} = ${value}`);
  }
  return pragmas;
}
