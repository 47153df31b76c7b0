/**
 * JSON schemas of the API v1 requests and responses. Fastify validates requests with them (without
 * coercion or removal of unknown properties) and the OpenAPI document reuses them.
 */
import { OPEN_KINDS, RECEIPT_KINDS } from '../../shared/api';

const nullableString = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
/** An RFC 5322 message id with its angle brackets, as Graph returns `internetMessageId`. */
const messageId = { type: 'string', minLength: 3, maxLength: 998, pattern: '^<[^<>\\s]+>$' } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;

export const createTrackedMessageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['clientRequestId'],
  properties: {
    clientRequestId: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' },
    subject: { type: 'string', maxLength: 1000 },
    recipientCount: { type: 'integer', minimum: 0, maximum: 10000 },
  },
} as const;

export const updateTrackedMessageBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    internetMessageId: messageId,
    sentAt: dateTime,
    stopped: { const: true },
    readReceiptRequested: { type: 'boolean' },
  },
} as const;

export const pageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'string', pattern: '^([1-9][0-9]?|100)$', description: 'Items per page, 1 to 100.' },
    cursor: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQuery.properties,
    internetMessageId: {
      ...messageId,
      description: 'Only the message with this Internet Message-ID, angle brackets included.',
    },
  },
} as const;

export const recordReadReceiptBody = {
  type: 'object',
  additionalProperties: false,
  required: ['receiptMessageId', 'finalRecipient', 'kind', 'dispositionType', 'at'],
  properties: {
    receiptMessageId: messageId,
    finalRecipient: { type: ['string', 'null'], minLength: 1, maxLength: 998 },
    kind: { type: 'string', enum: [...RECEIPT_KINDS] },
    dispositionType: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]+$' },
    at: dateTime,
  },
} as const;

export const trackedMessageParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;

export const errorResponse = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' } },
} as const;

export const createTrackedMessageResponse = {
  type: 'object',
  required: ['id', 'pixelUrl', 'createdAt'],
  properties: { id: { type: 'string' }, pixelUrl: { type: 'string' }, createdAt: dateTime },
} as const;

const openCounts = {
  type: 'object',
  properties: Object.fromEntries(OPEN_KINDS.map((kind) => [kind, { type: 'integer' }])),
} as const;

export const trackedMessage = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    subject: nullableString,
    recipientCount: { type: ['integer', 'null'] },
    internetMessageId: nullableString,
    sentAt: nullableDateTime,
    createdAt: dateTime,
    lastActivityAt: dateTime,
    stoppedAt: nullableDateTime,
    readReceiptRequested: { type: ['boolean', 'null'] },
    opens: {
      type: 'object',
      properties: {
        firstOpenAt: nullableDateTime,
        lastOpenAt: nullableDateTime,
        counts: openCounts,
        peopleOpens: { type: 'integer' },
        automatedOpens: { type: 'integer' },
        selfViews: { type: 'integer' },
      },
    },
    receipts: {
      type: 'object',
      properties: { read: { type: 'integer' }, notRead: { type: 'integer' }, other: { type: 'integer' } },
    },
  },
} as const;

export const trackedMessageList = {
  type: 'object',
  properties: { items: { type: 'array', items: trackedMessage }, nextCursor: nullableString },
} as const;

export const open = {
  type: 'object',
  properties: {
    at: dateTime,
    method: { type: 'string' },
    userAgent: nullableString,
    clientNetwork: nullableString,
    kind: { type: 'string', enum: [...OPEN_KINDS] },
    confidence: { type: 'number' },
    reasons: { type: 'array', items: { type: 'string' } },
    counted: { type: 'boolean' },
  },
} as const;

export const openList = {
  type: 'object',
  properties: { items: { type: 'array', items: open }, nextCursor: nullableString },
} as const;

export const readReceipt = {
  type: 'object',
  properties: {
    receiptMessageId: { type: 'string' },
    finalRecipient: nullableString,
    kind: { type: 'string', enum: [...RECEIPT_KINDS] },
    dispositionType: { type: 'string' },
    at: dateTime,
  },
} as const;

export const trackedMessageDetail = {
  type: 'object',
  properties: {
    ...trackedMessage.properties,
    recentOpens: { type: 'array', items: open },
    nextOpensCursor: nullableString,
    receiptList: { type: 'array', items: readReceipt },
  },
} as const;

export const recordReadReceiptResponse = {
  type: 'object',
  required: ['recorded', 'receipts'],
  properties: { recorded: { type: 'boolean' }, receipts: trackedMessage.properties.receipts },
} as const;

/** The view report carries no data: the server's clock times it. An empty JSON object is also accepted. */
export const recordSenderViewBody = {
  type: 'object',
  additionalProperties: false,
  properties: {},
} as const;
