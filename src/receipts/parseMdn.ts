import { bytesToByteString, decodeUndeclaredByteString } from './bytes';
import { parseMailDate } from './date';
import { readDispositionFields, receiptKindOf } from './dispositionFields';
import { decodeHeaderValue } from './encodedWords';
import { findField, splitLines } from './headers';
import { classifyMessageClass } from './messageClass';
import { extractMessageIds } from './messageId';
import { findDispositionSource, findTnefMessageClass } from './mimeParts';
import { parseMimeTree, type MimeEntity } from './mimeTree';
import type {
  ParsedReceipt,
  ParseError,
  ParseErrorCode,
  ParseOptions,
  ParseResult,
  ParseWarning,
} from './types';

const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;
const MAX_WARNINGS = 20;

function failure(code: ParseErrorCode, message: string): ParseResult {
  const error: ParseError = { code, message };
  return { ok: false, error };
}

/**
 * Parses a read receipt (a Message Disposition Notification, RFC 8098) from the raw MIME source of
 * a message, as a string or as bytes.
 *
 * Never throws: every input yields either `{ ok: true, receipt }` (the `kind` is `not-a-receipt`
 * for a message without a disposition part) or `{ ok: false, error }` with a stable `error.code`.
 * Runs in browsers and in Node.js alike; it uses only TextEncoder and TextDecoder.
 */
export function parseMdn(input: unknown, options: ParseOptions = {}): ParseResult {
  try {
    return parseChecked(input, options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES);
  } catch (error) {
    // A defect of the parser, not of the input; reported as a result to keep the no-throw contract.
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return failure('mdn-internal-error', `The read-receipt parser failed unexpectedly (${detail}).`);
  }
}

/**
 * Accepts any typed array view and any ArrayBuffer. The checks avoid `instanceof`, which fails for
 * objects made in another realm: an iframe in the add-in, or a Node.js Buffer under Jest.
 */
function toBytes(input: unknown): Uint8Array | null {
  if (ArrayBuffer.isView(input)) {
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }
  if (Object.prototype.toString.call(input) === '[object ArrayBuffer]') {
    return new Uint8Array(input as ArrayBuffer);
  }
  if (typeof input === 'string') {
    return new TextEncoder().encode(input);
  }
  return null;
}

function describeInput(input: unknown): string {
  return input === null ? 'null' : typeof input;
}

function parseChecked(input: unknown, maxInputBytes: number): ParseResult {
  if (typeof input === 'string' && input.length > maxInputBytes) {
    return tooLarge(input.length, maxInputBytes);
  }
  const bytes = toBytes(input);
  if (bytes === null) {
    return failure(
      'mdn-invalid-input',
      `The read-receipt parser needs the raw message as a string or bytes (Uint8Array), not ${describeInput(input)}.`,
    );
  }
  if (bytes.length > maxInputBytes) {
    return tooLarge(bytes.length, maxInputBytes);
  }
  const lines = splitLines(bytesToByteString(bytes));
  const start = firstHeaderLine(lines);
  if (start === lines.length) {
    return failure(
      'mdn-empty-input',
      'The message is empty; pass the raw MIME source of the report message.',
    );
  }

  const warnings: ParseWarning[] = [];
  const root = parseMimeTree(lines.slice(start), warnings);
  if (root.fields.length === 0) {
    const firstLine = decodeUndeclaredByteString((lines[start] ?? '').slice(0, 60));
    return failure(
      'mdn-not-a-message',
      `The input does not start with header fields (first line: "${firstLine}"); ` +
        'pass the raw MIME source of the report message, for example the .eml file or Graph /$value.',
    );
  }
  return buildResult(root, warnings);
}

function tooLarge(size: number, maxInputBytes: number): ParseResult {
  return failure(
    'mdn-too-large',
    `The message is ${size} bytes, more than the limit of ${maxInputBytes} bytes for a read receipt; ` +
      'raise maxInputBytes if such receipts are expected.',
  );
}

/** Skips leading blank lines and an mbox `From ` separator line that some saved messages start with. */
function firstHeaderLine(lines: readonly string[]): number {
  let index = 0;
  while (index < lines.length && (lines[index] ?? '').trim() === '') {
    index++;
  }
  if ((lines[index] ?? '').startsWith('From ')) {
    index++;
  }
  return index;
}

function buildResult(root: MimeEntity, warnings: ParseWarning[]): ParseResult {
  const subject = findField(root.fields, 'Subject');
  const receipt: ParsedReceipt = {
    receiptMessageId: extractMessageIds(findField(root.fields, 'Message-ID'))[0] ?? null,
    originalMessageId: null,
    inReplyTo: extractMessageIds(findField(root.fields, 'In-Reply-To'))[0] ?? null,
    references: extractMessageIds(findField(root.fields, 'References')),
    finalRecipient: null,
    originalRecipient: null,
    disposition: null,
    reportingUa: null,
    subject: subject === null ? null : decodeHeaderValue(subject),
    date: parseMailDate(findField(root.fields, 'Date')),
    kind: 'not-a-receipt',
    warnings,
  };

  const source = findDispositionSource(root);
  if (source === null) {
    addOutlookTnefClass(root, receipt, warnings);
    return finish(receipt);
  }

  const fields = readDispositionFields(source.fields, warnings);
  if (fields.disposition === null) {
    return failure(
      'mdn-disposition-missing',
      'The message/disposition-notification part has no Disposition field, so the receipt cannot be ' +
        'classed; the sending mail system wrote a malformed report.',
    );
  }
  if (source.withoutContentType) {
    warnings.push({
      code: 'disposition-part-without-content-type',
      message: 'The disposition fields are in a report part without a Content-Type of its own.',
    });
  }
  if (fields.originalMessageId === null) {
    warnings.push({
      code: 'original-message-id-missing',
      message: 'The receipt has no Original-Message-ID; match it by In-Reply-To, then References.',
    });
  }
  receipt.originalMessageId = fields.originalMessageId;
  receipt.finalRecipient = fields.finalRecipient;
  receipt.originalRecipient = fields.originalRecipient;
  receipt.reportingUa = fields.reportingUa;
  receipt.disposition = fields.disposition;
  receipt.kind = receiptKindOf(fields.disposition, warnings);
  return finish(receipt);
}

/**
 * Marks a report that Exchange or Outlook sent as a TNEF (`winmail.dat`) attachment. Only a read
 * or non-read class makes it a receipt, classed `other` because its disposition stays unread.
 */
function addOutlookTnefClass(root: MimeEntity, receipt: ParsedReceipt, warnings: ParseWarning[]): void {
  const messageClass = findTnefMessageClass(root);
  if (messageClass === null) {
    return;
  }
  const classKind = classifyMessageClass(messageClass);
  if (classKind === 'not-a-report') {
    return;
  }
  receipt.outlookTnef = true;
  receipt.outlookMessageClass = messageClass;
  if (classKind === 'read' || classKind === 'not-read') {
    receipt.kind = 'other';
    warnings.push({
      code: 'outlook-tnef-receipt',
      message:
        `The receipt is an Outlook TNEF attachment (winmail.dat) of class ${messageClass}; ` +
        'its disposition cannot be read from the MIME source.',
    });
  }
}

function finish(receipt: ParsedReceipt): ParseResult {
  const seen = new Set<string>();
  receipt.warnings = receipt.warnings
    .filter((warning) => {
      const key = `${warning.code}\u0000${warning.message}`;
      const isNew = !seen.has(key);
      seen.add(key);
      return isNew;
    })
    .slice(0, MAX_WARNINGS);
  return { ok: true, receipt };
}
