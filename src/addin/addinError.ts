/**
 * Base class of every error the add-in raises on purpose. `code` is stable (tests, support and the
 * details line in the UI use it); `message` says what failed and what to do, in English for logs.
 * The text people see comes from the string catalogue, chosen by `code`.
 */
export class AddinError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AddinError';
    this.code = code;
  }
}

/** Returns the stable code of an add-in error, or `unexpected-error` for anything else. */
export function errorCodeOf(error: unknown): string {
  return error instanceof AddinError ? (error as AddinError<string>).code : 'unexpected-error';
}
