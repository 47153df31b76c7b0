import { bytesToByteString, byteStringToBytes } from './bytes';
import { parseParameterizedValue } from './contentType';
import { hasDispositionField } from './dispositionFields';
import { findField, parseHeaderBlock, splitLines, type HeaderField } from './headers';
import type { MimeEntity } from './mimeTree';
import { readTnefMessageClass } from './tnef';
import { decodeBase64, decodeQuotedPrintable } from './transferEncoding';

const DISPOSITION_MEDIA_TYPES = new Set([
  'message/disposition-notification',
  // The internationalised form of RFC 6533, whose fields may hold raw UTF-8.
  'message/global-disposition-notification',
]);

const TNEF_MEDIA_TYPES = new Set(['application/ms-tnef', 'application/vnd.ms-tnef']);

/** Decodes an entity's body according to its `Content-Transfer-Encoding`. */
export function decodeEntityBody(entity: MimeEntity): Uint8Array {
  const encoding = (findField(entity.fields, 'Content-Transfer-Encoding') ?? '').trim().toLowerCase();
  if (encoding === 'base64') {
    return decodeBase64(entity.bodyLines.join(''));
  }
  if (encoding === 'quoted-printable') {
    return decodeQuotedPrintable(entity.bodyLines);
  }
  return byteStringToBytes(entity.bodyLines.join('\n'));
}

function bodyFields(entity: MimeEntity): HeaderField[] {
  const lines = splitLines(bytesToByteString(decodeEntityBody(entity)));
  // Blank lines before the first field are tolerated; RFC 8098 puts one between the per-message
  // and the per-recipient fields, so parse both groups.
  const fields: HeaderField[] = [];
  let index = 0;
  while (index < lines.length) {
    if (lines[index] === '') {
      index++;
      continue;
    }
    const block = parseHeaderBlock(lines, index, lines.length);
    if (block.fields.length === 0) {
      break;
    }
    fields.push(...block.fields);
    index = block.bodyStart;
  }
  return fields;
}

/** The fields of the disposition part that was found, and how it was found. */
export interface DispositionSource {
  fields: HeaderField[];
  /** True when the part had no `Content-Type` and was recognised by its `Disposition` field. */
  withoutContentType: boolean;
}

/**
 * Finds the disposition part. The first choice is a part typed `message/disposition-notification`
 * anywhere in the tree: top level, inside `multipart/report`, or a report nested in `multipart/mixed`.
 * The fallback is a `multipart/report` part without a `Content-Type` whose header block or body has
 * a `Disposition` field. Returns null when neither exists.
 */
export function findDispositionSource(root: MimeEntity): DispositionSource | null {
  let fallback: DispositionSource | null = null;
  // Breadth-first, so the report closest to the top wins over one buried deeper.
  const queue: { entity: MimeEntity; insideReport: boolean }[] = [{ entity: root, insideReport: false }];

  for (let next = 0; next < queue.length; next++) {
    const { entity, insideReport } = queue[next] ?? { entity: root, insideReport: false };
    const mediaType = entity.contentType?.mediaType ?? null;

    if (mediaType !== null && DISPOSITION_MEDIA_TYPES.has(mediaType)) {
      const fields = bodyFields(entity);
      // Without the blank line after the part header, the MDN fields were read as the part header.
      return { fields: hasDispositionField(fields) ? fields : entity.fields, withoutContentType: false };
    }
    if (mediaType === null && insideReport && fallback === null) {
      if (hasDispositionField(entity.fields)) {
        fallback = { fields: entity.fields, withoutContentType: true };
      } else {
        const fields = bodyFields(entity);
        if (hasDispositionField(fields)) {
          fallback = { fields, withoutContentType: true };
        }
      }
    }
    const isReport = entity.contentType?.mediaType === 'multipart/report';
    queue.push(...entity.parts.map((part) => ({ entity: part, insideReport: isReport })));
  }
  return fallback;
}

function isTnefPart(entity: MimeEntity): boolean {
  if (entity.contentType !== null && TNEF_MEDIA_TYPES.has(entity.contentType.mediaType)) {
    return true;
  }
  const dispositionValue = findField(entity.fields, 'Content-Disposition');
  const fileName =
    (dispositionValue === null
      ? undefined
      : parseParameterizedValue(dispositionValue).parameters.get('filename')) ??
    entity.contentType?.parameters.get('name') ??
    '';
  return fileName.trim().toLowerCase() === 'winmail.dat';
}

/** Returns the message class of the first TNEF attachment that has one, or null. */
export function findTnefMessageClass(root: MimeEntity): string | null {
  const queue: MimeEntity[] = [root];
  for (let next = 0; next < queue.length; next++) {
    const entity = queue[next] ?? root;
    if (isTnefPart(entity)) {
      const messageClass = readTnefMessageClass(decodeEntityBody(entity));
      if (messageClass !== null) {
        return messageClass;
      }
    }
    queue.push(...entity.parts);
  }
  return null;
}
