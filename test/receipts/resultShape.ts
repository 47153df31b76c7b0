import type { ParsedReceipt, ParseError, ParseResult } from '../../src/receipts';

const KINDS = new Set(['read', 'not-read', 'other', 'not-a-receipt']);
const ERROR_CODES = new Set([
  'mdn-invalid-input',
  'mdn-empty-input',
  'mdn-too-large',
  'mdn-not-a-message',
  'mdn-disposition-missing',
]);

function isStringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

/**
 * Returns the first way `result` breaks the ParseResult contract, or null when it keeps it.
 * An internal error counts as a break: it would mean the parser hit a defect.
 */
export function contractViolation(result: ParseResult): string | null {
  if (result.ok === false) {
    if (!ERROR_CODES.has(result.error.code))
      return `unexpected error code ${result.error.code}: ${result.error.message}`;
    return typeof result.error.message === 'string' && result.error.message !== ''
      ? null
      : 'empty error message';
  }
  if (result.ok !== true) return 'ok is not a boolean';
  const receipt = result.receipt;
  if (!KINDS.has(receipt.kind)) return `unknown kind ${String(receipt.kind)}`;
  for (const key of [
    'receiptMessageId',
    'originalMessageId',
    'inReplyTo',
    'finalRecipient',
    'originalRecipient',
    'reportingUa',
    'subject',
    'date',
  ] as const) {
    if (!isStringOrNull(receipt[key])) return `${key} is neither string nor null`;
  }
  if (!Array.isArray(receipt.references) || !receipt.references.every((id) => typeof id === 'string')) {
    return 'references is not a string array';
  }
  if (receipt.date !== null && Number.isNaN(Date.parse(receipt.date)))
    return `date ${receipt.date} is not ISO`;
  const disposition = receipt.disposition;
  if (disposition !== null) {
    if (
      !isStringOrNull(disposition.actionMode) ||
      !isStringOrNull(disposition.sendingMode) ||
      !isStringOrNull(disposition.type) ||
      typeof disposition.raw !== 'string' ||
      !disposition.modifiers.every((modifier) => typeof modifier === 'string')
    ) {
      return 'disposition fields have wrong types';
    }
    if (receipt.kind === 'not-a-receipt') return 'a receipt with a disposition is classed not-a-receipt';
    if (receipt.kind === 'read' && disposition.type !== 'displayed') return 'read without displayed';
    if (receipt.kind === 'not-read' && disposition.type !== 'deleted') return 'not-read without deleted';
  } else if (receipt.kind !== 'not-a-receipt' && receipt.outlookTnef !== true) {
    return `kind ${receipt.kind} without a disposition or TNEF class`;
  }
  if (
    !receipt.warnings.every(
      (warning) => typeof warning.code === 'string' && typeof warning.message === 'string',
    )
  ) {
    return 'warnings have wrong types';
  }
  return null;
}

/** Returns the error of a failed result; fails the test with the receipt's kind otherwise. */
export function errorOf(result: ParseResult): ParseError {
  if (result.ok) {
    throw new Error(`expected a parse error, got a receipt of kind ${result.receipt.kind}`);
  }
  return result.error;
}

/** Returns the receipt of a successful result; fails the test with the error otherwise. */
export function receiptOf(result: ParseResult): ParsedReceipt {
  if (!result.ok) {
    throw new Error(`expected a receipt, got ${result.error.code}: ${result.error.message}`);
  }
  return result.receipt;
}
