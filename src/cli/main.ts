import { Command } from 'commander';
import { READMARK_VERSION } from '../server/version';
import { registerClassify } from './classify';
import { registerDev } from './dev';
import { rejectExcessArguments } from './excessArguments';
import { registerParseMdn } from './parseMdn';
import { registerPurge } from './purge';
import { registerServe } from './serve';

/** Builds the `readmark` command line. Each subcommand lives in its own file beside this one. */
export function buildProgram(): Command {
  const program = new Command('readmark')
    .description('Readmark tracking server and tools')
    // After a usage error, one line points to the help, because the help of serve lists over 40
    // options and would push the error off the screen.
    .showHelpAfterError('Run "readmark --help" to list the commands.')
    .version(READMARK_VERSION)
    // A usage error (an unknown option, a missing argument) exits with 2, as an invalid option
    // value does; help and the version exit with 0. Subcommands registered below inherit this.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
  registerClassify(program);
  registerDev(program);
  registerParseMdn(program);
  registerPurge(program);
  registerServe(program);
  for (const command of program.commands) {
    command.showHelpAfterError(`Run "readmark ${command.name()} --help" to list its options.`);
  }
  rejectExcessArguments(program);
  return program;
}

/** Runs the command line `argv` (as in `process.argv`); `bin/readmark.js` calls it. */
export function run(argv: readonly string[]): void {
  buildProgram()
    .parseAsync([...argv])
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
}

if (require.main === module) run(process.argv);
