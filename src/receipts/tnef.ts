/**
 * Reads the MAPI message class out of a TNEF stream (the `winmail.dat` attachment, MS-OXTNEF).
 * Only the class is read: a receipt wrapped this way is recognised, not decoded.
 */

const TNEF_SIGNATURE = 0x223e9f78;
const LEVEL_MESSAGE = 0x01;
/** attMessageClass: attribute id 0x8008 with the TNEF type word 0x0007. */
const ATT_MESSAGE_CLASS = 0x00078008;
/** Level byte, attribute id and length come before each attribute's data; a checksum follows it. */
const ATTRIBUTE_HEADER_BYTES = 9;
const CHECKSUM_BYTES = 2;

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] ?? 0) |
      ((bytes[offset + 1] ?? 0) << 8) |
      ((bytes[offset + 2] ?? 0) << 16) |
      ((bytes[offset + 3] ?? 0) << 24)) >>>
    0
  );
}

function readAsciiString(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) {
    const byte = bytes[i] ?? 0;
    if (byte === 0) {
      break;
    }
    text += String.fromCharCode(byte);
  }
  return text.trim();
}

export function isTnefStream(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && readUint32(bytes, 0) === TNEF_SIGNATURE;
}

/**
 * Returns the message class of a TNEF stream, or null when the bytes are no TNEF stream or carry no
 * class. The attMessageClass attribute is read first. Without it, the stream is searched for a
 * `REPORT.` class in 8-bit or UTF-16LE text, because Exchange may store the class only as
 * PidTagMessageClass in the MAPI property block.
 */
export function readTnefMessageClass(bytes: Uint8Array): string | null {
  if (!isTnefStream(bytes)) {
    return null;
  }
  let offset = 6;
  while (offset + ATTRIBUTE_HEADER_BYTES <= bytes.length) {
    const level = bytes[offset] ?? 0;
    const attributeId = readUint32(bytes, offset + 1);
    const length = readUint32(bytes, offset + 5);
    const dataStart = offset + ATTRIBUTE_HEADER_BYTES;
    const dataEnd = dataStart + length;
    if (dataEnd + CHECKSUM_BYTES > bytes.length) {
      break;
    }
    if (level === LEVEL_MESSAGE && attributeId === ATT_MESSAGE_CLASS) {
      const messageClass = readAsciiString(bytes, dataStart, dataEnd);
      return messageClass === '' ? null : messageClass;
    }
    offset = dataEnd + CHECKSUM_BYTES;
  }
  return findReportClassText(bytes);
}

const CLASS_CHAR = /[A-Za-z0-9._-]/;

function findReportClassText(bytes: Uint8Array): string | null {
  const narrow = scanForReportClass(bytes, 1);
  return narrow ?? scanForReportClass(bytes, 2);
}

/** Scans for `REPORT.` with `step` bytes per character (1 for 8-bit text, 2 for UTF-16LE). */
function scanForReportClass(bytes: Uint8Array, step: 1 | 2): string | null {
  const prefix = 'REPORT.';
  const limit = bytes.length - prefix.length * step;
  for (let start = 0; start <= limit; start++) {
    let matches = true;
    for (let k = 0; k < prefix.length && matches; k++) {
      const byte = bytes[start + k * step] ?? 0;
      const high = step === 2 ? (bytes[start + k * step + 1] ?? 0) : 0;
      matches = high === 0 && String.fromCharCode(byte).toUpperCase() === prefix.charAt(k);
    }
    if (!matches) {
      continue;
    }
    let text = '';
    for (let i = start; i + step - 1 < bytes.length; i += step) {
      const char = String.fromCharCode(bytes[i] ?? 0);
      if ((step === 2 && (bytes[i + 1] ?? 0) !== 0) || !CLASS_CHAR.test(char)) {
        break;
      }
      text += char;
    }
    return text;
  }
  return null;
}
