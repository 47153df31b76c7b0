import type { StoredMessage } from '../mail/mailboxStore';
import { extendedPropertiesOf, normalizePropertyId } from './extendedProperties';
import { GraphRequestError } from './graphError';
import { messageFieldValue, FILTERABLE_FIELDS } from './messageResource';

export interface ParsedFilter {
  matches: (message: StoredMessage) => boolean;
  /** Properties in the order the filter names them, for Graph's `$orderby` rule. */
  properties: string[];
}

type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/**
 * Parses the subset of OData `$filter` that the add-in needs: comparisons on message fields
 * joined by `and`, and `singleValueExtendedProperties/Any(ep: ep/id eq '…' and <value test>)`
 * where the value test is `ep/value eq '…'` or `startswith(ep/value, '…')`. Like Graph, values
 * compare case-sensitively. Anything else is rejected with Graph's `BadRequest`.
 */
export function parseFilter(filter: string): ParsedFilter {
  const clauses = splitTopLevelAnd(filter.trim());
  const tests = clauses.map(parseClause);
  return {
    matches: (message) => tests.every((test) => test.matches(message)),
    properties: tests.map((test) => test.property),
  };
}

function parseClause(clause: string): { matches: (message: StoredMessage) => boolean; property: string } {
  const any = /^singleValueExtendedProperties\/any\(\s*(\w+)\s*:\s*(.+)\)$/i.exec(clause);
  if (any)
    return {
      matches: parseExtendedPropertyTest(any[1] ?? '', any[2] ?? ''),
      property: 'singleValueExtendedProperties',
    };

  const comparison = /^(\w+)\s+(eq|ne|gt|ge|lt|le)\s+(.+)$/i.exec(clause);
  if (!comparison || !FILTERABLE_FIELDS.has(comparison[1] ?? '')) throw invalidClause(clause);
  const field = comparison[1] ?? '';
  const operator = (comparison[2] ?? '').toLowerCase() as Comparison;
  const literal = parseLiteral(comparison[3] ?? '', clause);
  return {
    property: field,
    matches: (message) => compare(messageFieldValue(message, field), operator, literal),
  };
}

function parseExtendedPropertyTest(variable: string, body: string): (message: StoredMessage) => boolean {
  const parts = splitTopLevelAnd(body);
  const idPattern = new RegExp(`^${variable}/id\\s+eq\\s+'((?:[^']|'')*)'$`, 'i');
  const valueEq = new RegExp(`^${variable}/value\\s+eq\\s+'((?:[^']|'')*)'$`, 'i');
  const valueStarts = new RegExp(`^startswith\\(\\s*${variable}/value\\s*,\\s*'((?:[^']|'')*)'\\s*\\)$`, 'i');

  const idMatch = parts.length === 2 ? idPattern.exec(parts[0] ?? '') : null;
  const propertyId = idMatch ? normalizePropertyId(unquote(idMatch[1] ?? '')) : null;
  if (propertyId === null) throw invalidClause(body);

  const valueText = parts[1] ?? '';
  const equals = valueEq.exec(valueText);
  const starts = valueStarts.exec(valueText);
  if (!equals && !starts) throw invalidClause(valueText);
  const expected = unquote((equals ?? starts)?.[1] ?? '');

  return (message) =>
    extendedPropertiesOf(message).some(
      (property) =>
        property.id === propertyId &&
        (equals ? property.value === expected : property.value.startsWith(expected)),
    );
}

type Literal = string | boolean | number | null;

function parseLiteral(text: string, clause: string): Literal {
  const trimmed = text.trim();
  const quoted = /^'((?:[^']|'')*)'$/.exec(trimmed);
  if (quoted) return unquote(quoted[1] ?? '');
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed === 'null') return null;
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(trimmed)) return Date.parse(trimmed);
  throw invalidClause(clause);
}

function compare(actual: Literal, operator: Comparison, expected: Literal): boolean {
  const left = typeof expected === 'number' && typeof actual === 'string' ? Date.parse(actual) : actual;
  switch (operator) {
    case 'eq':
      return left === expected;
    case 'ne':
      return left !== expected;
    default: {
      if (left === null || expected === null) return false;
      if (operator === 'gt') return left > expected;
      if (operator === 'ge') return left >= expected;
      if (operator === 'lt') return left < expected;
      return left <= expected;
    }
  }
}

/** Splits on ` and ` outside parentheses and quotes. */
function splitTopLevelAnd(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === "'") quoted = !quoted;
    if (quoted) continue;
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (depth === 0 && /^\sand\s/i.test(text.slice(index, index + 5))) {
      parts.push(text.slice(start, index).trim());
      start = index + 5;
      index += 4;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part.length > 0);
}

function unquote(text: string): string {
  return text.replace(/''/g, "'");
}

function invalidClause(clause: string): GraphRequestError {
  return new GraphRequestError(
    400,
    'BadRequest',
    `Invalid filter clause: the simulator does not support "${clause}".`,
  );
}
