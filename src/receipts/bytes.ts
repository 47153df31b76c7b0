/**
 * The parser works on "byte strings": one character per byte, code points 0 to 255. MIME structure
 * is ASCII, so boundaries and field names can be found with string methods, and each text segment
 * is turned back into bytes and decoded with its own charset only at the end.
 */

const CHUNK_SIZE = 0x8000;

export function bytesToByteString(bytes: Uint8Array): string {
  const chunks: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK_SIZE) {
    chunks.push(String.fromCharCode(...bytes.subarray(start, start + CHUNK_SIZE)));
  }
  return chunks.join('');
}

export function byteStringToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    bytes[i] = text.charCodeAt(i) & 0xff;
  }
  return bytes;
}

function createDecoder(charset: string, fatal: boolean): TextDecoder | null {
  try {
    return new TextDecoder(charset, { fatal });
  } catch {
    // TextDecoder raises a RangeError for a label the WHATWG Encoding Standard does not know.
    return null;
  }
}

/**
 * Decodes bytes in the named charset. Returns null when the charset is unknown to TextDecoder.
 * Invalid sequences become U+FFFD rather than failing.
 */
export function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  const decoder = createDecoder(charset.trim(), false);
  return decoder === null ? null : decoder.decode(bytes);
}

/**
 * Decodes bytes whose charset is not declared: UTF-8 when they are valid UTF-8 (RFC 6532 allows raw
 * UTF-8 in header fields), else windows-1252, which maps every byte to some character.
 */
export function decodeUndeclared(bytes: Uint8Array): string {
  const utf8 = createDecoder('utf-8', true);
  if (utf8 !== null) {
    try {
      return utf8.decode(bytes);
    } catch {
      // Not UTF-8: fall through to the single-byte charset.
    }
  }
  return decodeCharset(bytes, 'windows-1252') ?? bytesToByteString(bytes);
}

/** Decodes a byte string holding text of undeclared charset; plain ASCII is returned unchanged. */
export function decodeUndeclaredByteString(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) {
    return text;
  }
  return decodeUndeclared(byteStringToBytes(text));
}
