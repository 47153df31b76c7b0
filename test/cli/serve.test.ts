import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { buildProgram } from '../../src/cli/main';
import { installShutdownHandlers } from '../../src/cli/serve';
import type { RunningServer } from '../../src/server/server';
import { createTempDirectory } from '../support/tempDirectory';

describe('readmark serve', () => {
  it('documents every option with its environment variable and default', () => {
    const serve = buildProgram().commands.find((command) => command.name() === 'serve');
    const help = serve?.helpInformation() ?? '';

    for (const text of [
      '--port <number>',
      'READMARK_PORT',
      'default: "3000"',
      '--host <address>',
      '--database <path or url>',
      'READMARK_DATABASE',
      'default: "./data/readmark.db"',
      '--public-url <url>',
      '--api-client-id <guid>',
      '--jwks-url <url>',
      '--issuer-template <template>',
      '--clock-skew-seconds <seconds>',
      'in seconds',
    ]) {
      expect(help).toContain(text);
    }
  });

  it('closes the server once on SIGTERM and sets exit code 0', async () => {
    const signals = Object.assign(new EventEmitter(), { exitCode: undefined as number | string | undefined });
    let closes = 0;
    const server = {
      close: () => {
        closes += 1;
        return Promise.resolve();
      },
    } as unknown as RunningServer;

    installShutdownHandlers(server, signals);
    signals.emit('SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));

    expect(closes).toBe(1);
    expect(signals.exitCode).toBe(0);
  });
});

describe('readmark serve errors', () => {
  let directory: Awaited<ReturnType<typeof createTempDirectory>>;
  let errors: string[];

  beforeEach(async () => {
    directory = await createTempDirectory();
    errors = [];
    jest.spyOn(console, 'error').mockImplementation((line: string) => errors.push(line));
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
    await directory.remove();
  });

  it('names --host for an address this machine lacks', async () => {
    // 192.0.2.1 is reserved for documentation (RFC 5737), so no interface of a test machine has it.
    await buildProgram().parseAsync([
      'node',
      'readmark',
      'serve',
      '--host',
      '192.0.2.1',
      '--port',
      '4301',
      '--database',
      join(directory.path, 'readmark.db'),
      '--log-level',
      'silent',
    ]);

    expect(errors).toEqual([
      'readmark serve: Cannot listen on 192.0.2.1:4301: 192.0.2.1 is not an address of this machine (EADDRNOTAVAIL). Set --host to one of its addresses, or to 0.0.0.0 or :: for every interface.',
    ]);
    expect(process.exitCode).toBe(1);
  });

  it('exits with 2 when --trust-proxy trusts every address', async () => {
    await buildProgram().parseAsync(['node', 'readmark', 'serve', '--trust-proxy', '0.0.0.0/0']);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^readmark serve: Invalid --trust-proxy \(READMARK_TRUST_PROXY\): got "0\.0\.0\.0\/0"/,
    );
    expect(process.exitCode).toBe(2);
  });
});
