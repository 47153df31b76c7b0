import { createServer, type Server } from 'node:net';
import { runDev } from '../../src/cli/devRun';

function listenOnFreePort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address !== null ? address.port : 0 });
    });
  });
}

test('dev names a busy simulator port', async () => {
  const { server, port } = await listenOnFreePort();
  try {
    await expect(runDev({ port: '3000', simulatorPort: String(port), server: false })).rejects.toThrow(
      `readmark dev: port ${port} on 127.0.0.1 is already in use (EADDRINUSE)`,
    );
  } finally {
    server.close();
  }
});
