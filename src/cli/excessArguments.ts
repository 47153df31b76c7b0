import type { Command } from 'commander';

const QUOTE_HINT = 'Quote a value that contains spaces.';

// Hints by command name, for the likely cause: a second list item, or the rest of an unquoted value.
const HINTS: Record<string, string> = {
  serve: `An option takes one value, so give a list as one comma-separated value, such as --trust-proxy 127.0.0.1,10.0.0.1. ${QUOTE_HINT}`,
  classify: 'Quote a value that contains spaces, such as --user-agent "Mozilla/5.0 (Windows NT 10.0)".',
};

/**
 * Makes every subcommand of `program` reject arguments beyond the ones it declares, with exit
 * code 2. Commander 12 ignores them by default, so `serve --trust-proxy 127.0.0.1 10.0.0.1` would
 * start and trust only the first address.
 */
export function rejectExcessArguments(program: Command): void {
  program.hook('preAction', (_program, command) => {
    const declared = command.registeredArguments;
    if (declared.at(-1)?.variadic === true || command.args.length <= declared.length) {
      return;
    }
    const excess = command.args[declared.length] ?? '';
    const hint = HINTS[command.name()] ?? QUOTE_HINT;
    command.error(`error: unexpected argument '${excess}' for '${command.name()}'. ${hint}`, {
      exitCode: 2,
      code: 'commander.excessArguments',
    });
  });
}
