import type { Pool } from 'pg';

import type { HitContextQuery, Sender, SenderActivity, StoredHitContext, StoredOpen } from '../trackingStore';

// One round trip for the pixel path. The check of the message's sender keeps another sender's id
// empty. The message is found by its primary key first: given the sender's columns too, the
// generic plan of this prepared statement scanned all of that sender's messages.
//
// The opens are the newest recorded after sequence $10, read backwards through the primary key,
// so a refresh touches only the opens recorded since the last read. Through an index by time it
// would scan every open of the message in the window to find the few new ones. The window ($4)
// applies after the limit, so opens recorded far out of time order can fall out of it.
const LOAD_HIT_CONTEXT = `
  WITH m AS MATERIALIZED (
    SELECT object_id FROM tracked_messages WHERE tenant_id = $1 AND tracking_id = $2)
  SELECT
    (SELECT coalesce(json_agg(r ORDER BY r.opened_at DESC, r.sequence DESC), '[]'::json)
       FROM (SELECT o.sequence, o.opened_at, o.method, o.user_agent, o.client_network, o.kind, o.confidence,
                    o.reasons, o.counted
               FROM opens o
              WHERE o.tenant_id = $1 AND o.tracking_id = $2 AND o.sequence > $10
              ORDER BY o.sequence DESC
              LIMIT $5) r
      WHERE r.opened_at >= $4) AS opens,
    (SELECT coalesce(json_agg(v.viewed_at ORDER BY v.viewed_at DESC), '[]'::json)
       FROM (SELECT viewed_at FROM sender_views
              WHERE tenant_id = $1 AND tracking_id = $2 AND viewed_at >= $6
              ORDER BY viewed_at DESC
              LIMIT $7) v) AS views,
    (SELECT coalesce(json_agg(json_build_object('network', n.network, 'last_seen_at', n.last_seen_at)), '[]'::json)
       FROM sender_networks n
      WHERE n.tenant_id = $1 AND n.object_id = $3 AND n.network = $8 AND n.last_seen_at >= $9) AS networks
  FROM m
  WHERE m.object_id = $3`;

const INSERT_VIEW = `
  INSERT INTO sender_views (tenant_id, tracking_id, viewed_at, object_id)
  SELECT tenant_id, tracking_id, $4, object_id FROM tracked_messages
   WHERE tenant_id = $1 AND object_id = $2 AND tracking_id = $3
  ON CONFLICT (tenant_id, tracking_id, viewed_at) DO NOTHING
  RETURNING 1`;

const MESSAGE_EXISTS = `
  SELECT 1 FROM tracked_messages WHERE tenant_id = $1 AND object_id = $2 AND tracking_id = $3`;

const UPSERT_NETWORK = `
  INSERT INTO sender_networks (tenant_id, object_id, network, last_seen_at)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (tenant_id, object_id, network)
    DO UPDATE SET last_seen_at = GREATEST(sender_networks.last_seen_at, EXCLUDED.last_seen_at)`;

interface ContextRow {
  opens: OpenJson[];
  views: string[];
  networks: { network: string; last_seen_at: string }[];
}

interface OpenJson {
  sequence: number;
  opened_at: string;
  method: string;
  user_agent: string | null;
  client_network: string | null;
  kind: StoredOpen['kind'];
  confidence: number;
  reasons: string[];
  counted: boolean;
}

export async function loadHitContext(pool: Pool, query: HitContextQuery): Promise<StoredHitContext> {
  // Named, so each connection plans it once: the pixel path runs it for most hits.
  const result = await pool.query<ContextRow>({ name: 'readmark-load-hit-context', text: LOAD_HIT_CONTEXT }, [
    query.sender.tenantId,
    query.trackingId,
    query.sender.objectId,
    query.opensSince,
    query.maxOpens,
    query.viewsSince,
    query.maxViews,
    query.clientNetwork,
    query.networkSeenSince,
    // Sequences start at 1.
    query.opensAfterSequence ?? 0,
  ]);
  const row = result.rows[0];
  if (row === undefined) return { recentOpens: [], senderViews: [], senderNetworks: [] };
  return {
    recentOpens: row.opens.map((open) => ({
      trackingId: query.trackingId,
      tenantId: query.sender.tenantId,
      sequence: Number(open.sequence),
      at: new Date(open.opened_at),
      method: open.method,
      userAgent: open.user_agent,
      clientNetwork: open.client_network,
      kind: open.kind,
      confidence: open.confidence,
      reasons: open.reasons,
      counted: open.counted,
    })),
    senderViews: row.views.map((text) => new Date(text)),
    senderNetworks: row.networks.map((entry) => ({
      network: entry.network,
      lastSeenAt: new Date(entry.last_seen_at),
    })),
  };
}

export async function recordSenderView(
  pool: Pool,
  sender: Sender,
  trackingId: string,
  at: Date,
): Promise<boolean> {
  const params = [sender.tenantId, sender.objectId, trackingId];
  const inserted = await pool.query(INSERT_VIEW, [...params, at]);
  if ((inserted.rowCount ?? 0) > 0) return true;
  // Nothing inserted: either a second report of the same millisecond or not this sender's message.
  const existing = await pool.query(MESSAGE_EXISTS, params);
  return existing.rows.length > 0;
}

export async function recordSenderNetwork(
  pool: Pool,
  sender: Sender,
  network: string,
  at: Date,
): Promise<void> {
  await pool.query(UPSERT_NETWORK, [sender.tenantId, sender.objectId, network, at]);
}

export async function listSenderActivity(pool: Pool, sender: Sender): Promise<SenderActivity> {
  const params = [sender.tenantId, sender.objectId];
  const views = await pool.query<{ tracking_id: string; viewed_at: Date }>(
    `SELECT tracking_id, viewed_at FROM sender_views
      WHERE tenant_id = $1 AND object_id = $2
      ORDER BY viewed_at, tracking_id`,
    params,
  );
  const networks = await pool.query<{ network: string; last_seen_at: Date }>(
    `SELECT network, last_seen_at FROM sender_networks
      WHERE tenant_id = $1 AND object_id = $2
      ORDER BY last_seen_at, network`,
    params,
  );
  return {
    views: views.rows.map((row) => ({ trackingId: row.tracking_id, viewedAt: new Date(row.viewed_at) })),
    networks: networks.rows.map((row) => ({ network: row.network, lastSeenAt: new Date(row.last_seen_at) })),
  };
}
