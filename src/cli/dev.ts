import type { Command } from 'commander';
import { DEFAULT_SERVER_PORT, DEFAULT_SIMULATOR_PORT } from '../simulator/defaults';
import type { DevOptions } from './devRun';

/**
 * Registers `readmark dev`: the tracking server on SQLite plus the Microsoft 365 simulator. The
 * simulator is loaded only when the command runs, because it needs development dependencies
 * (TypeScript, fast-xml-parser) that a production install leaves out.
 */
export function registerDev(program: Command): void {
  program
    .command('dev')
    .description(
      'Run the tracking server and the Microsoft 365 simulator on loopback, for trying Readmark without a tenant',
    )
    .option(
      '--port <port>',
      'port of the tracking server (READMARK_PORT)',
      process.env.READMARK_PORT ?? String(DEFAULT_SERVER_PORT),
    )
    .option('--simulator-port <port>', 'port of the simulator', String(DEFAULT_SIMULATOR_PORT))
    .option(
      '--smtp-port <port>',
      "port of the simulator's SMTP server, which carries the simulated mail; 0 picks a free port",
      '0',
    )
    .option('--no-server', 'start only the simulator, for a tracking server started separately')
    .action(async (options: DevOptions) => {
      const { runDev } = await import('./devRun');
      await runDev(options);
    });
}
