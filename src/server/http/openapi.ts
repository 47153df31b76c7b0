import { ERROR_CATALOGUE } from '../core/errors';
import * as schemas from './schemas';

type JsonObject = Record<string, unknown>;

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function errors(...statuses: number[]): JsonObject {
  return Object.fromEntries(
    statuses.map((status) => {
      const codes = Object.entries(ERROR_CATALOGUE)
        .filter(([, entry]) => entry.status === status)
        .map(([code]) => code);
      return [String(status), { description: `Error: ${codes.join(', ')}`, content: errorContent }];
    }),
  );
}

function json(schema: unknown, description: string): JsonObject {
  return { description, content: { 'application/json': { schema } } };
}

const pageParameters = [
  { name: 'limit', in: 'query', schema: schemas.pageQuery.properties.limit },
  { name: 'cursor', in: 'query', schema: schemas.pageQuery.properties.cursor },
];
const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'Tracking id.',
};
const authErrors = [400, 401, 403, 429, 503];

/** Builds the OpenAPI 3.1 description of the pixel and of API v1, served at `/docs/openapi.json`. */
export function buildOpenApiDocument(publicUrl: string): JsonObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Readmark tracking server',
      version: '1.0.0',
      description:
        'Records tracking pixel loads and serves the authenticated API of the Readmark Outlook add-in. API calls need a Microsoft Entra ID v2 access token for the API with the access_as_user scope.',
    },
    servers: [{ url: publicUrl }],
    components: {
      securitySchemes: { entraId: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: schemas.errorResponse },
    },
    security: [{ entraId: [] }],
    paths: {
      '/o/{file}': {
        get: {
          summary: 'Tracking pixel',
          description:
            'Always returns the same transparent GIF. Only a GET without Range or conditional headers for an active tracking id records an open.',
          security: [],
          parameters: [
            {
              name: 'file',
              in: 'path',
              required: true,
              schema: { type: 'string' },
              description: '<tracking id>.gif',
            },
          ],
          responses: { '200': { description: 'A 1×1 transparent GIF', content: { 'image/gif': {} } } },
        },
      },
      '/api/v1/tracked-messages': {
        post: {
          summary: 'Create a tracked message (idempotent by clientRequestId)',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemas.createTrackedMessageBody } },
          },
          responses: {
            '201': json(schemas.createTrackedMessageResponse, 'Created'),
            '200': json(schemas.createTrackedMessageResponse, 'Already created with this clientRequestId'),
            ...errors(...authErrors, 413, 415),
          },
        },
        get: {
          summary: 'List the caller’s tracked messages, most recent activity first',
          description:
            'With internetMessageId, returns only the caller’s message with that Internet Message-ID (or an empty list) and no next page.',
          parameters: [
            ...pageParameters,
            {
              name: 'internetMessageId',
              in: 'query',
              schema: schemas.listQuery.properties.internetMessageId,
            },
          ],
          responses: { '200': json(schemas.trackedMessageList, 'One page'), ...errors(...authErrors) },
        },
      },
      '/api/v1/tracked-messages/{id}': {
        get: {
          summary: 'A tracked message with its recent opens and read receipts',
          parameters: [idParameter],
          responses: {
            '200': json(schemas.trackedMessageDetail, 'The message'),
            ...errors(...authErrors, 404),
          },
        },
        patch: {
          summary: 'Record sending details or stop tracking',
          parameters: [idParameter],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemas.updateTrackedMessageBody } },
          },
          responses: {
            '200': json(schemas.trackedMessage, 'The updated message'),
            ...errors(...authErrors, 404, 413, 415),
          },
        },
        delete: {
          summary: 'Delete a tracked message with its opens and read receipts',
          parameters: [idParameter],
          responses: { '204': { description: 'Deleted' }, ...errors(...authErrors, 404) },
        },
      },
      '/api/v1/policy': {
        get: {
          summary: 'The tracking policy of the caller’s tenant, set by the server operator',
          responses: {
            '200': json({ type: 'object' }, 'trackingEnabled, internalDomains, neverTrackDomains and notice'),
            ...errors(...authErrors),
          },
        },
      },
      '/api/v1/me/export': {
        get: {
          summary: 'Everything stored about the caller’s tracking, as one JSON document',
          responses: {
            '200': json(
              { type: 'object' },
              'Every tracked message with its opens and read receipts, and the caller’s recorded views and networks',
            ),
            ...errors(...authErrors),
          },
        },
      },
      '/api/v1/me': {
        delete: {
          summary: 'Delete everything stored about the caller’s tracking, immediately',
          responses: {
            '200': json({ type: 'object' }, 'deletedTrackedMessages: how many were removed'),
            ...errors(...authErrors),
          },
        },
      },
      '/api/v1/tracked-messages/{id}/opens': {
        get: {
          summary: 'Older opens of a tracked message, newest first',
          parameters: [idParameter, ...pageParameters],
          responses: { '200': json(schemas.openList, 'One page'), ...errors(...authErrors, 404) },
        },
      },
      '/api/v1/tracked-messages/{id}/receipts': {
        post: {
          summary: 'Record a read receipt (idempotent by receiptMessageId)',
          description:
            'A repeated receiptMessageId records nothing and answers 200. A not-read receipt never replaces a read one with the same receiptMessageId.',
          parameters: [idParameter],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemas.recordReadReceiptBody } },
          },
          responses: {
            '201': json(schemas.recordReadReceiptResponse, 'Recorded'),
            '200': json(schemas.recordReadReceiptResponse, 'Already recorded'),
            ...errors(...authErrors, 404, 413, 415),
          },
        },
      },
      '/api/v1/tracked-messages/{id}/views': {
        post: {
          summary: 'Report that the sender’s status pane shows this message now',
          description:
            'Pixel hits from selfViewLeadSeconds before to selfViewWindowSeconds after the report are the sender’s own views (kind self). Hits already stored from that lead time are classified again. The body may be empty or {}.',
          parameters: [idParameter],
          requestBody: {
            required: false,
            content: { 'application/json': { schema: schemas.recordSenderViewBody } },
          },
          responses: { '204': { description: 'Recorded' }, ...errors(...authErrors, 404, 413, 415) },
        },
      },
      '/healthz': {
        get: { summary: 'Process is up', security: [], responses: { '200': { description: 'Up' } } },
      },
      '/readyz': {
        get: {
          summary: 'Database, token signing keys and open writes are usable',
          security: [],
          responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready' } },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics',
          security: [],
          responses: { '200': { description: 'Text exposition format' } },
        },
      },
    },
  };
}
