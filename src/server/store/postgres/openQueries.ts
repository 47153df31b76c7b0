import type { Pool } from 'pg';

import type { OpenKind } from '../../../shared/api';
import type { ListOptions, NewOpen, Page, Sender, StoredOpen } from '../trackingStore';
import { decodeOpenCursor, encodeOpenCursor } from '../cursor';
import { checkLimit } from './paging';
import { withRetries } from './pool';
import { type OpenRow, toStoredOpen } from './rows';

const PERSON_KINDS: ReadonlySet<OpenKind> = new Set(['human', 'human-via-proxy']);

/**
 * Builds the statement that writes a batch of opens: one round trip and one commit. It locks the
 * batch's messages in key order, so two batches touching the same messages wait for each other
 * instead of deadlocking, and reads each message's last sequence after the lock. Opens of messages
 * that no longer exist, and opens at or after a message's stop time, are left out. Each message's
 * counters and times then take in its kept opens. An open kept only as evidence (not counted)
 * moves the activity time (in message_activity, updated after the lock) but no counter.
 *
 * Hit ids are new on a first attempt. A retry (`checkStoredHits`) also leaves out the hits already
 * stored: the messages are locked first, so no other batch can add one of them meanwhile.
 */
function writeOpensSql(checkStoredHits: boolean): string {
  const notStored = checkStoredHits
    ? `AND NOT EXISTS (SELECT 1 FROM opens o
                        WHERE o.tenant_id = b.tenant_id AND o.hit_id = b.hit_id AND o.opened_at = b.opened_at)`
    : '';
  const countOf = (kind: OpenKind) => `count(*) FILTER (WHERE counted AND kind = '${kind}')::int`;
  return `
  WITH batch AS (
    SELECT *, row_number() OVER (PARTITION BY hit_id ORDER BY position) AS hit_copy
      FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[],
                  $8::float8[], $9::text[], $10::boolean[], $11::text[])
        WITH ORDINALITY AS b(tenant_id, tracking_id, opened_at, method, user_agent, client_network, kind,
                             confidence, reasons_json, counted, hit_id, position)
  ), locked AS (
    SELECT tenant_id, tracking_id, stopped_at, last_open_sequence
      FROM tracked_messages
     WHERE (tenant_id, tracking_id) IN (SELECT tenant_id, tracking_id FROM batch)
     ORDER BY tenant_id, tracking_id
       FOR UPDATE
  ), kept AS (
    SELECT b.*, l.last_open_sequence
             + row_number() OVER (PARTITION BY b.tenant_id, b.tracking_id ORDER BY b.position) AS sequence
      FROM batch b
      JOIN locked l ON l.tenant_id = b.tenant_id AND l.tracking_id = b.tracking_id
     WHERE (l.stopped_at IS NULL OR b.opened_at < l.stopped_at)
       AND (b.hit_id IS NULL OR b.hit_copy = 1) ${notStored}
  ), inserted AS (
    INSERT INTO opens
      (tenant_id, tracking_id, sequence, opened_at, method, user_agent, client_network, kind, confidence, reasons,
       counted, hit_id)
    SELECT tenant_id, tracking_id, sequence, opened_at, method, user_agent, client_network, kind, confidence,
           ARRAY(SELECT jsonb_array_elements_text(reasons_json::jsonb)), counted, hit_id
      FROM kept
  ), deltas AS (
    SELECT tenant_id, tracking_id, max(sequence) AS last_sequence,
           ${countOf('human')} AS human, ${countOf('human-via-proxy')} AS human_via_proxy,
           ${countOf('prefetch')} AS prefetch, ${countOf('scanner')} AS scanner,
           ${countOf('self')} AS self, ${countOf('unknown')} AS unknown,
           min(opened_at) FILTER (WHERE counted AND kind IN (${PERSON_KIND_LIST})) AS first_person_open_at,
           max(opened_at) FILTER (WHERE counted AND kind IN (${PERSON_KIND_LIST})) AS last_person_open_at,
           max(opened_at) AS last_open_at
      FROM kept
     GROUP BY tenant_id, tracking_id
  ), activity AS (
    UPDATE message_activity AS a SET last_activity_at = GREATEST(a.last_activity_at, d.last_open_at)
      FROM deltas d
     WHERE a.tenant_id = d.tenant_id AND a.tracking_id = d.tracking_id
  )
  UPDATE tracked_messages AS m SET
    last_open_sequence = d.last_sequence,
    opens_human = m.opens_human + d.human,
    opens_human_via_proxy = m.opens_human_via_proxy + d.human_via_proxy,
    opens_prefetch = m.opens_prefetch + d.prefetch,
    opens_scanner = m.opens_scanner + d.scanner,
    opens_self = m.opens_self + d.self,
    opens_unknown = m.opens_unknown + d.unknown,
    first_person_open_at = LEAST(m.first_person_open_at, d.first_person_open_at),
    last_person_open_at = GREATEST(m.last_person_open_at, d.last_person_open_at)
  FROM deltas d
  WHERE m.tenant_id = d.tenant_id AND m.tracking_id = d.tracking_id`;
}

