import type { Pool, PoolClient } from 'pg';

import type { OpenKind } from '../../../shared/api';
import type { ListOptions, NewOpen, Page, Sender, StoredOpen } from '../trackingStore';
import { decodeOpenCursor, encodeOpenCursor } from '../cursor';
import { checkLimit } from './paging';
import { withTransaction } from './pool';
import { type OpenRow, toStoredOpen } from './rows';

const PERSON_KINDS: ReadonlySet<OpenKind> = new Set(['human', 'human-via-proxy']);

// Locks the batch's messages in key order, so two batches touching the same messages wait for
// each other instead of deadlocking.
const LOCK_MESSAGES = `
  SELECT tenant_id, tracking_id, stopped_at, last_open_sequence
    FROM tracked_messages
   WHERE (tenant_id, tracking_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
   ORDER BY tenant_id, tracking_id
     FOR UPDATE`;

const INSERT_OPENS = `
  INSERT INTO opens
    (tenant_id, tracking_id, sequence, opened_at, method, user_agent, client_network, kind, confidence, reasons,
     counted, hit_id)
  SELECT tenant_id, tracking_id, sequence, opened_at, method, user_agent, client_network, kind, confidence,
         ARRAY(SELECT jsonb_array_elements_text(reasons_json::jsonb)), counted, hit_id
    FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[], $7::text[],
                $8::text[], $9::float8[], $10::text[], $11::boolean[], $12::text[])
      AS batch(tenant_id, tracking_id, sequence, opened_at, method, user_agent, client_network, kind, confidence,
               reasons_json, counted, hit_id)`;

// The time range lets PostgreSQL read only the partitions the batch falls in.
const STORED_HIT_IDS = `
  SELECT hit_id FROM opens
   WHERE tenant_id = ANY($1::text[]) AND hit_id = ANY($2::text[])
     AND opened_at BETWEEN $3 AND $4`;

const UPDATE_COUNTERS = `
  UPDATE tracked_messages AS m SET
    last_open_sequence = d.last_sequence,
    opens_human = m.opens_human + d.human,
    opens_human_via_proxy = m.opens_human_via_proxy + d.human_via_proxy,
    opens_prefetch = m.opens_prefetch + d.prefetch,
    opens_scanner = m.opens_scanner + d.scanner,
    opens_self = m.opens_self + d.self,
    opens_unknown = m.opens_unknown + d.unknown,
    first_person_open_at = LEAST(m.first_person_open_at, d.first_person_open_at),
    last_person_open_at = GREATEST(m.last_person_open_at, d.last_person_open_at),
    last_activity_at = GREATEST(m.last_activity_at, d.last_open_at)
  FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[],
              $9::int[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[])
    AS d(tenant_id, tracking_id, last_sequence, human, human_via_proxy, prefetch, scanner, self, unknown,
         first_person_open_at, last_person_open_at, last_open_at)
  WHERE m.tenant_id = d.tenant_id AND m.tracking_id = d.tracking_id`;

const LIST_OPENS = `
  SELECT o.tenant_id, o.tracking_id, o.sequence, o.opened_at, o.method, o.user_agent, o.client_network,
         o.kind, o.confidence, o.reasons, o.counted
    FROM opens o
   WHERE o.tenant_id = $1 AND o.tracking_id = $2 AND o.sequence < $4
     AND EXISTS (SELECT 1 FROM tracked_messages m
                  WHERE m.tenant_id = $1 AND m.tracking_id = $2 AND m.object_id = $3)
   ORDER BY o.sequence DESC
   LIMIT $5`;

interface LockedMessage {
  tenant_id: string;
  tracking_id: string;
  stopped_at: Date | null;
  last_open_sequence: string;
}

interface MessageDelta {
  tenantId: string;
  trackingId: string;
  lastSequence: number;
  counts: Record<OpenKind, number>;
  firstPersonOpenAt: Date | null;
  lastPersonOpenAt: Date | null;
  lastOpenAt: Date;
}

/**
 * Writes a batch of opens with one multi-row INSERT and one UPDATE of the messages' counters, in
 * one transaction. Opens of messages that no longer exist, and opens at or after a message's
 * stop time, are left out: a stopped or deleted message records no more opens.
 */
