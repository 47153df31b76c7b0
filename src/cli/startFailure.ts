import type { DatabaseConfig } from '../server/config/serverConfig';

/** Names the database for a person: the SQLite path, or the PostgreSQL host and database, never a password. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') return `the SQLite file "${database.path}"`;
  const url = new URL(database.url);
  return `the PostgreSQL database "${url.pathname.slice(1)}" on ${url.hostname}:${url.port === '' ? '5432' : url.port}`;
}

/**
 * Turns an error from opening the database or the listening socket into a message that names
 * the setting and what to check, in place of the bare system message.
 */
export function describeStartFailure(
  error: unknown,
  settings: { database: DatabaseConfig; host?: string; port?: number },
): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'EADDRINUSE' && settings.port !== undefined) {
    return `Port ${settings.port} on ${settings.host ?? 'this host'} is already in use (EADDRINUSE). Stop the other process, or choose another --port.`;
  }
  if (code === 'EACCES' && settings.port !== undefined && settings.port < 1024) {
    return `Port ${settings.port} needs privileges this user lacks (EACCES). Choose a port from 1024 up and put a reverse proxy in front.`;
  }
  const database = describeDatabase(settings.database);
  if (settings.database.kind === 'sqlite') {
    return `Cannot open ${database} (${message}). Check --database: its folder must exist or be creatable, and be writable by this user.`;
  }
  return `Cannot use ${database} (${message}). Check the host, port, user, password and database name in --database, and that PostgreSQL is running.`;
}
