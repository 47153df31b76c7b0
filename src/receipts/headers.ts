/** One header field, unfolded. Both parts are byte strings; the value is trimmed. */
export interface HeaderField {
  name: string;
  value: string;
}

export interface HeaderBlock {
  fields: HeaderField[];
  /** Index of the first body line. Equals the end index when there is no body. */
  bodyStart: number;
}

// A field name is printable US-ASCII except the colon (RFC 5322 section 3.6.8). Whitespace before
// the colon is obsolete syntax (section 4.5) that some mailers still write.
const FIELD_LINE = /^([!-9;-~]+)[ \t]*:(.*)$/s;

function isContinuation(line: string): boolean {
  return line.startsWith(' ') || line.startsWith('\t');
}

/**
 * Parses the header fields in `lines[start..end)`. Folded lines are joined (RFC 5322 section 2.2.3).
 * The block ends at the first empty line. Leniently, it also ends at the first line that is neither
 * a field nor a continuation, and that line starts the body. So a part written without any header
 * keeps its whole content as body.
 */
export function parseHeaderBlock(lines: readonly string[], start: number, end: number): HeaderBlock {
  const fields: HeaderField[] = [];
  let current: HeaderField | null = null;

  for (let index = start; index < end; index++) {
    const line = lines[index] ?? '';
    if (line === '') {
      return { fields: finish(fields), bodyStart: index + 1 };
    }
    if (isContinuation(line)) {
      if (current === null) {
        return { fields: finish(fields), bodyStart: index };
      }
      current.value += line;
      continue;
    }
    const match = FIELD_LINE.exec(line);
    if (match === null) {
      return { fields: finish(fields), bodyStart: index };
    }
    current = { name: match[1] ?? '', value: match[2] ?? '' };
    fields.push(current);
  }
  return { fields: finish(fields), bodyStart: end };
}

function finish(fields: HeaderField[]): HeaderField[] {
  for (const field of fields) {
    field.value = field.value.trim();
  }
  return fields;
}

/** Returns the value of the first field with this name (case-insensitive), or null. */
export function findField(fields: readonly HeaderField[], name: string): string | null {
  const wanted = name.toLowerCase();
  const field = fields.find((candidate) => candidate.name.toLowerCase() === wanted);
  return field === undefined ? null : field.value;
}

/** Splits a byte string into lines, accepting CRLF and bare LF line ends alike. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.endsWith('\r')) {
      lines[i] = line.slice(0, -1);
    }
  }
  return lines;
}
