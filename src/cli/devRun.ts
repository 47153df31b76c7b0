import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SERVER_OPTIONS, type ServerOptionName } from '../server/config/options';
import { outlookPages } from '../simulator/pages/registerPages';
import { repositoryRoot } from '../simulator/pages/repositoryRoot';
import { startSimulator } from '../simulator/simulator';
import { trackingServerOptionsFor } from '../simulator/trackingServerAuth';

/** The options of `readmark dev`, as commander parses them. */
export interface DevOptions {
  port: string;
  simulatorPort: string;
  /** Port of the simulator's SMTP server. "0" or none picks a free port. */
  smtpPort?: string;
  server: boolean;
}

/** Starts the simulator and, unless `--no-server`, the tracking server against it. */
export async function runDev(options: DevOptions): Promise<void> {
  const serverPort = parsePort('--port', options.port);
  const simulatorPort = parsePort('--simulator-port', options.simulatorPort);
  const smtpPort = parsePort('--smtp-port', options.smtpPort ?? '0', 0);
  const serverUrl = `http://127.0.0.1:${serverPort}`;

  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  try {
    simulator = await startSimulator({
      port: simulatorPort,
      smtpPort,
      extraRoutes: outlookPages({ trackingServerUrl: serverUrl }),
      onError: (error) => console.error('simulator error:', error instanceof Error ? error.message : error),
    });
  } catch (error) {
    throw describeSimulatorStartFailure(error, simulatorPort, smtpPort);
  }
  const server = options.server
    ? startTrackingServer(serverPort, serverUrl, simulator.url, (code) => {
        // The walk-through needs both, so a server that cannot start stops the simulator as well.
        console.error(
          `readmark dev: the tracking server exited with code ${code}, so the simulator stops too. Its message is above.`,
        );
        void simulator.close().then(() => process.exit(code));
      })
    : null;

  console.log(`Microsoft 365 simulator: ${simulator.url}`);
  console.log(`  1. Compose and track:   ${simulator.url}/outlook/compose?user=alex@contoso.test`);
  console.log(
    `  2. Recipient's inbox:   ${simulator.url}/outlook/mail?user=blair@fabrikam.test&folder=inbox`,
  );
  console.log(
    `  3. Sender's Sent Items: ${simulator.url}/outlook/mail?user=alex@contoso.test&folder=sentitems`,
  );
  console.log(`  4. Sender's inbox:      ${simulator.url}/outlook/mail?user=alex@contoso.test&folder=inbox`);
  console.log(`Simulated mail (SMTP): 127.0.0.1:${simulator.mail.smtpPort}`);
  console.log(server ? `Tracking server: ${serverUrl}` : 'Tracking server: not started (--no-server)');

  const stop = (): void => {
    server?.kill('SIGTERM');
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * Starts `readmark serve` as a child process that trusts the simulator's issuer through its
 * ordinary authentication settings, so the server runs the same verification path as in production.
 */
function startTrackingServer(
  port: number,
  serverUrl: string,
  simulatorUrl: string,
  onFailure: (code: number) => void,
): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      join(repositoryRoot(), 'bin', 'readmark.js'),
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--public-url',
      serverUrl,
    ],
    {
      stdio: 'inherit',
      // Request lines at info would push the walk-through's addresses off the screen.
      env: { READMARK_LOG_LEVEL: 'warn', ...process.env, ...authEnvironment(simulatorUrl) },
    },
  );
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) onFailure(code);
  });
  return child;
}

/** Returns the simulator's issuer settings as the environment variables `readmark serve` reads. */
function authEnvironment(simulatorUrl: string): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(trackingServerOptionsFor(simulatorUrl))) {
    if (value !== undefined) environment[SERVER_OPTIONS[name as ServerOptionName].env] = value;
  }
  return environment;
}

/** Returns an error that names the port the simulator could not listen on and what to do. */
function describeSimulatorStartFailure(error: unknown, port: number, smtpPort: number): Error {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  // Node's listen errors carry the port. Without one, the web port is the likelier cause.
  const busyPort = typeof error === 'object' && error !== null && 'port' in error ? Number(error.port) : port;
  if (code === 'EADDRINUSE' && smtpPort !== 0 && busyPort === smtpPort) {
    return new Error(
      `readmark dev: port ${smtpPort} on 127.0.0.1 is already in use (EADDRINUSE), so the simulator's SMTP server cannot start. ` +
        'Stop the other process, or choose another --smtp-port (0 picks a free one).',
    );
  }
  if (code === 'EADDRINUSE') {
    return new Error(
      `readmark dev: port ${port} on 127.0.0.1 is already in use (EADDRINUSE), so the simulator cannot start. ` +
        'Stop the other process, such as an earlier npm start. Another --simulator-port also needs the add-in rebuilt for it (README.md, "Quick start").',
    );
  }
  return new Error(`readmark dev: the simulator could not start on port ${port}: ${message}`);
}

function parsePort(option: string, value: string, lowest = 1): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < lowest || port > 65535) {
    throw new Error(`Invalid ${option} "${value}": expected a TCP port from ${lowest} to 65535.`);
  }
  return port;
}
