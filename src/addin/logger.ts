/**
 * The add-in's only logger. Production builds (webpack sets `process.env.NODE_ENV`) keep errors
 * only, so a user's browser console stays quiet; development and tests log from `debug` up.
 * Never pass tokens, email addresses or subjects in `fields`.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const LEVEL_RANK: Record<LogLevel | 'silent', number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 50,
};

function minimumLevel(): LogLevel | 'silent' {
  switch (process.env.NODE_ENV) {
    case 'production':
      return 'error';
    case 'test':
      return 'silent';
    default:
      return 'debug';
  }
}

/** Creates a logger whose lines start with `[readmark:<name>]`. */
export function createLogger(name: string): Logger {
  const threshold = LEVEL_RANK[minimumLevel()];
  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (LEVEL_RANK[level] < threshold) {
      return;
    }
    const line = `[readmark:${name}] ${message}`;
    // eslint-disable-next-line no-console -- this module is the one place the add-in writes to the console
    console[level](line, fields ?? {});
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