export async function writeOpens(pool: Pool, opens: readonly NewOpen[], retry: boolean): Promise<void> {
  await withTransaction(pool, async (client) => {
    const locked = await lockMessages(client, opens);
    // Hit ids are new on a first attempt. A retry reads the stored ones, after the messages are
    // locked, so no other batch can add one of these hits meanwhile.
    const seenHits = retry ? await storedHitIds(client, opens) : new Set<string>();
    const deltas = new Map<string, MessageDelta>();
    const rows: { open: NewOpen; sequence: number }[] = [];

    for (const open of opens) {
      if (open.hitId !== undefined) {
        if (seenHits.has(open.hitId)) continue;
        seenHits.add(open.hitId);
      }
      const key = messageKey(open.tenantId, open.trackingId);
      const message = locked.get(key);
      if (message === undefined) continue;
      if (message.stopped_at !== null && open.at.getTime() >= message.stopped_at.getTime()) continue;

      let delta = deltas.get(key);
      if (delta === undefined) {
        delta = emptyDelta(open, Number(message.last_open_sequence));
        deltas.set(key, delta);
      }
      addToDelta(delta, open);
      rows.push({ open, sequence: delta.lastSequence });
    }
    if (rows.length === 0) return;

    await insertOpens(client, rows);
    await updateCounters(client, [...deltas.values()]);
  });
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

async function lockMessages(
  client: PoolClient,
  opens: readonly NewOpen[],
): Promise<Map<string, LockedMessage>> {
  const keys = new Map<string, NewOpen>();
  for (const open of opens) keys.set(messageKey(open.tenantId, open.trackingId), open);
  const result = await client.query<LockedMessage>(LOCK_MESSAGES, [
    [...keys.values()].map((open) => open.tenantId),
    [...keys.values()].map((open) => open.trackingId),
  ]);
  return new Map(result.rows.map((row) => [messageKey(row.tenant_id, row.tracking_id), row]));
}

async function insertOpens(client: PoolClient, rows: { open: NewOpen; sequence: number }[]): Promise<void> {
  await client.query(INSERT_OPENS, [
    rows.map(({ open }) => open.tenantId),
    rows.map(({ open }) => open.trackingId),
    rows.map(({ sequence }) => sequence),
    rows.map(({ open }) => open.at),
    rows.map(({ open }) => open.method),
    rows.map(({ open }) => open.userAgent),
    rows.map(({ open }) => open.clientNetwork),
    rows.map(({ open }) => open.kind),
    rows.map(({ open }) => open.confidence),
    // Passed as JSON text: unnest would flatten a two-dimensional text array.
    rows.map(({ open }) => JSON.stringify(open.reasons)),
    rows.map(({ open }) => open.counted ?? true),
    rows.map(({ open }) => open.hitId ?? null),
  ]);
}

/** Returns the hit ids of the batch that are already stored. */
async function storedHitIds(client: PoolClient, opens: readonly NewOpen[]): Promise<Set<string>> {
  const withIds = opens.filter((open) => open.hitId !== undefined);
  if (withIds.length === 0) return new Set();
  const times = withIds.map((open) => open.at.getTime());
  const result = await client.query<{ hit_id: string }>(STORED_HIT_IDS, [
    [...new Set(withIds.map((open) => open.tenantId))],
    withIds.map((open) => open.hitId),
    new Date(Math.min(...times)),
    new Date(Math.max(...times)),
  ]);
  return new Set(result.rows.map((row) => row.hit_id));
}

async function updateCounters(client: PoolClient, deltas: MessageDelta[]): Promise<void> {
  await client.query(UPDATE_COUNTERS, [
    deltas.map((delta) => delta.tenantId),
    deltas.map((delta) => delta.trackingId),
    deltas.map((delta) => delta.lastSequence),
    deltas.map((delta) => delta.counts.human),
    deltas.map((delta) => delta.counts['human-via-proxy']),
    deltas.map((delta) => delta.counts.prefetch),
    deltas.map((delta) => delta.counts.scanner),
    deltas.map((delta) => delta.counts.self),
    deltas.map((delta) => delta.counts.unknown),
    deltas.map((delta) => delta.firstPersonOpenAt),
    deltas.map((delta) => delta.lastPersonOpenAt),
    deltas.map((delta) => delta.lastOpenAt),
  ]);
}

function emptyDelta(open: NewOpen, lastSequence: number): MessageDelta {
  return {
    tenantId: open.tenantId,
    trackingId: open.trackingId,
    lastSequence,
    counts: { human: 0, 'human-via-proxy': 0, prefetch: 0, scanner: 0, self: 0, unknown: 0 },
    firstPersonOpenAt: null,
    lastPersonOpenAt: null,
    lastOpenAt: open.at,
  };
}

function addToDelta(delta: MessageDelta, open: NewOpen): void {
  delta.lastSequence += 1;
  if (open.at > delta.lastOpenAt) delta.lastOpenAt = open.at;
  // An open kept only as evidence (a repeat) moves the activity time but no counter.
  if (open.counted === false) return;
  delta.counts[open.kind] += 1;
  if (!PERSON_KINDS.has(open.kind)) return;
  if (delta.firstPersonOpenAt === null || open.at < delta.firstPersonOpenAt)
    delta.firstPersonOpenAt = open.at;
  if (delta.lastPersonOpenAt === null || open.at > delta.lastPersonOpenAt) delta.lastPersonOpenAt = open.at;
}

function messageKey(tenantId: string, trackingId: string): string {
  return JSON.stringify([tenantId, trackingId]);
}
