import { SERVER_OPTIONS, type ServerOptionName } from './options';

/** Raised for an invalid option; the server does not start. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly option: string;

  constructor(option: ServerOptionName, value: string, expected: string) {
    const spec = SERVER_OPTIONS[option];
    super(`Invalid ${spec.flag} (${spec.env}): got "${value}", expected ${expected}.`);
    this.name = 'ConfigError';
    this.option = spec.flag;
  }
}

/** Parses a whole number from `min` to `max`; throws `ConfigError` naming the option otherwise. */
export function parseInteger(name: ServerOptionName, text: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(text)) {
    throw new ConfigError(name, text, `a whole number from ${min} to ${max}`);
  }
  const number = Number(text);
  if (number < min || number > max) {
    throw new ConfigError(name, text, `a whole number from ${min} to ${max}`);
  }
  return number;
}
