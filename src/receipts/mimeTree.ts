import { parseContentType, type ContentType } from './contentType';
import { findField, parseHeaderBlock, type HeaderField } from './headers';
import type { ParseWarning } from './types';

/** One MIME entity. Lines are byte strings without their line ends. */
export interface MimeEntity {
  fields: HeaderField[];
  /** null when the entity has no `Content-Type` field or it cannot be parsed. */
  contentType: ContentType | null;
  bodyLines: string[];
  /** Child entities of a multipart entity; empty for any other entity. */
  parts: MimeEntity[];
}

/** Limits that keep a hostile message from costing unbounded time or stack. */
const MAX_DEPTH = 16;
const MAX_PARTS = 2000;

interface TreeContext {
  warnings: ParseWarning[];
  partCount: number;
}

/**
 * Parses `lines` as a MIME entity and, for multipart entities, its children. Message/rfc822 parts
 * are not opened: a report's returned original message, or a forwarded receipt, is not this
 * message's own disposition.
 */
export function parseMimeTree(lines: readonly string[], warnings: ParseWarning[]): MimeEntity {
  return parseEntity(lines, 0, lines.length, 0, { warnings, partCount: 0 });
}

function parseEntity(
  lines: readonly string[],
  start: number,
  end: number,
  depth: number,
  context: TreeContext,
): MimeEntity {
  const header = parseHeaderBlock(lines, start, end);
  const contentTypeValue = findField(header.fields, 'Content-Type');
  const contentType = contentTypeValue === null ? null : parseContentType(contentTypeValue);
  const entity: MimeEntity = {
    fields: header.fields,
    contentType,
    bodyLines: lines.slice(header.bodyStart, end),
    parts: [],
  };
  if (contentType?.type !== 'multipart') {
    return entity;
  }
  if (depth >= MAX_DEPTH) {
    context.warnings.push({
      code: 'nesting-too-deep',
      message: `Multipart nesting deeper than ${MAX_DEPTH} levels was not opened.`,
    });
    return entity;
  }
  const boundary = contentType.parameters.get('boundary') ?? guessBoundary(entity.bodyLines, context);
  if (boundary === null || boundary === '') {
    return entity;
  }
  for (const range of splitMultipart(lines, header.bodyStart, end, boundary, context)) {
    if (context.partCount >= MAX_PARTS) {
      break;
    }
    context.partCount++;
    entity.parts.push(parseEntity(lines, range.start, range.end, depth + 1, context));
  }
  return entity;
}

/**
 * Picks the boundary of a multipart body whose `Content-Type` names none: the first line that
 * looks like a delimiter (`--` and at least one more character) and appears again later.
 */
function guessBoundary(bodyLines: readonly string[], context: TreeContext): string | null {
  const candidate = bodyLines.find((line) => line.startsWith('--') && line.trim().length > 2);
  if (candidate === undefined) {
    return null;
  }
  const boundary = candidate.trim().slice(2);
  context.warnings.push({
    code: 'boundary-guessed',
    message: `The multipart Content-Type has no boundary parameter; used "${boundary}" from the body.`,
  });
  return boundary;
}

interface LineRange {
  start: number;
  end: number;
}

function delimiterKind(line: string, delimiter: string): 'open' | 'close' | null {
  if (!line.startsWith(delimiter)) {
    return null;
  }
  // Trailing whitespace after a delimiter is transport padding (RFC 2046 section 5.1.1).
  const rest = line.slice(delimiter.length).trimEnd();
  if (rest === '') {
    return 'open';
  }
  return rest.startsWith('--') ? 'close' : null;
}

/**
 * Returns the line ranges of the body parts between boundary delimiter lines. The preamble and the
 * epilogue are skipped. When the closing delimiter is missing, the last part runs to the end.
 */
function splitMultipart(
  lines: readonly string[],
  start: number,
  end: number,
  boundary: string,
  context: TreeContext,
): LineRange[] {
  const delimiter = `--${boundary}`;
  const ranges: LineRange[] = [];
  let partStart: number | null = null;

  for (let index = start; index < end; index++) {
    const kind = delimiterKind(lines[index] ?? '', delimiter);
    if (kind === null) {
      continue;
    }
    if (partStart !== null) {
      ranges.push({ start: partStart, end: index });
    }
    if (kind === 'close') {
      return ranges;
    }
    partStart = index + 1;
  }

  if (partStart === null) {
    context.warnings.push({
      code: 'boundary-not-found',
      message: `No line in the multipart body starts with the boundary "${delimiter}".`,
    });
    return ranges;
  }
  context.warnings.push({
    code: 'closing-boundary-missing',
    message: `The closing delimiter "${delimiter}--" is missing; the last part was read to the end.`,
  });
  ranges.push({ start: partStart, end });
  return ranges;
}
