import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseServerConfig } from '../../../src/server/config/parseServerConfig';
import type { ServerConfig } from '../../../src/server/config/serverConfig';
import type { TrackedMessage, TrackedMessageDetail, TrackedMessageList } from '../../../src/shared/api';
import { SIMULATED_API_CLIENT_ID } from '../../../src/simulator/defaults';
import { createServerLogger } from '../../../src/server/http/logger';
import { startServer, type RunningServer } from '../../../src/server/server';
import { outlookPages } from '../../../src/simulator/pages/registerPages';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/simulator';
import { trackingServerOptionsFor } from '../../../src/simulator/trackingServerAuth';
import { buildAddin } from '../../build/buildAddin';

/** The simulator, the real tracking server on SQLite and the real add-in built for them. */
export interface ReadmarkStack {
  simulator: RunningSimulator;
  /** Origin of the tracking server, which also serves the add-in under `/addin/`. */
  serverUrl: string;
  /** Folder of the add-in build that the server serves. */
  addinDirectory: string;
  /** The tracked messages of `address`, read through the API with a token from the simulator. */
  trackedMessages(address: string): Promise<TrackedMessage[]>;
  /** One tracked message of `address` with its recent opens, read through the API. */
  trackedMessage(address: string, id: string): Promise<TrackedMessageDetail>;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts what `readmark dev` starts, in this process: the simulator with its Outlook pages and the
 * tracking server trusting the simulator's issuer (the same settings `readmark dev` passes), and
 * builds the add-in for both into a temporary folder that the server serves.
 */
export async function startReadmarkStack(
  options: { mode?: 'development' | 'production' } = {},
): Promise<ReadmarkStack> {
  const folder = mkdtempSync(join(tmpdir(), 'readmark-e2e-stack-'));
  const addinDirectory = join(folder, 'addin');
  const port = await freePort();
  const serverUrl = `http://127.0.0.1:${port}`;
  const simulator = await startSimulator({ extraRoutes: outlookPages({ trackingServerUrl: serverUrl }) });

  const stats = await buildAddin({
    mode: options.mode ?? 'development',
    simulator: true,
    environment: {
      READMARK_PUBLIC_URL: serverUrl,
      READMARK_ADDIN_AUTHORITY: `${simulator.url}/organizations`,
      READMARK_GRAPH_URL: `${simulator.url}/v1.0`,
      READMARK_OFFICE_JS_URL: `${simulator.url}/office-host/office.js`,
    },
    outputPath: addinDirectory,
  });
  if (stats.hasErrors()) {
    await simulator.close();
    throw new Error(`The add-in build failed:\n${stats.toString('errors-only')}`);
  }

  const config: ServerConfig = parseServerConfig({
    ...trackingServerOptionsFor(simulator.url),
    port: String(port),
    host: '127.0.0.1',
    database: join(folder, 'readmark.sqlite'),
    publicUrl: serverUrl,
    logLevel: 'warn',
  });
  let server: RunningServer;
  try {
    server = await startServer(config, { addinDirectory, logger: createServerLogger('warn') });
  } catch (error) {
    await simulator.close();
    throw error;
  }

  async function getApi<T>(address: string, path: string): Promise<T> {
    const scope = `api://${SIMULATED_API_CLIENT_ID}/access_as_user`;
    const { accessToken } = await simulator.identity.issueFor(address, scope);
    const response = await fetch(`${serverUrl}/api/v1/tracked-messages${path}`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    if (!response.ok)
      throw new Error(`GET /api/v1/tracked-messages${path} failed with HTTP ${response.status}.`);
    return (await response.json()) as T;
  }

  return {
    simulator,
    serverUrl,
    addinDirectory,
    async trackedMessages(address) {
      return (await getApi<TrackedMessageList>(address, '?limit=100')).items;
    },
    trackedMessage: (address, id) => getApi<TrackedMessageDetail>(address, `/${encodeURIComponent(id)}`),
    async close() {
      await server.close();
      await simulator.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
