import { AddinError } from '../addinError';

/** An Office.js call that failed; `officeErrorCode` is Office's numeric code (for example 9041). */
export class OfficeCallError extends AddinError<'office-call-failed'> {
  readonly operation: string;
  readonly officeErrorCode: number | null;
  readonly officeErrorName: string | null;

  constructor(operation: string, error: Office.Error | undefined) {
    const detail = error ? `${error.name} (${error.code}): ${error.message}` : 'no error details';
    super('office-call-failed', `Office.js call ${operation} failed: ${detail}.`);
    this.operation = operation;
    this.officeErrorCode = error?.code ?? null;
    this.officeErrorName = error?.name ?? null;
  }
}

/**
 * Runs an Office.js callback API and settles with its value, or rejects with an OfficeCallError
 * naming `operation`. The only place in the add-in that reads an AsyncResult.
 */
export function callOffice<T>(
  operation: string,
  invoke: (callback: (result: Office.AsyncResult<T>) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (result.status === Office.AsyncResultStatus.Succeeded) {
          resolve(result.value);
        } else {
          reject(new OfficeCallError(operation, result.error));
        }
      });
    } catch (error) {
      // Some hosts throw synchronously (for example on an invalid argument) instead of calling back.
      reject(new OfficeCallError(operation, toOfficeError(error)));
    }
  });
}

function toOfficeError(error: unknown): Office.Error {
  const message = error instanceof Error ? error.message : String(error);
  return { code: -1, name: 'Exception', message };
}
