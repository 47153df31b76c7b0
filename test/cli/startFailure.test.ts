import { describeStartFailure } from '../../src/cli/startFailure';
import type { DatabaseConfig } from '../../src/server/config/serverConfig';

const SQLITE: DatabaseConfig = { kind: 'sqlite', path: '/srv/readmark/readmark.db', synchronous: 'FULL' };
const POSTGRES: DatabaseConfig = {
  kind: 'postgres',
  url: 'postgres://readmark:secret@db.internal/readmark',
  poolSize: 10,
};

function systemError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('describeStartFailure', () => {
  it('names the port that is taken', () => {
    const error = systemError('listen EADDRINUSE: address already in use 127.0.0.1:3000', 'EADDRINUSE');

    expect(describeStartFailure(error, { database: SQLITE, host: '127.0.0.1', port: 3000 })).toBe(
      'Port 3000 on 127.0.0.1 is already in use (EADDRINUSE). Stop the other process, or choose another --port.',
    );
  });

  it('names the SQLite file and what to check', () => {
    const error = systemError("EEXIST: file already exists, mkdir '/srv/readmark'", 'EEXIST');

    expect(describeStartFailure(error, { database: SQLITE })).toBe(
      'Cannot open the SQLite file "/srv/readmark/readmark.db" (EEXIST: file already exists, mkdir \'/srv/readmark\'). Check --database: its folder must exist or be creatable, and be writable by this user.',
    );
  });

  it('names the PostgreSQL database without its password', () => {
    const text = describeStartFailure(new Error('role "readmark" does not exist'), { database: POSTGRES });

    expect(text).toBe(
      'Cannot use the PostgreSQL database "readmark" on db.internal:5432 (role "readmark" does not exist). Check the host, port, user, password and database name in --database, and that PostgreSQL is running.',
    );
    expect(text).not.toContain('secret');
  });
});
