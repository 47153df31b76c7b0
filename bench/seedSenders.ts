/**
 * Seeds a sender's history straight into either store's tables with set-based SQL, for benchmarks
 * that need 100,000 tracked messages and 1,000,000 opens in seconds rather than through the API.
 *
 * Both stores get the same layout. Message i is created `start` + i × 30 s, and its opens follow
 * 5, 10, 15 … minutes later, all counted human opens. Each message's counters, first and last open
 * and last activity match the opens inserted, as the store itself would have left them.
 */
import type Database from 'better-sqlite3';
import type { Client } from 'pg';

import type { Sender } from '../src/server/store/trackingStore';

export interface SenderSeed {
  sender: Sender;
  /** One letter that starts each of this sender's tracking ids, so two senders never share one. */
  prefix: string;
  messages: number;
  /** Opens in all; a whole multiple of `messages`, spread evenly over them. */
  opens: number;
  /** Creation time of message 0. */
  start: Date;
}

const MESSAGE_SPACING_MS = 30_000;
const OPEN_SPACING_MS = 5 * 60_000;
const USER_AGENT = 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.15225; Pro)';
const CLIENT_NETWORK = '203.0.113.0/24';
const REASON = 'outlook-windows';

/**
 * Returns the tracking id of message `index`: the prefix, the index in 20 digits and `A`, which is
 * 22 characters of the base64url alphabet, the shape the API accepts.
 */
