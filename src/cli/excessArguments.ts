import type { Command } from 'commander';

const QUOTE_HINT = 'Quote a value that contains spaces.';

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
    command.error(
      `error: unexpected argument '${excess}' for '${command.name()}'. ${hintFor(excess, rawArgsOf(program), command)}`,
      { exitCode: 2, code: 'commander.excessArguments' },
    );
  });
}

/** Returns the arguments `program` parsed: Commander 12 keeps them, but its types leave them out. */
function rawArgsOf(program: Command): readonly string[] {
  const { rawArgs } = program as Command & { rawArgs?: unknown };
  return Array.isArray(rawArgs) ? rawArgs.map(String) : [];
}

/**
 * Returns the likely fix. A word right after an option's value is most often the rest of a value
 * with spaces, or a second item of a list option, so the hint names that option.
 */
function hintFor(excess: string, rawArgs: readonly string[], command: Command): string {
  const index = rawArgs.indexOf(excess);
  const option = index >= 2 ? rawArgs[index - 2] : undefined;
  const value = rawArgs[index - 1];
  if (option === undefined || value === undefined || !option.startsWith('--') || option.includes('=')) {
    return QUOTE_HINT;
  }
  const quoted = `quote a value that contains spaces, such as ${option} "${value} ${excess}"`;
  const takesList = command.options.some(
    (known) => known.long === option && known.description.includes('comma-separated'),
  );
  return takesList
    ? `${option} takes one value, so give a list as one comma-separated value, such as ${option} ${value},${excess}.`
    : `If it belongs to ${option}, ${quoted}.`;
}
