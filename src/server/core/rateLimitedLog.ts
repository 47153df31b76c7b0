/** The part of a pino logger that the rate limiter needs. */
export interface ErrorLogger {
  error(fields: object, message: string): void;
}

/**
 * Wraps an error log so that a repeating failure (a full disk under a pixel flood) writes at most one
 * line per `intervalMs`, with the number of repeats it held back.
 */
export function createRateLimitedErrorLog(
  logger: ErrorLogger,
  message: string,
  intervalMs = 10_000,
  now: () => number = Date.now,
): (fields: object) => void {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (fields) => {
    const time = now();
    if (time - lastLoggedAt < intervalMs) {
      suppressed += 1;
      return;
    }
    logger.error({ ...fields, suppressedSinceLastLog: suppressed }, message);
    lastLoggedAt = time;
    suppressed = 0;
  };
}
