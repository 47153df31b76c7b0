import type { Migration } from './migration';

/**
 * Repeats kept as evidence but not counted, a time index for the pixel's recent-opens read, and
 * the sender's own activity that marks self views: views reported by the status pane and the
 * networks the sender's API calls came from.
 */
export const senderActivityMigration: Migration = {
  version: 2,
  name: 'sender_activity',
  sql: `
ALTER TABLE opens ADD COLUMN counted boolean NOT NULL DEFAULT true;
CREATE INDEX opens_message_time ON opens (tenant_id, tracking_id, opened_at);

CREATE TABLE sender_views (
  tenant_id text NOT NULL,
  tracking_id text COLLATE "C" NOT NULL,
  viewed_at timestamptz NOT NULL,
  object_id text NOT NULL,
  PRIMARY KEY (tenant_id, tracking_id, viewed_at)
);
CREATE INDEX sender_views_viewed_at ON sender_views (viewed_at);

CREATE TABLE sender_networks (
  tenant_id text NOT NULL,
  object_id text NOT NULL,
  network text NOT NULL,
  last_seen_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, object_id, network)
);
CREATE INDEX sender_networks_last_seen_at ON sender_networks (last_seen_at);
`,
};
