import { describeStartFailure } from '../../src/cli/startFailure';
import type { DatabaseConfig } from '../../src/server/config/serverConfig';
import { ServerStartError } from '../../src/server/startError';

const SQLITE: DatabaseConfig = { kind: 'sqlite', path: '/srv/readmark/readmark.db', synchronous: 'FULL' };
const POSTGRES: DatabaseConfig = {
  kind: 'postgres',
  url: 'postgres://readmark:secret@db.internal/readmark',
  poolSize: 10,
};

function systemError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

function listenFailure(message: string, code: string): ServerStartError {
  return new ServerStartError('listen', systemError(message, code));
}

describe('describeStartFailure', () => {
  it('names the port that is taken', () => {
    const error = listenFailure('listen EADDRINUSE: address already in use 127.0.0.1:3000', 'EADDRINUSE');

    expect(describeStartFailure(error, { database: SQLITE, host: '127.0.0.1', port: 3000 })).toBe(
      'Port 3000 on 127.0.0.1 is already in use (EADDRINUSE). Stop the other process, or choose another --port.',
    );
  });

  it('names --host for an address of another machine', () => {
    const error = listenFailure(
      'listen EADDRNOTAVAIL: address not available 192.0.2.1:4201',
      'EADDRNOTAVAIL',
    );

    expect(describeStartFailure(error, { database: SQLITE, host: '192.0.2.1', port: 4201 })).toBe(
      'Cannot listen on 192.0.2.1:4201: 192.0.2.1 is not an address of this machine (EADDRNOTAVAIL). Set --host to one of its addresses, or to 0.0.0.0 or :: for every interface.',
    );
  });

  it('names --port for a privileged port', () => {
    const error = listenFailure('listen EACCES: permission denied 0.0.0.0:80', 'EACCES');

    expect(describeStartFailure(error, { database: SQLITE, host: '0.0.0.0', port: 80 })).toBe(
      'Port 80 needs privileges this user lacks (EACCES). Choose a --port from 1024 up and put a reverse proxy in front.',
    );
  });

  it('names --host and --port for a denied high port', () => {
    const error = listenFailure('listen EACCES: permission denied ::1:8080', 'EACCES');

    expect(describeStartFailure(error, { database: SQLITE, host: '::1', port: 8080 })).toBe(
      'Cannot listen on [::1]:8080: permission denied (listen EACCES: permission denied ::1:8080). Check --host and --port, and any security policy that limits the ports this user may use.',
    );
  });

  it('names --host and --port for another listen error', () => {
    const error = listenFailure('getaddrinfo EAI_AGAIN localhost', 'EAI_AGAIN');

    expect(describeStartFailure(error, { database: SQLITE, host: 'localhost', port: 3000 })).toBe(
      'Cannot listen on localhost:3000 (getaddrinfo EAI_AGAIN localhost). Check --host and --port.',
    );
  });

  it('names the SQLite file and what to check', () => {
    const error = new ServerStartError(
      'database',
      systemError("EEXIST: file already exists, mkdir '/srv/readmark'", 'EEXIST'),
    );

    expect(describeStartFailure(error, { database: SQLITE, host: '127.0.0.1', port: 3000 })).toBe(
      'Cannot open the SQLite file "/srv/readmark/readmark.db" (EEXIST: file already exists, mkdir \'/srv/readmark\'). Check --database: its folder must exist or be creatable, and be writable by this user.',
    );
  });

  it('names the PostgreSQL database without its password', () => {
    const error = new ServerStartError('database', new Error('role "readmark" does not exist'));

    const text = describeStartFailure(error, { database: POSTGRES, host: '127.0.0.1', port: 3000 });

    expect(text).toBe(
      'Cannot use the PostgreSQL database "readmark" on db.internal:5432 (role "readmark" does not exist). Check the host, port, user, password and database name in --database, and that PostgreSQL is running.',
    );
    expect(text).not.toContain('secret');
  });

  it('blames no setting for an error of another step', () => {
    const error = systemError("ENOENT: no such file or directory, open '/srv/rules.json'", 'ENOENT');

    const text = describeStartFailure(error, { database: SQLITE, host: '127.0.0.1', port: 3000 });

    expect(text).toBe(
      "The server failed to start: ENOENT: no such file or directory, open '/srv/rules.json'",
    );
  });

  it('blames no setting for a listen error code outside the listen step', () => {
    const error = systemError('listen EADDRINUSE: address already in use 127.0.0.1:9464', 'EADDRINUSE');

    const text = describeStartFailure(error, { database: SQLITE, host: '127.0.0.1', port: 3000 });

    expect(text).toBe('The server failed to start: listen EADDRINUSE: address already in use 127.0.0.1:9464');
  });
});
