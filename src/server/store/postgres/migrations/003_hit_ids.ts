import type { Migration } from './migration';

/**
 * A unique id per pixel hit, so that a batch written again after a commit whose outcome was
 * unknown skips the opens already stored. Older opens have none.
 */
export const hitIdMigration: Migration = {
  version: 3,
  name: 'hit_ids',
  sql: `
ALTER TABLE opens ADD COLUMN hit_id text;
CREATE INDEX opens_hit ON opens (tenant_id, hit_id) WHERE hit_id IS NOT NULL;
`,
};