const PERSON_KIND_LIST = [...PERSON_KINDS].map((kind) => `'${kind}'`).join(', ');

/** The statement of a first attempt and of a retry, each prepared once per connection. */
const WRITE_OPENS = { name: 'readmark-write-opens', text: writeOpensSql(false) };
const RETRY_OPENS = { name: 'readmark-retry-opens', text: writeOpensSql(true) };

const LIST_OPENS = `
  SELECT o.tenant_id, o.tracking_id, o.sequence, o.opened_at, o.method, o.user_agent, o.client_network,
         o.kind, o.confidence, o.reasons, o.counted
    FROM opens o
   WHERE o.tenant_id = $1 AND o.tracking_id = $2 AND o.sequence < $4
     AND EXISTS (SELECT 1 FROM tracked_messages m
                  WHERE m.tenant_id = $1 AND m.tracking_id = $2 AND m.object_id = $3)
   ORDER BY o.sequence DESC
   LIMIT $5`;

/**
 * Writes a batch of opens in one statement, which PostgreSQL commits on its own (see
 * writeOpensSql), and runs it again after a deadlock. `retry` leaves out the hits a failed earlier
 * attempt may have stored.
 */
export async function writeOpens(pool: Pool, opens: readonly NewOpen[], retry: boolean): Promise<void> {
  const statement = {
    ...(retry ? RETRY_OPENS : WRITE_OPENS),
    values: [
      opens.map((open) => open.tenantId),
      opens.map((open) => open.trackingId),
      opens.map((open) => open.at),
      opens.map((open) => open.method),
      opens.map((open) => open.userAgent),
      opens.map((open) => open.clientNetwork),
      opens.map((open) => open.kind),
      opens.map((open) => open.confidence),
      // Passed as JSON text: unnest would flatten a two-dimensional text array.
      opens.map((open) => JSON.stringify(open.reasons)),
      opens.map((open) => open.counted ?? true),
      opens.map((open) => open.hitId ?? null),
    ],
  };
  await withRetries(() => pool.query(statement));
}

export async function listOpens(
  pool: Pool,
  sender: Sender,
  trackingId: string,
  options: ListOptions,
): Promise<Page<StoredOpen>> {
  const limit = checkLimit(options.limit);
  const before =
    options.cursor === null ? Number.MAX_SAFE_INTEGER : decodeOpenCursor(options.cursor).sequence;
  const result = await pool.query<OpenRow>(LIST_OPENS, [
    sender.tenantId,
    trackingId,
    sender.objectId,
    before,
    limit + 1,
  ]);
  const items = result.rows.slice(0, limit).map(toStoredOpen);
  const last = items[items.length - 1];
  const nextCursor =
    result.rows.length > limit && last !== undefined ? encodeOpenCursor({ sequence: last.sequence }) : null;
  return { items, nextCursor };
}
