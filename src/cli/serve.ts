import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ADDIN_DIRECTORY } from '../server/http/addinFiles';
import { Command, Option } from 'commander';
import { ConfigError, parseServerConfig } from '../server/config/parseServerConfig';
import { SERVER_OPTIONS, type RawServerOptions, type ServerOptionName } from '../server/config/options';
import { startServer, type RunningServer } from '../server/server';
import { describeStartFailure } from './startFailure';

/** Registers `readmark serve`: every option has a flag and an environment variable. */
export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .description(
      'Run the tracking server: the pixel, the API v1 and the add-in files, on SQLite or PostgreSQL',
    )
    .addHelpText(
      'after',
      '\nFlags take precedence over environment variables. SIGTERM or SIGINT stops the server after\nin-flight requests finish and pending opens are committed.',
    );
  for (const spec of Object.values(SERVER_OPTIONS)) {
    const option = new Option(`${spec.flag} ${spec.argument}`, spec.description).env(spec.env);
    command.addOption('defaultValue' in spec ? option.default(spec.defaultValue) : option);
  }
  command.action(async (values: RawServerOptions) => {
    await runServe(values);
  });
}

async function runServe(values: RawServerOptions): Promise<void> {
  let config;
  try {
    config = parseServerConfig(
      pickOptions(values),
      process.env.NODE_ENV === undefined ? {} : { nodeEnv: process.env.NODE_ENV },
    );
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`readmark serve: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }

  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (error) {
    console.error(`readmark serve: ${describeStartFailure(error, config)}`);
    process.exitCode = 1;
    return;
  }
  printUrls(server, config.publicUrl, config.auth.apiClientId !== null);
  installShutdownHandlers(server, process);
}

function pickOptions(values: RawServerOptions): RawServerOptions {
  const picked: RawServerOptions = {};
  for (const name of Object.keys(SERVER_OPTIONS) as ServerOptionName[]) {
    const value = values[name];
    if (typeof value === 'string') {
      picked[name] = value;
    }
  }
  return picked;
}

function printUrls(server: RunningServer, publicUrl: string, apiConfigured: boolean): void {
  console.log(`Readmark server listening on ${server.url}`);
  console.log(`  pixel URLs:   ${publicUrl}/o/<tracking id>.gif`);
  console.log(
    `  API:          ${server.url}/api/v1/tracked-messages${apiConfigured ? '' : ' (not configured: set --api-client-id)'}`,
  );
  console.log(`  OpenAPI:      ${server.url}/docs/openapi.json`);
  const built = existsSync(join(DEFAULT_ADDIN_DIRECTORY, 'manifest.xml'));
  console.log(
    `  add-in:       ${server.url}/addin/manifest.xml${built ? '' : ' (not built yet: run npm run build:addin)'}`,
  );
  console.log(`  health:       ${server.url}/healthz, ${server.url}/readyz, ${server.url}/metrics`);
}

/** The part of `process` the shutdown handlers use, so tests can pass their own emitter. */
export interface SignalSource {
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  exitCode?: number | string | undefined;
}

/** Closes the server on the first SIGTERM or SIGINT; exit code 0 after a clean stop, 1 otherwise. */
export function installShutdownHandlers(server: RunningServer, signals: SignalSource): void {
  const stop = (): void => {
    server.close().then(
      () => {
        signals.exitCode = 0;
      },
      (error: unknown) => {
        console.error(
          `readmark serve: shutdown failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        signals.exitCode = 1;
      },
    );
  };
  signals.once('SIGTERM', stop);
  signals.once('SIGINT', stop);
}
