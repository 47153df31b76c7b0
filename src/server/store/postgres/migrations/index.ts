import { initialMigration } from './001_initial';
import { senderActivityMigration } from './002_sender_activity';
import { hitIdMigration } from './003_hit_ids';
import { messageActivityMigration } from './004_message_activity';
import { dropOpensMessageTimeMigration } from './005_drop_opens_message_time';
import type { Migration } from './migration';

/** Every migration, oldest first. Append new ones; never change or reorder released ones. */
export const MIGRATIONS: readonly Migration[] = [
  initialMigration,
  senderActivityMigration,
  hitIdMigration,
  messageActivityMigration,
  dropOpensMessageTimeMigration,
];
