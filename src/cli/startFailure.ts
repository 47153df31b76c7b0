import type { DatabaseConfig } from '../server/config/serverConfig';
import { ServerStartError } from '../server/startError';

/** Names the database for a person: the SQLite path, or the PostgreSQL host and database, never a password. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') return `the SQLite file "${database.path}"`;
  const url = new URL(database.url);
  return `the PostgreSQL database "${url.pathname.slice(1)}" on ${url.hostname}:${url.port === '' ? '5432' : url.port}`;
}

/**
 * Turns an error from `startServer` into a message that names the setting to check. A failure to
 * open the database names `--database`, a failure to listen names `--host` or `--port`, and any
 * other error is reported with its own message and blames no setting.
 */
export function describeStartFailure(
  error: unknown,
  settings: { database: DatabaseConfig; host: string; port: number },
): string {
  if (error instanceof ServerStartError && error.step === 'database') {
    return describeDatabaseFailure(error.cause, settings.database);
  }
  if (error instanceof ServerStartError && error.step === 'listen') {
    return describeListenFailure(error.cause, settings.host, settings.port);
  }
  return `The server failed to start: ${messageOf(error)}`;
}

/** Turns an error from opening or migrating the database into a message that names `--database`. */
export function describeDatabaseFailure(error: unknown, database: DatabaseConfig): string {
  const message = messageOf(error);
  const described = describeDatabase(database);
  if (database.kind === 'sqlite') {
    return `Cannot open ${described} (${message}). Check --database: its folder must exist or be creatable, and be writable by this user.`;
  }
  return `Cannot use ${described} (${message}). Check the host, port, user, password and database name in --database, and that PostgreSQL is running.`;
}

/** Turns an error from listening on `host` and `port` into a message that names `--host` or `--port`. */
export function describeListenFailure(error: unknown, host: string, port: number): string {
  const message = messageOf(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${port} on ${host} is already in use (EADDRINUSE). Stop the other process, or choose another --port.`;
    case 'EADDRNOTAVAIL':
      return `Cannot listen on ${address}: ${host} is not an address of this machine (EADDRNOTAVAIL). Set --host to one of its addresses, or to 0.0.0.0 or :: for every interface.`;
    case 'EACCES':
      if (port > 0 && port < 1024) {
        return `Port ${port} needs privileges this user lacks (EACCES). Choose a --port from 1024 up and put a reverse proxy in front.`;
      }
      return `Cannot listen on ${address}: permission denied (${message}). Check --host and --port, and any security policy that limits the ports this user may use.`;
    default:
      return `Cannot listen on ${address} (${message}). Check --host and --port.`;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
