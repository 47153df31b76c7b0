import { SQLITE_SYNCHRONOUS_LEVELS, type SqliteSynchronous } from '../store/sqlite/sqliteTrackingStore';
import { ConfigError, parseInteger } from './configError';
import type { ServerOptionName } from './options';
import type { DatabaseConfig } from './serverConfig';

/** Builds the database configuration from `--database` and the options of the store it names. */
export function parseDatabase(value: (name: ServerOptionName) => string | undefined): DatabaseConfig {
  const text = value('database') ?? '';
  if (/^postgres(ql)?:\/\//i.test(text)) {
    return {
      kind: 'postgres',
      url: parsePostgresUrl(text),
      poolSize: parseInteger('postgresPoolSize', value('postgresPoolSize') ?? '', 1, 1000),
    };
  }
  if (text === '' || text.includes('\0')) {
    throw new ConfigError('database', text, 'a file path or a postgres:// URL');
  }
  // "postgres:/host/db" or "postgresql//host/db" would otherwise become a SQLite file of that name.
  if (/^postgres(ql)?[:/]/i.test(text)) {
    throw new ConfigError(
      'database',
      '<postgres URL>',
      'a URL that starts with postgres:// or postgresql://',
    );
  }
  // A URL of another scheme (mysql://, pg://, postgress://) would otherwise become a SQLite path.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1];
  if (scheme !== undefined) {
    throw new ConfigError(
      'database',
      hideCredentials(text),
      `a SQLite file path or a postgres:// or postgresql:// URL ("${scheme}://" is not supported)`,
    );
  }
  return { kind: 'sqlite', path: text, synchronous: parseSynchronous(value('sqliteSynchronous') ?? '') };
}

// Everything up to the last "@" is hidden, because a password may contain an unencoded "@".
function hideCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/).*@/i, '$1<credentials>@');
}

// The URL may contain a password, so errors show a placeholder in place of the value.
function parsePostgresUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError('database', '<postgres URL>', 'a valid postgres://user@host:port/database URL');
  }
  if (url.hostname === '' || url.pathname.length <= 1) {
    throw new ConfigError('database', '<postgres URL>', 'a postgres:// URL with a host and a database name');
  }
  if (url.searchParams.has('options')) {
    throw new ConfigError(
      'database',
      '<postgres URL>',
      'a postgres:// URL without an `options` parameter (the server sets search_path itself)',
    );
  }
  return text;
}

function parseSynchronous(text: string): SqliteSynchronous {
  const upper = text.toUpperCase();
  const level = SQLITE_SYNCHRONOUS_LEVELS.find((candidate) => candidate === upper);
  if (level === undefined) {
    throw new ConfigError(
      'sqliteSynchronous',
      text,
      SQLITE_SYNCHRONOUS_LEVELS.join(', ').replace(/, (\w+)$/, ' or $1'),
    );
  }
  return level;
}
