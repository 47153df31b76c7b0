import { EventEmitter } from 'node:events';
import { buildProgram } from '../../src/cli/main';
import { installShutdownHandlers } from '../../src/cli/serve';
import type { RunningServer } from '../../src/server/server';

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
