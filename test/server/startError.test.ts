import { createServer, type Server } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseServerConfig } from '../../src/server/config/parseServerConfig';
import { createServerLogger } from '../../src/server/http/logger';
import { startServer } from '../../src/server/server';
import { ServerStartError } from '../../src/server/startError';
import { createTempDirectory } from '../support/tempDirectory';

type TempDirectory = Awaited<ReturnType<typeof createTempDirectory>>;

function listenOnFreePort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address !== null ? address.port : 0 });
    });
  });
}

describe('startServer failures', () => {
  const logger = createServerLogger('silent');
  let directory: TempDirectory;

  beforeEach(async () => {
    directory = await createTempDirectory();
  });

  afterEach(async () => {
    await directory.remove();
  });

  it('names the database step when the SQLite folder is a file', async () => {
    const file = join(directory.path, 'not-a-folder');
    await writeFile(file, '');
    const config = parseServerConfig({ port: '0', database: join(file, 'readmark.db') });

    const error = await startServer(config, { logger }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ServerStartError);
    expect((error as ServerStartError).step).toBe('database');
    expect((error as ServerStartError).cause).toMatchObject({ code: 'EEXIST' });
  });

  it('names the listen step for a port in use', async () => {
    const portHolder = await listenOnFreePort();
    try {
      const config = parseServerConfig({
        host: '127.0.0.1',
        port: String(portHolder.port),
        database: join(directory.path, 'readmark.db'),
      });

      const error = await startServer(config, { logger }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ServerStartError);
      expect((error as ServerStartError).step).toBe('listen');
      expect((error as ServerStartError).cause).toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => portHolder.server.close(resolve));
    }
  });

  it('raises an error of another step unwrapped', async () => {
    // Fastify's proxy-addr rejects a /0 range; the config parser rejects it before this point.
    const config = {
      ...parseServerConfig({ port: '0', database: join(directory.path, 'readmark.db') }),
      trustProxy: ['0.0.0.0/0'],
    };

    const error = await startServer(config, { logger }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ServerStartError);
    expect((error as Error).message).toBe('invalid range on address: 0.0.0.0/0');
  });
});
