import type { StoredMessage } from '../mail/mailboxStore';
import { normalizePropertyId } from './extendedProperties';
import { parseFilter, type ParsedFilter } from './filter';
import { GraphRequestError } from './graphError';
import { FILTERABLE_FIELDS, MESSAGE_PROPERTY_NAMES, messageFieldValue } from './messageResource';

/** OData query options of a Graph request, validated. */
export interface QueryOptions {
  select: string[] | null;
  /** Normalised extended property ids from `$expand=singleValueExtendedProperties($filter=id eq '…')`. */
  expandPropertyIds: string[] | null;
  filter: ParsedFilter | null;
  orderBy: { field: string; descending: boolean }[];
  top: number;
  skip: number;
}

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;

/** Parses `$select`, `$expand`, `$filter`, `$orderby`, `$top` and `$skip`; throws GraphRequestError. */
export function parseQueryOptions(query: URLSearchParams): QueryOptions {
  const select = parseSelect(query.get('$select'));
  const expandPropertyIds = parseExpand(query.get('$expand'));
  const filterText = query.get('$filter');
  const filter = filterText === null ? null : parseFilter(filterText);
  const orderBy = parseOrderBy(query.get('$orderby'));
  checkOrderByAgainstFilter(orderBy, filter);
  return {
    select,
    expandPropertyIds,
    filter,
    orderBy,
    top: parseCount(query.get('$top'), '$top', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    skip: parseCount(query.get('$skip'), '$skip', 0, Number.MAX_SAFE_INTEGER),
  };
}

/** Sorts messages by `$orderby`, or by `receivedDateTime desc` as Graph does by default. */
export function sortMessages(messages: StoredMessage[], orderBy: QueryOptions['orderBy']): StoredMessage[] {
  const keys = orderBy.length > 0 ? orderBy : [{ field: 'receivedDateTime', descending: true }];
  return [...messages].sort((left, right) => {
    for (const key of keys) {
      const a = messageFieldValue(left, key.field) ?? '';
      const b = messageFieldValue(right, key.field) ?? '';
      if (a === b) continue;
      const order = a < b ? -1 : 1;
      return key.descending ? -order : order;
    }
    return 0;
  });
}

function parseSelect(value: string | null): string[] | null {
  if (value === null) return null;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  for (const name of names) {
    if (!MESSAGE_PROPERTY_NAMES.has(name)) {
      throw new GraphRequestError(
        400,
        'RequestBroker--ParseUri',
        `Could not find a property named '${name}' on type 'microsoft.graph.message'.`,
      );
    }
  }
  return names;
}

function parseExpand(value: string | null): string[] | null {
  if (value === null) return null;
  const match = /^singleValueExtendedProperties\(\$filter=(.+)\)$/i.exec(value.trim());
  if (!match) {
    throw new GraphRequestError(
      400,
      'BadRequest',
      `Unsupported $expand "${value}": expand singleValueExtendedProperties with $filter=id eq '…'.`,
    );
  }
  const ids: string[] = [];
  for (const part of (match[1] ?? '').split(/\s+or\s+/i)) {
    const id = /^\(?\s*id\s+eq\s+'((?:[^']|'')*)'\s*\)?$/i.exec(part.trim());
    const normalized = id ? normalizePropertyId((id[1] ?? '').replace(/''/g, "'")) : null;
    if (normalized === null) {
      throw new GraphRequestError(
        400,
        'BadRequest',
        `Invalid extended property filter "${part}" in $expand.`,
      );
    }
    ids.push(normalized);
  }
  return ids;
}

function parseOrderBy(value: string | null): QueryOptions['orderBy'] {
  if (value === null) return [];
  return value.split(',').map((part) => {
    const [field = '', direction = 'asc', ...rest] = part.trim().split(/\s+/);
    if (!FILTERABLE_FIELDS.has(field) || rest.length > 0 || !/^(asc|desc)$/i.test(direction)) {
      throw new GraphRequestError(400, 'BadRequest', `Invalid $orderby clause "${part.trim()}".`);
    }
    return { field, descending: direction.toLowerCase() === 'desc' };
  });
}

// Exchange's rule: properties in $orderby must also be in $filter, in the same order, first.
function checkOrderByAgainstFilter(orderBy: QueryOptions['orderBy'], filter: ParsedFilter | null): void {
  if (filter === null || orderBy.length === 0) return;
  const prefix = filter.properties.slice(0, orderBy.length);
  if (orderBy.some((key, index) => prefix[index] !== key.field)) {
    throw new GraphRequestError(
      400,
      'InefficientFilter',
      'The restriction or sort order is too complex for this operation.',
    );
  }
}

function parseCount(value: string | null, name: string, fallback: number, max: number): number {
  if (value === null) return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || count > max) {
    throw new GraphRequestError(
      400,
      'BadRequest',
      `Invalid ${name} "${value}": expected an integer from 0 to ${max}.`,
    );
  }
  return count;
}
