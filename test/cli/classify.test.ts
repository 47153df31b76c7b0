import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { ClassifyReport } from '../../src/cli/classify';
import { buildProgram } from '../../src/cli/main';

interface RunResult {
  report: ClassifyReport | null;
  stderr: string;
  error: { exitCode: number; message: string } | null;
}

async function runClassify(args: string[]): Promise<RunResult> {
  const program = buildProgram();
  const classify = program.commands.find((command: Command) => command.name() === 'classify');
  if (classify === undefined) throw new Error('classify command is not registered');
  let stderr = '';
  program.exitOverride();
  classify.exitOverride().configureOutput({
    writeErr: (text) => {
      stderr += text;
    },
    writeOut: () => undefined,
  });
  let stdout = '';
  const stdoutSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const stderrSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  let error: RunResult['error'] = null;
  try {
    await program.parseAsync(['node', 'readmark', 'classify', ...args]);
  } catch (thrown) {
    const commanderError = thrown as { exitCode: number; message: string };
    error = { exitCode: commanderError.exitCode, message: commanderError.message };
  } finally {
    stdoutSpy.mockRestore();
    stderrSpy.mockRestore();
  }
  return { report: stdout === '' ? null : (JSON.parse(stdout) as ClassifyReport), stderr, error };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('readmark classify', () => {
  test('prints the verdict with reason texts', async () => {
    const { report } = await runClassify(['--user-agent', 'Mozilla/5.0', '--seconds-after-send', '5']);
    expect(report).toEqual({
      input: { method: 'GET', userAgent: 'Mozilla/5.0', secondsAfterSend: 5 },
      kind: 'prefetch',
      confidence: 0.9,
      counted: true,
      ruleId: 'apple-mail-privacy-protection',
      reasons: [
        { code: 'apple-mpp', text: 'Loaded by Apple Mail Privacy Protection on arrival, not a read.' },
        {
          code: 'soon-after-send',
          text: 'Fetched within a minute of sending, which is when security scanners check new mail.',
        },
      ],
    });
  });

  test('defaults to an hour after sending', async () => {
    const chrome =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.136 Safari/537.36';
    const { report } = await runClassify(['--user-agent', chrome]);
    expect(report?.input.secondsAfterSend).toBe(3600);
    expect(report?.kind).toBe('human');
  });

  test('HEAD is printed as not counted', async () => {
    const { report } = await runClassify(['--user-agent', 'curl/8.4.0', '--method', 'head']);
    expect(report?.counted).toBe(false);
    expect(report?.reasons[0]?.code).toBe('head-request');
  });

  test('missing user agent is classified as such', async () => {
    const { report } = await runClassify([]);
    expect(report?.input.userAgent).toBeNull();
    expect(report?.reasons.map((reason) => reason.code)).toEqual(['no-user-agent']);
  });

  test.each([['-5'], ['soon'], ['']])('rejects seconds after send %j', async (value) => {
    const { report, error } = await runClassify(['--seconds-after-send', value]);
    expect(report).toBeNull();
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toBe(
      `Invalid --seconds-after-send "${value}": expected a number of seconds, 0 or more.`,
    );
  });

  test('rejects an unknown method', async () => {
    const { error } = await runClassify(['--method', 'POST']);
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toBe(
      'Invalid --method "POST": expected GET or HEAD, the methods the pixel responds to.',
    );
  });

  describe('with --rules', () => {
    let folder: string;

    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'readmark-cli-rules-'));
    });

    afterEach(() => {
      rmSync(folder, { recursive: true, force: true });
    });

    test('uses the given rules file', async () => {
      const path = join(folder, 'rules.json');
      const rule = {
        id: 'example-gateway',
        pattern: 'ExampleGateway',
        kind: 'scanner',
        confidence: 0.7,
        reason: 'security-gateway',
        source: 'test',
      };
      writeFileSync(path, JSON.stringify({ version: 1, rules: [rule] }));
      const { report } = await runClassify(['--rules', path, '--user-agent', 'ExampleGateway/1']);
      expect(report?.ruleId).toBe('example-gateway');
    });

    test('reports an invalid rules file and sets exit code 2', async () => {
      const path = join(folder, 'rules.json');
      writeFileSync(path, JSON.stringify({ version: 1, rules: [{ id: 'broken', pattern: '(' }] }));
      const { report, stderr } = await runClassify(['--rules', path]);
      expect(report).toBeNull();
      expect(stderr).toContain(`Invalid user-agent rules in ${path}`);
      expect(stderr).toContain('rules[0], id "broken", field "pattern"');
      expect(process.exitCode).toBe(2);
    });
  });
});
