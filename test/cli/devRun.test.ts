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

test('dev names a busy SMTP port', async () => {
  const { server, port } = await listenOnFreePort();
  try {
    await expect(
      runDev({ port: '3000', simulatorPort: '3100', smtpPort: String(port), server: false }),
    ).rejects.toThrow(
      `readmark dev: port ${port} on 127.0.0.1 is already in use (EADDRINUSE), so the simulator's SMTP server`,
    );
  } finally {
    server.close();
  }
});

test('dev rejects an SMTP port out of range', async () => {
  await expect(
    runDev({ port: '3000', simulatorPort: '3100', smtpPort: '70000', server: false }),
  ).rejects.toThrow('Invalid --smtp-port "70000": expected a TCP port from 0 to 65535.');
});
