/**
 * Numbered schema migrations for the SQLite store. A migration is never edited after release:
 * a schema change is a new entry with the next version number.
 *
 * Times are INTEGER milliseconds since the Unix epoch (UTC). Tables keep the tenant id in every row
 * so that the schema matches the PostgreSQL store, which is keyed by tenant first.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create tracked messages, opens and read receipts',
    sql: `
      CREATE TABLE tracked_messages (
        tracking_id TEXT NOT NULL PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        client_request_id TEXT NOT NULL,
        subject TEXT,
        recipient_count INTEGER,
        internet_message_id TEXT,
        sent_at INTEGER,
        created_at INTEGER NOT NULL,
        last_activity_at INTEGER NOT NULL,
        stopped_at INTEGER,
        read_receipt_requested INTEGER,
        first_open_at INTEGER,
        last_open_at INTEGER,
        opens_human INTEGER NOT NULL DEFAULT 0,
        opens_human_via_proxy INTEGER NOT NULL DEFAULT 0,
        opens_prefetch INTEGER NOT NULL DEFAULT 0,
        opens_scanner INTEGER NOT NULL DEFAULT 0,
        opens_self INTEGER NOT NULL DEFAULT 0,
        opens_unknown INTEGER NOT NULL DEFAULT 0,
        receipts_read INTEGER NOT NULL DEFAULT 0,
        receipts_not_read INTEGER NOT NULL DEFAULT 0,
        receipts_other INTEGER NOT NULL DEFAULT 0,
        UNIQUE (tenant_id, object_id, client_request_id)
      ) STRICT;

      CREATE INDEX tracked_messages_by_activity
        ON tracked_messages (tenant_id, object_id, last_activity_at DESC, tracking_id DESC);
      CREATE INDEX tracked_messages_by_internet_message_id
        ON tracked_messages (tenant_id, object_id, internet_message_id);
      CREATE INDEX tracked_messages_by_creation ON tracked_messages (created_at);

      CREATE TABLE opens (
        sequence INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        tracking_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        method TEXT NOT NULL,
        user_agent TEXT,
        client_network TEXT,
        kind TEXT NOT NULL,
        confidence REAL NOT NULL,
        reasons TEXT NOT NULL
      ) STRICT;

      CREATE INDEX opens_by_message ON opens (tracking_id, sequence);
      CREATE INDEX opens_by_time ON opens (at);

      CREATE TABLE read_receipts (
        tracking_id TEXT NOT NULL,
        receipt_message_id TEXT NOT NULL,
        tenant_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        final_recipient TEXT,
        kind TEXT NOT NULL,
        disposition_type TEXT NOT NULL,
        at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (tracking_id, receipt_message_id)
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'count repeats apart, record sender views and networks',
    sql: `
      ALTER TABLE opens ADD COLUMN counted INTEGER NOT NULL DEFAULT 1;
      CREATE INDEX opens_by_message_time ON opens (tracking_id, at);

      CREATE TABLE sender_views (
        tenant_id TEXT NOT NULL,
        tracking_id TEXT NOT NULL,
        viewed_at INTEGER NOT NULL,
        object_id TEXT NOT NULL,
        PRIMARY KEY (tenant_id, tracking_id, viewed_at)
      ) STRICT;
      CREATE INDEX sender_views_by_time ON sender_views (viewed_at);

      CREATE TABLE sender_networks (
        tenant_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        network TEXT NOT NULL,
        last_seen_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, object_id, network)
      ) STRICT;
      CREATE INDEX sender_networks_by_time ON sender_networks (last_seen_at);
    `,
  },
  {
    version: 3,
    name: 'one open per pixel hit',
    sql: `
      ALTER TABLE opens ADD COLUMN hit_id TEXT;
      CREATE UNIQUE INDEX opens_by_hit ON opens (hit_id) WHERE hit_id IS NOT NULL;
    `,
  },
  {
    version: 4,
    name: 'read recent opens through the per-message index',
    // Every index on opens adds a page to most open batches. opens_by_message also serves the
    // recent opens, newest recorded first (SELECT_RECENT_OPENS in queries.ts).
    sql: `
      DROP INDEX opens_by_message_time;
    `,
  },
];
