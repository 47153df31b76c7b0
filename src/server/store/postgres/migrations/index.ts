import { initialMigration } from './001_initial';
import type { Migration } from './migration';

/** Every migration, oldest first. Append new ones; never change or reorder released ones. */
export const MIGRATIONS: readonly Migration[] = [initialMigration];
