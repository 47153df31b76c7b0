import { byteStringToBytes } from './bytes';

const BASE64_VALUES: ReadonlyMap<string, number> = (() => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const values = new Map<string, number>();
  for (let i = 0; i < alphabet.length; i++) {
    values.set(alphabet.charAt(i), i);
  }
  // Some gateways write the URL-safe alphabet (RFC 4648 section 5); accept it too.
  values.set('-', 62);
  values.set('_', 63);
  return values;
})();

/**
 * Decodes base64 leniently: characters outside the alphabet (line breaks, spaces, padding) are
 * skipped, and a final group of two or three characters still yields its bytes.
 */
export function decodeBase64(text: string): Uint8Array {
  const output = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let buffer = 0;
  let bitCount = 0;
  for (let i = 0; i < text.length; i++) {
    const value = BASE64_VALUES.get(text.charAt(i));
    if (value === undefined) {
      continue;
    }
    buffer = ((buffer << 6) | value) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      output[length++] = (buffer >> bitCount) & 0xff;
    }
  }
  return output.slice(0, length);
}

function hexValue(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

/**
 * Decodes `=XX` escapes in a byte string. An `=` not followed by two hex digits is kept as is,
 * which is what RFC 2045 section 6.7 recommends for robust decoders.
 */
function decodeHexEscapes(text: string, underscoreIsSpace: boolean): string {
  let output = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '=' && i + 2 < text.length) {
      const high = hexValue(text.charAt(i + 1));
      const low = hexValue(text.charAt(i + 2));
      if (high >= 0 && low >= 0) {
        output += String.fromCharCode(high * 16 + low);
        i += 2;
        continue;
      }
    }
    output += underscoreIsSpace && char === '_' ? ' ' : char;
  }
  return output;
}

/**
 * Decodes a quoted-printable body (RFC 2045 section 6.7) given as lines without their line ends.
 * Trailing whitespace is transport padding and is dropped; a line ending in `=` is a soft break.
 */
export function decodeQuotedPrintable(lines: readonly string[]): Uint8Array {
  const pieces: string[] = [];
  lines.forEach((line, index) => {
    const trimmed = line.replace(/[ \t]+$/, '');
    const isLast = index === lines.length - 1;
    if (trimmed.endsWith('=')) {
      pieces.push(decodeHexEscapes(trimmed.slice(0, -1), false));
    } else {
      pieces.push(decodeHexEscapes(trimmed, false) + (isLast ? '' : '\n'));
    }
  });
  return byteStringToBytes(pieces.join(''));
}

/** Decodes the Q encoding of an RFC 2047 encoded word, where `_` stands for a space. */
export function decodeQEncoding(text: string): Uint8Array {
  return byteStringToBytes(decodeHexEscapes(text, true));
}
