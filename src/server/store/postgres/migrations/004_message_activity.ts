import type { Migration } from './migration';

/**
 * Moves each message's last activity time into a narrow table of its own, with the index the list
 * is read through. Every open changed that time, and because an index of tracked_messages held it,
 * no counter update could be a heap-only (HOT) update: each one wrote a new entry into all six
 * indexes of tracked_messages. Now an open updates the counters in place and writes the two index
 * entries of the narrow row. Writers lock the tracked_messages row before the message_activity
 * row, so that concurrent writers cannot deadlock.
 *
 * tracked_messages.last_activity_at stays, unread, for processes of the previous release during a
 * rolling upgrade. They insert messages without an activity row and set that column, and the two
 * triggers carry both into message_activity. The next release drops the column and the triggers.
 */
export const messageActivityMigration: Migration = {
  version: 4,
  name: 'message_activity',
  sql: `
CREATE TABLE message_activity (
  tenant_id text NOT NULL,
  tracking_id text COLLATE "C" NOT NULL,
  object_id text NOT NULL,
  last_activity_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, tracking_id),
  FOREIGN KEY (tenant_id, tracking_id) REFERENCES tracked_messages (tenant_id, tracking_id) ON DELETE CASCADE
);

-- Older processes may write while this runs. Their writes wait until the triggers exist, so none
-- falls between the copy below and the triggers; reads go on until the index is dropped at the end.
LOCK TABLE tracked_messages IN SHARE MODE;

INSERT INTO message_activity (tenant_id, tracking_id, object_id, last_activity_at)
SELECT tenant_id, tracking_id, object_id, last_activity_at FROM tracked_messages;

CREATE INDEX message_activity_order
  ON message_activity (tenant_id, object_id, last_activity_at, tracking_id);

CREATE FUNCTION copy_message_activity() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
BEGIN
  INSERT INTO message_activity AS a (tenant_id, tracking_id, object_id, last_activity_at)
  VALUES (NEW.tenant_id, NEW.tracking_id, NEW.object_id, NEW.last_activity_at)
  ON CONFLICT (tenant_id, tracking_id) DO UPDATE SET last_activity_at = EXCLUDED.last_activity_at
    WHERE a.last_activity_at < EXCLUDED.last_activity_at;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER tracked_messages_copy_activity_on_insert
  AFTER INSERT ON tracked_messages
  FOR EACH ROW EXECUTE FUNCTION copy_message_activity();
-- This release never sets the column, so its updates do not fire this trigger.
CREATE TRIGGER tracked_messages_copy_activity_on_update
  AFTER UPDATE OF last_activity_at ON tracked_messages
  FOR EACH ROW WHEN (NEW.last_activity_at > OLD.last_activity_at) EXECUTE FUNCTION copy_message_activity();

DROP INDEX tracked_messages_activity;
-- Room on each page for the new row versions of in-place updates.
ALTER TABLE tracked_messages SET (fillfactor = 90);
`,
};
