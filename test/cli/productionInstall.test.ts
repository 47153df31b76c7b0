import { join } from 'node:path';
import { buildServer, startServerProcess, stopServerProcess } from '../support/serverProcess';
import { createTempDirectory } from '../support/tempDirectory';

const WITHOUT_DEV_DEPENDENCIES = join(__dirname, '..', 'support', 'withoutDevDependencies.js');

// A production install (`npm ci && npm run build && npm prune --omit=dev` in docs/DEPLOY.md and
// the Dockerfile) has no development dependencies. The server must start and serve without them.
test('serve runs without development dependencies', async () => {
  const main = await buildServer();
  const directory = await createTempDirectory();
  const server = await startServerProcess(main, ['--database', join(directory.path, 'readmark.db')], {
    NODE_OPTIONS: `--require ${WITHOUT_DEV_DEPENDENCIES}`,
  });
  try {
    const ready = await fetch(`${server.url}/readyz`);
    const pixel = await fetch(`${server.url}/o/AAAAAAAAAAAAAAAAAAAAAA.gif`);

    expect(ready.status).toBe(200);
    expect(pixel.status).toBe(200);
    expect(server.output()).not.toContain('development dependency');
  } finally {
    await stopServerProcess(server);
    await directory.remove();
  }
}, 180_000);
