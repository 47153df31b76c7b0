import type { Pool, PoolClient } from 'pg';

import type { OpenKind } from '../../../shared/api';
import { PERSON_OPEN_KINDS } from '../../core/openKinds';
import { mergePersonOpenBounds } from '../personOpenBounds';
import type { OpenReclassification, Sender } from '../trackingStore';
import { withTransaction } from './pool';

const LOCK_MESSAGE = `
  SELECT first_person_open_at, last_person_open_at FROM tracked_messages
   WHERE tenant_id = $1 AND object_id = $2 AND tracking_id = $3
     FOR UPDATE`;

const SELECT_VERDICTS = `
  SELECT sequence, kind, counted, opened_at FROM opens
   WHERE tenant_id = $1 AND tracking_id = $2 AND sequence = ANY($3::bigint[])`;

const UPDATE_VERDICTS = `
  UPDATE opens AS o SET
    kind = c.kind,
    confidence = c.confidence,
    reasons = ARRAY(SELECT jsonb_array_elements_text(c.reasons_json::jsonb)),
    counted = c.counted
  FROM unnest($3::bigint[], $4::text[], $5::float8[], $6::text[], $7::boolean[])
    AS c(sequence, kind, confidence, reasons_json, counted)
  WHERE o.tenant_id = $1 AND o.tracking_id = $2 AND o.sequence = c.sequence`;

const ADJUST_COUNTERS = `
  UPDATE tracked_messages SET
    opens_human = opens_human + $3,
    opens_human_via_proxy = opens_human_via_proxy + $4,
    opens_prefetch = opens_prefetch + $5,
    opens_scanner = opens_scanner + $6,
    opens_self = opens_self + $7,
    opens_unknown = opens_unknown + $8
  WHERE tenant_id = $1 AND tracking_id = $2`;

const SELECT_PERSON_OPEN_BOUNDS = `
  SELECT min(opened_at) AS first, max(opened_at) AS last FROM opens
   WHERE tenant_id = $1 AND tracking_id = $2 AND counted AND kind IN ('human', 'human-via-proxy')`;

const UPDATE_PERSON_OPEN_BOUNDS = `
  UPDATE tracked_messages SET first_person_open_at = $3, last_person_open_at = $4
   WHERE tenant_id = $1 AND tracking_id = $2`;

interface VerdictRow {
  sequence: string;
  kind: OpenKind;
  counted: boolean;
  opened_at: Date;
}

/**
 * Replaces stored verdicts and moves the message's counters to match, in one transaction. The
 * message row is locked first, as `writeOpens` does, so a batch of new opens waits for it.
 */
export async function reclassifyOpens(
  pool: Pool,
  sender: Sender,
  trackingId: string,
  changes: readonly OpenReclassification[],
): Promise<number> {
  if (changes.length === 0) return 0;
  return withTransaction(pool, async (client) => {
    const locked = await client.query<{
      first_person_open_at: Date | null;
      last_person_open_at: Date | null;
    }>(LOCK_MESSAGE, [sender.tenantId, sender.objectId, trackingId]);
    const message = locked.rows[0];
    if (message === undefined) return 0;

    const stored = await client.query<VerdictRow>(SELECT_VERDICTS, [
      sender.tenantId,
      trackingId,
      changes.map((change) => change.sequence),
    ]);
    const previous = new Map(stored.rows.map((row) => [Number(row.sequence), row]));
    const applied = changes.filter((change) => previous.has(change.sequence));
    if (applied.length === 0) return 0;

    const delta: Record<OpenKind, number> = {
      human: 0,
      'human-via-proxy': 0,
      prefetch: 0,
      scanner: 0,
      self: 0,
      unknown: 0,
    };
    const removedPersonTimes: Date[] = [];
    let touchesPeople = false;
    for (const change of applied) {
      const row = previous.get(change.sequence) as VerdictRow;
      if (row.counted) delta[row.kind] -= 1;
      if (change.counted) delta[change.kind] += 1;
      const wasPerson = row.counted && PERSON_OPEN_KINDS.has(row.kind);
      const isPerson = change.counted && PERSON_OPEN_KINDS.has(change.kind);
      if (wasPerson && !isPerson) removedPersonTimes.push(row.opened_at);
      if (wasPerson !== isPerson) touchesPeople = true;
    }

    await client.query(UPDATE_VERDICTS, [
      sender.tenantId,
      trackingId,
      applied.map((change) => change.sequence),
      applied.map((change) => change.kind),
      applied.map((change) => change.confidence),
      applied.map((change) => JSON.stringify(change.reasons)),
      applied.map((change) => change.counted),
    ]);
    await client.query(ADJUST_COUNTERS, [
      sender.tenantId,
      trackingId,
      delta.human,
      delta['human-via-proxy'],
      delta.prefetch,
      delta.scanner,
      delta.self,
      delta.unknown,
    ]);
    if (touchesPeople) {
      await updatePersonOpenBounds(client, sender.tenantId, trackingId, message, removedPersonTimes);
    }
    return applied.length;
  });
}

async function updatePersonOpenBounds(
  client: PoolClient,
  tenantId: string,
  trackingId: string,
  message: { first_person_open_at: Date | null; last_person_open_at: Date | null },
  removedPersonTimes: Date[],
): Promise<void> {
  const recounted = await client.query<{ first: Date | null; last: Date | null }>(SELECT_PERSON_OPEN_BOUNDS, [
    tenantId,
    trackingId,
  ]);
  const bounds = mergePersonOpenBounds(
    { first: message.first_person_open_at, last: message.last_person_open_at },
    removedPersonTimes,
    recounted.rows[0] ?? { first: null, last: null },
  );
  await client.query(UPDATE_PERSON_OPEN_BOUNDS, [tenantId, trackingId, bounds.first, bounds.last]);
}
