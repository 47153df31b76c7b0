import type { Migration } from './migration';

/**
 * Drops the index of opens by message and time. The pixel's recent-opens read now goes through the
 * primary key by sequence, and no other frequent query reads one message's opens by time, so the
 * index only cost an entry per open. Older releases still run without it, more slowly.
 */
export const dropOpensMessageTimeMigration: Migration = {
  version: 5,
  name: 'drop_opens_message_time',
  sql: `
DROP INDEX opens_message_time;
`,
};
