/** The step of `startServer` that failed: opening and migrating the database, or listening. */
export type StartStep = 'database' | 'listen';

/**
 * Raised by `startServer` when the database cannot be opened or migrated, or the socket cannot
 * listen. The original error is `cause`, and the message is the original message. Errors from any
 * other step are raised unwrapped.
 */
export class ServerStartError extends Error {
  readonly step: StartStep;

  constructor(step: StartStep, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ServerStartError';
    this.step = step;
  }
}
