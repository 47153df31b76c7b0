import { removeComments } from './comments';

/** A parsed `Content-Type` field. Type and subtype are lower-cased; parameter names too. */
export interface ContentType {
  type: string;
  subtype: string;
  /** `type/subtype`, lower-cased. */
  mediaType: string;
  parameters: ReadonlyMap<string, string>;
}

/** Splits on `;` outside quoted strings. */
function splitParameters(value: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (inQuotes && char === '\\' && i + 1 < value.length) {
      current += char + value.charAt(++i);
      continue;
    }
    if (char === '"') {
      inQuotes = !inQuotes;
    }
    if (char === ';' && !inQuotes) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  // An opening quote without its closing one: take the rest of the value.
  return trimmed.startsWith('"') ? trimmed.slice(1) : trimmed;
}

/** A header value of the form `value *(";" name "=" parameter)`, such as `Content-Disposition`. */
export interface ParameterizedValue {
  /** The part before the first `;`, trimmed and lower-cased. */
  value: string;
  /** Parameters by lower-cased name; the first of two with the same name wins. */
  parameters: ReadonlyMap<string, string>;
}

/**
 * Parses a value followed by `;`-separated parameters, tolerating missing or extra spaces around
 * `;` and `=`, comments, quoted strings and a trailing `;`.
 *
 * NOTE: RFC 2231 parameter continuations (`boundary*0=`) are not joined; no receipt seen in
 * practice splits its boundary or report type that way.
 */
export function parseParameterizedValue(text: string): ParameterizedValue {
  const [valuePart = '', ...parameterParts] = splitParameters(removeComments(text));
  const parameters = new Map<string, string>();
  for (const part of parameterParts) {
    const equals = part.indexOf('=');
    if (equals <= 0) {
      continue;
    }
    const name = part.slice(0, equals).trim().toLowerCase();
    if (name !== '' && !parameters.has(name)) {
      parameters.set(name, unquote(part.slice(equals + 1)));
    }
  }
  return { value: valuePart.trim().toLowerCase(), parameters };
}

/** Parses a `Content-Type` value (RFC 2045 section 5.1); null when there is no `type/subtype`. */
export function parseContentType(text: string): ContentType | null {
  const { value, parameters } = parseParameterizedValue(text);
  const media = /^([^\s/]+)\s*\/\s*([^\s/]+)$/.exec(value);
  if (media === null) {
    return null;
  }
  const type = media[1] ?? '';
  const subtype = media[2] ?? '';
  return { type, subtype, mediaType: `${type}/${subtype}`, parameters };
}
