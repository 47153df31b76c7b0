/**
 * Refuses to run the simulator where it could be mistaken for a real service. Its identity
 * provider signs tokens for anyone who asks from the simulated Outlook host, so it must never
 * start in production or listen beyond the loopback interface.
 */

export class SimulatorStartError extends Error {
  constructor(
    readonly code: 'SIMULATOR_IN_PRODUCTION' | 'SIMULATOR_NOT_LOOPBACK',
    message: string,
  ) {
    super(message);
    this.name = 'SimulatorStartError';
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** Throws a `SimulatorStartError` when NODE_ENV is production or `host` is not a loopback address. */
export function assertSimulatorMayStart(host: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production') {
    throw new SimulatorStartError(
      'SIMULATOR_IN_PRODUCTION',
      'The Microsoft 365 simulator does not start with NODE_ENV=production: it issues tokens without real sign-in. Unset NODE_ENV or use `readmark serve` for a deployment.',
    );
  }
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new SimulatorStartError(
      'SIMULATOR_NOT_LOOPBACK',
      `The Microsoft 365 simulator binds to loopback only; host "${host}" is not 127.0.0.1, ::1 or localhost.`,
    );
  }
}
