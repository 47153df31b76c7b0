import { StoreError } from '../storeError';

/** Checks a page size. Throws STORE_INVALID_LIMIT for anything but a positive integer. */
export function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new StoreError(
      'STORE_INVALID_LIMIT',
      `Invalid page limit ${String(limit)}: expected a positive integer.`,
    );
  }
  return limit;
}
