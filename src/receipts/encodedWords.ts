import { decodeCharset, decodeUndeclaredByteString } from './bytes';
import { decodeBase64, decodeQEncoding } from './transferEncoding';

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

interface PendingWord {
  charset: string;
  chunks: Uint8Array[];
  /** The encoded words as written, shown unchanged when the charset is unknown. */
  source: string;
}

function concatenate(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

function flush(pending: PendingWord): string {
  return decodeCharset(concatenate(pending.chunks), pending.charset) ?? pending.source;
}

/**
 * Decodes a header field value given as a byte string: RFC 2047 encoded words in any charset that
 * TextDecoder supports, and raw 8-bit text as UTF-8 (RFC 6532) or windows-1252.
 *
 * Whitespace between two encoded words is dropped (RFC 2047 section 6.2). Adjacent words in the
 * same charset are decoded together, because some mailers split one multibyte character across
 * two words. A word in an unknown charset is kept as written.
 */
export function decodeHeaderValue(value: string): string {
  let output = '';
  let pending: PendingWord | null = null;
  let lastEnd = 0;

  for (const match of value.matchAll(ENCODED_WORD)) {
    const start = match.index;
    const gap = value.slice(lastEnd, start);
    const gapIsWhitespace = /^[ \t\r\n]*$/.test(gap);
    const charset = (match[1] ?? '').split('*')[0] ?? '';
    const encoding = (match[2] ?? '').toUpperCase();
    const text = match[3] ?? '';
    const bytes = encoding === 'B' ? decodeBase64(text) : decodeQEncoding(text);

    if (pending !== null && gapIsWhitespace && pending.charset.toLowerCase() === charset.toLowerCase()) {
      pending.chunks.push(bytes);
      pending.source += gap + match[0];
    } else {
      if (pending !== null) {
        output += flush(pending);
        if (!gapIsWhitespace) {
          output += decodeUndeclaredByteString(gap);
        }
      } else {
        output += decodeUndeclaredByteString(gap);
      }
      pending = { charset, chunks: [bytes], source: match[0] };
    }
    lastEnd = start + match[0].length;
  }

  if (pending !== null) {
    output += flush(pending);
  }
  return output + decodeUndeclaredByteString(value.slice(lastEnd));
}
