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
  expect(unknownOption.stderr).toContain("unknown option '--bogus'");
  expect(unknownCommand.code).toBe(2);
  expect(help.code).toBe(0);
}, 180_000);
