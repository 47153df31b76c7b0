import type { Migration } from './migration';

/**
 * Tracked messages with their open and receipt counters, opens partitioned by month, read
 * receipts. Every primary key starts with tenant_id so the tables can be distributed by tenant
 * (Citus) without changing keys.
 */
export const initialMigration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE tracked_messages (
  tenant_id text NOT NULL,
  tracking_id text COLLATE "C" NOT NULL,
  object_id text NOT NULL,
  client_request_id text NOT NULL,
  subject text,
  recipient_count integer,
  internet_message_id text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL,
  last_activity_at timestamptz NOT NULL,
  stopped_at timestamptz,
  read_receipt_requested boolean,
  last_open_sequence bigint NOT NULL DEFAULT 0,
  opens_human integer NOT NULL DEFAULT 0,
  opens_human_via_proxy integer NOT NULL DEFAULT 0,
  opens_prefetch integer NOT NULL DEFAULT 0,
  opens_scanner integer NOT NULL DEFAULT 0,
  opens_self integer NOT NULL DEFAULT 0,
  opens_unknown integer NOT NULL DEFAULT 0,
  first_person_open_at timestamptz,
  last_person_open_at timestamptz,
  receipts_read integer NOT NULL DEFAULT 0,
  receipts_not_read integer NOT NULL DEFAULT 0,
  receipts_other integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, tracking_id)
);

CREATE UNIQUE INDEX tracked_messages_client_request
  ON tracked_messages (tenant_id, object_id, client_request_id);
CREATE INDEX tracked_messages_activity
  ON tracked_messages (tenant_id, object_id, last_activity_at, tracking_id);
CREATE INDEX tracked_messages_internet_message_id
  ON tracked_messages (tenant_id, object_id, internet_message_id)
  WHERE internet_message_id IS NOT NULL;
-- The pixel URL carries only the tracking id. Under Citus this lookup would reach every shard.
CREATE INDEX tracked_messages_tracking_id ON tracked_messages (tracking_id);
CREATE INDEX tracked_messages_active_created ON tracked_messages (created_at)
  WHERE stopped_at IS NULL;

CREATE TABLE opens (
  tenant_id text NOT NULL,
  tracking_id text COLLATE "C" NOT NULL,
  sequence bigint NOT NULL,
  opened_at timestamptz NOT NULL,
  method text NOT NULL,
  user_agent text,
  client_network text,
  kind text NOT NULL CHECK (kind IN ('human', 'human-via-proxy', 'prefetch', 'scanner', 'self', 'unknown')),
  confidence double precision NOT NULL,
  reasons text[] NOT NULL,
  PRIMARY KEY (tenant_id, tracking_id, sequence, opened_at)
) PARTITION BY RANGE (opened_at);

-- Opens arrive roughly in time order, so a BRIN index finds old rows for retention cheaply.
CREATE INDEX opens_opened_at ON opens USING brin (opened_at);

-- Creates the partition of opens for the UTC month containing month_start, unless it exists.
-- The advisory lock makes concurrent callers in several server processes wait for each other.
-- SET search_path FROM CURRENT keeps the migration's schema, whatever the caller's search_path.
CREATE FUNCTION create_opens_partition(month_start timestamptz) RETURNS text
LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
DECLARE
  lower_bound timestamptz := date_trunc('month', month_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  upper_bound timestamptz :=
    (date_trunc('month', month_start AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
  partition_name text := 'opens_p' || to_char(lower_bound AT TIME ZONE 'UTC', 'YYYYMM');
BEGIN
  PERFORM pg_advisory_xact_lock(1380207947, hashtext(current_schema() || ':opens-partitions'));
  IF to_regclass(format('%I.%I', current_schema(), partition_name)) IS NULL THEN
    EXECUTE format(
      'CREATE TABLE %I.%I PARTITION OF %I.opens FOR VALUES FROM (%L) TO (%L)',
      current_schema(), partition_name, current_schema(), lower_bound, upper_bound
    );
  END IF;
  RETURN partition_name;
END
$fn$;

CREATE TABLE read_receipts (
  tenant_id text NOT NULL,
  tracking_id text COLLATE "C" NOT NULL,
  receipt_message_id text NOT NULL,
  final_recipient text,
  kind text NOT NULL CHECK (kind IN ('read', 'not-read', 'other')),
  disposition_type text NOT NULL,
  disposed_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, tracking_id, receipt_message_id)
);
`,
};
