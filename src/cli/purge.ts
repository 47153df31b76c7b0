import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ConfigError, parseServerConfig } from '../server/config/parseServerConfig';
import { SERVER_OPTIONS, type RawServerOptions } from '../server/config/options';
import { applyRetention } from '../server/privacy/retention';
import { createServerLogger } from '../server/http/logger';
import { openConfiguredStore } from '../server/store/openConfiguredStore';
import { describeDatabase, describeDatabaseFailure } from './startFailure';

const PURGE_OPTIONS = [
  'database',
  'postgresPoolSize',
  'sqliteSynchronous',
  'openRetentionDays',
  'trackingMaxAgeDays',
  'purgeBatchSize',
] as const;

// Help text in place of SERVER_OPTIONS's, which states that serve creates a missing SQLite file.
// Purge rejects a missing file instead.
const PURGE_DESCRIPTIONS: Partial<Record<(typeof PURGE_OPTIONS)[number], string>> = {
  database: 'existing SQLite database file, or a postgres:// URL for the PostgreSQL store',
};

/**
 * Registers `readmark purge`: applies the retention policy once, the same run `readmark serve`
 * repeats on its schedule. Running it twice in a row deletes nothing the second time.
 */
export function registerPurge(program: Command): void {
  const command = program
    .command('purge')
    .description(
      'Delete opens past their retention and stop tracked messages past their age limit, once, on SQLite or PostgreSQL',
    );
  for (const name of PURGE_OPTIONS) {
    const spec = SERVER_OPTIONS[name];
    const description = PURGE_DESCRIPTIONS[name] ?? spec.description;
    const option = new Option(`${spec.flag} ${spec.argument}`, description).env(spec.env);
    command.addOption('defaultValue' in spec ? option.default(spec.defaultValue) : option);
  }
  command.action(async (values: RawServerOptions) => {
    await runPurge(values);
  });
}

async function runPurge(values: RawServerOptions): Promise<void> {
  let config;
  try {
    const picked: RawServerOptions = {};
    for (const name of PURGE_OPTIONS) {
      if (typeof values[name] === 'string') picked[name] = values[name];
    }
    config = parseServerConfig(picked);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`readmark purge: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const database = describeDatabase(config.database);
  // A mistyped path would otherwise create an empty database and report a purge of nothing.
  if (config.database.kind === 'sqlite' && !existsSync(config.database.path)) {
    console.error(`readmark purge: there is no database at ${database}. Check --database.`);
    process.exitCode = 2;
    return;
  }
  let store;
  try {
    store = openConfiguredStore(config.database, createServerLogger('warn')).store;
    await store.migrate();
  } catch (error) {
    await store?.close().catch(() => undefined);
    console.error(`readmark purge: ${describeDatabaseFailure(error, config.database)}`);
    process.exitCode = 1;
    return;
  }
  try {
    const result = await applyRetention(store, config.privacy.retention, new Date());
    console.log(
      `In ${database}: deleted ${result.opensDeleted} opens recorded before ${result.opensBefore.toISOString()}; ` +
        `stopped ${result.messagesStopped} tracked messages created before ${result.messagesBefore.toISOString()}.`,
    );
  } finally {
    await store.close();
  }
}
