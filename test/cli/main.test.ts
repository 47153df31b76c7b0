import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildProgram } from '../../src/cli/main';
import { buildServer } from '../support/serverProcess';

const execFileAsync = promisify(execFile);

/** Runs the built `readmark` with `args` and returns its exit code and error output. */
async function runReadmark(args: string[]): Promise<{ code: number; stderr: string }> {
  const main = await buildServer();
  try {
    await execFileAsync(process.execPath, [main, ...args], {
      // The build lives outside the repository, so its dependencies resolve through NODE_PATH.
      env: { PATH: process.env.PATH ?? '', NODE_PATH: join(__dirname, '..', '..', 'node_modules') },
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    return { code: failure.code ?? -1, stderr: failure.stderr ?? '' };
  }
}

test('program is named readmark', () => {
  expect(buildProgram().name()).toBe('readmark');
});

test('usage errors exit with 2', async () => {
  const unknownOption = await runReadmark(['serve', '--bogus']);
  const unknownCommand = await runReadmark(['nosuch']);
  const help = await runReadmark(['serve', '--help']);

  expect(unknownOption.code).toBe(2);
  expect(unknownOption.stderr).toBe(
    'error: unknown option \'--bogus\'\nRun "readmark serve --help" to list its options.\n',
  );
  expect(unknownCommand.code).toBe(2);
  expect(unknownCommand.stderr).toBe(
    'error: unknown command \'nosuch\'\nRun "readmark --help" to list the commands.\n',
  );
  expect(help.code).toBe(0);
}, 180_000);

describe('excess arguments', () => {
  let stderr: string;

  beforeEach(() => {
    stderr = '';
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    jest.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
      throw new Error(`process.exit(${String(code)})`);
    });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  async function run(...args: string[]): Promise<unknown> {
    return buildProgram()
      .parseAsync(['node', 'readmark', ...args])
      .then(
        () => null,
        (error: unknown) => error,
      );
  }

  it('rejects a second --trust-proxy value', async () => {
    const error = await run('serve', '--port', '4302', '--trust-proxy', '127.0.0.1', '10.0.0.1');

    expect(error).toEqual(new Error('process.exit(2)'));
    expect(stderr).toContain(
      "error: unexpected argument '10.0.0.1' for 'serve'. --trust-proxy takes one value, so give a list as one comma-separated value, such as --trust-proxy 127.0.0.1,10.0.0.1.",
    );
  });

  it('rejects a word after serve', async () => {
    const error = await run('serve', 'extra');

    expect(error).toEqual(new Error('process.exit(2)'));
    expect(stderr).toContain(
      "error: unexpected argument 'extra' for 'serve'. Quote a value that contains spaces.",
    );
    expect(stderr).toMatch(/\nRun "readmark serve --help" to list its options\.\n$/);
  });

  it.each([
    ['purge', ['purge', '--database', '/srv/readmark db/readmark.db', 'db/readmark.db']],
    ['dev', ['dev', '--no-server', 'extra']],
    ['classify', ['classify', '--user-agent', 'Mozilla/5.0', '(Windows NT 10.0)']],
  ])('rejects an excess argument of %s', async (name, args) => {
    const error = await run(...args);

    expect(error).toEqual(new Error('process.exit(2)'));
    expect(stderr).toContain(`error: unexpected argument '${args.at(-1) ?? ''}' for '${name}'.`);
    expect(stderr).toMatch(/[Qq]uote a value that contains spaces/);
  });
});