export function seedTrackingId(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(20, '0')}A`;
}

function opensPerMessage(seed: SenderSeed): number {
  if (!/^[A-Za-z]$/.test(seed.prefix)) {
    throw new Error(`Invalid seed prefix "${seed.prefix}": use one letter.`);
  }
  if (!Number.isInteger(seed.messages) || seed.messages < 1) {
    throw new Error(`Invalid seed message count ${seed.messages}: use a whole number of at least 1.`);
  }
  if (!Number.isInteger(seed.opens) || seed.opens < 0 || seed.opens % seed.messages !== 0) {
    throw new Error(
      `Invalid seed open count ${seed.opens}: use a whole multiple of the message count ${seed.messages}.`,
    );
  }
  return seed.opens / seed.messages;
}

/** Inserts the sender's messages and opens in one transaction on a migrated SQLite database. */
export function seedSqliteSender(db: Database.Database, seed: SenderSeed): void {
  const perMessage = opensPerMessage(seed);
  // better-sqlite3 binds a JavaScript number as REAL, which would make `i / @messages` a fraction,
  // so whole numbers go in as BigInt, which it binds as INTEGER.
  const params = {
    prefix: seed.prefix,
    tenantId: seed.sender.tenantId,
    objectId: seed.sender.objectId,
    messages: BigInt(seed.messages),
    opens: BigInt(seed.opens),
    perMessage: BigInt(perMessage),
    start: BigInt(seed.start.getTime()),
    messageSpacing: BigInt(MESSAGE_SPACING_MS),
    openSpacing: BigInt(OPEN_SPACING_MS),
    userAgent: USER_AGENT,
    clientNetwork: CLIENT_NETWORK,
    reasons: JSON.stringify([REASON]),
  };
  // SQLite has no generate_series built in, so a recursive CTE counts the rows.
  const insertMessages = db.prepare(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @messages)
    INSERT INTO tracked_messages
      (tracking_id, tenant_id, object_id, client_request_id, subject, recipient_count, created_at,
       last_activity_at, first_open_at, last_open_at, opens_human)
    SELECT printf('%s%020dA', @prefix, i), @tenantId, @objectId, 'draft-' || i, 'Subject ' || i, 2,
           @start + i * @messageSpacing,
           @start + i * @messageSpacing + @perMessage * @openSpacing,
           CASE WHEN @perMessage > 0 THEN @start + i * @messageSpacing + @openSpacing END,
           CASE WHEN @perMessage > 0 THEN @start + i * @messageSpacing + @perMessage * @openSpacing END,
           @perMessage
      FROM n`);
  // Row i is open i / messages of message i % messages, so each message's sequence numbers rise
  // with its open times.
  const insertOpens = db.prepare(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @opens)
    INSERT INTO opens
      (tenant_id, tracking_id, at, method, user_agent, client_network, kind, confidence, reasons, counted)
    SELECT @tenantId, printf('%s%020dA', @prefix, i % @messages),
           @start + (i % @messages) * @messageSpacing + (i / @messages + 1) * @openSpacing,
           'GET', @userAgent, @clientNetwork, 'human', 0.9, @reasons, 1
      FROM n`);
  db.transaction(() => {
    insertMessages.run(params);
    if (seed.opens > 0) insertOpens.run(params);
  })();
}

/** Inserts the sender's messages and opens into `schema`, creating the months' open partitions. */
export async function seedPostgresSender(client: Client, schema: string, seed: SenderSeed): Promise<void> {
  const perMessage = opensPerMessage(seed);
  const messageSpacing = `${MESSAGE_SPACING_MS} milliseconds`;
  const openSpacing = `${OPEN_SPACING_MS} milliseconds`;
  await client.query(
    `INSERT INTO ${schema}.tracked_messages
       (tenant_id, object_id, tracking_id, client_request_id, subject, recipient_count, created_at,
        last_activity_at, last_open_sequence, opens_human, first_person_open_at, last_person_open_at)
     SELECT $1, $2, $3 || lpad(i::text, 20, '0') || 'A', 'draft-' || i, 'Subject ' || i, 2,
            $4::timestamptz + i * $6::interval,
            $4::timestamptz + i * $6::interval + $5::int * $7::interval,
            $5::int, $5::int,
            CASE WHEN $5::int > 0 THEN $4::timestamptz + i * $6::interval + $7::interval END,
            CASE WHEN $5::int > 0 THEN $4::timestamptz + i * $6::interval + $5::int * $7::interval END
       FROM generate_series(0, $8::int - 1) AS i`,
    [
      seed.sender.tenantId,
      seed.sender.objectId,
      seed.prefix,
      seed.start,
      perMessage,
      messageSpacing,
      openSpacing,
      seed.messages,
    ],
  );
  // A trigger kept for older releases has copied these rows already; this insert does not rely on it.
  await client.query(
    `INSERT INTO ${schema}.message_activity (tenant_id, tracking_id, object_id, last_activity_at)
     SELECT tenant_id, tracking_id, object_id, last_activity_at FROM ${schema}.tracked_messages
      WHERE tenant_id = $1 AND object_id = $2
     ON CONFLICT (tenant_id, tracking_id) DO NOTHING`,
    [seed.sender.tenantId, seed.sender.objectId],
  );
  if (seed.opens === 0) return;

  // One partition per UTC month from the first open to the last.
  const lastOpen = new Date(
    seed.start.getTime() + (seed.messages - 1) * MESSAGE_SPACING_MS + perMessage * OPEN_SPACING_MS,
  );
  await client.query(
    `SELECT ${schema}.create_opens_partition(month)
       FROM generate_series(date_trunc('month', $1::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
                            $2::timestamptz, interval '1 month') AS month`,
    [seed.start, lastOpen],
  );
  // Row i is open i / messages (from 1) of message i % messages, as on SQLite.
  await client.query(
    `INSERT INTO ${schema}.opens
       (tenant_id, tracking_id, sequence, opened_at, method, user_agent, client_network, kind,
        confidence, reasons)
     SELECT $1, $2 || lpad((i % $3::int)::text, 20, '0') || 'A', i / $3::int + 1,
            $4::timestamptz + (i % $3::int) * $5::interval + (i / $3::int + 1) * $6::interval,
            'GET', $7::text, $8::text, 'human', 0.9, ARRAY[$9::text]
       FROM generate_series(0, $10::int - 1) AS i`,
    [
      seed.sender.tenantId,
      seed.prefix,
      seed.messages,
      seed.start,
      messageSpacing,
      openSpacing,
      USER_AGENT,
      CLIENT_NETWORK,
      REASON,
      seed.opens,
    ],
  );
}
