import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { IdentityProvider } from '../identity/identityProvider';
import { GRAPH_APP_ID, GRAPH_RESOURCE } from '../identity/scopes';
import type { SimulatedAccessTokenClaims } from '../identity/tokenIssuer';
import type { FolderName, MailboxStore, StoredMessage } from '../mail/mailboxStore';
import { restToEwsId } from '../mail/itemIds';
import { findUser, type SimulatedTenant } from '../users';
import { GraphRequestError, sendGraphError } from './graphError';
import { expandedProperties, toGraphMessage } from './messageResource';
import { parseQueryOptions, sortMessages } from './queryOptions';

const WELL_KNOWN_FOLDERS: Record<string, FolderName> = {
  inbox: 'inbox',
  sentitems: 'sentitems',
  drafts: 'drafts',
  deleteditems: 'deleteditems',
};

const READ_SCOPES = ['Mail.Read', 'Mail.ReadWrite'];

export interface GraphRouteOptions {
  identity: IdentityProvider;
  store: MailboxStore;
  tenant: SimulatedTenant;
  /** The simulator's origin; `@odata.context` and `@odata.nextLink` point at it. */
  origin: () => string;
}

/**
 * Registers the simulated Microsoft Graph under `/v1.0/me/…`: message lists per folder, one
 * message, its MIME and `PATCH`. Every request needs a Graph-audience token from the simulator's
 * identity provider, as Graph needs one from Entra ID.
 */
export function registerGraphRoutes(app: FastifyInstance, options: GraphRouteOptions): void {
  app.route({
    method: ['GET', 'PATCH'],
    url: '/v1.0/*',
    handler: async (request, reply) => {
      try {
        const claims = await authenticate(request, options.identity);
        const user = findUser(options.tenant, claims.preferred_username);
        if (!user)
          throw new GraphRequestError(
            404,
            'ErrorInvalidUser',
            'The requested user is not in the simulated tenant.',
          );
        return await dispatch(request, reply, options, user.address, claims);
      } catch (error) {
        if (error instanceof GraphRequestError)
          return sendGraphError(request, reply, error.status, error.code, error.message);
        throw error;
      }
    },
  });
}

async function dispatch(
  request: FastifyRequest,
  reply: FastifyReply,
  options: GraphRouteOptions,
  owner: string,
  claims: SimulatedAccessTokenClaims,
): Promise<FastifyReply | Record<string, unknown>> {
  const url = new URL(request.url, 'http://simulator.invalid');
  const path = decodeURIComponent(url.pathname.replace(/^\/v1\.0\//, ''));
  const folderList = /^me\/mailFolders(?:\('([^']+)'\)|\/([^/]+))\/messages$/i.exec(path);
  const single = /^me\/messages\/([^/]+?)(\/\$value)?$/.exec(path);

  if (request.method === 'GET' && (folderList || path === 'me/messages')) {
    requireScope(claims, [...READ_SCOPES, 'Mail.ReadBasic']);
    const folderName = folderList ? (folderList[1] ?? folderList[2] ?? '') : null;
    const folder = folderName === null ? undefined : WELL_KNOWN_FOLDERS[folderName.toLowerCase()];
    if (folderName !== null && folder === undefined) {
      throw new GraphRequestError(
        404,
        'ErrorInvalidIdMalformed',
        `The folder "${folderName}" is not a well-known folder of the simulator.`,
      );
    }
    return listMessages(url, options, owner, claims, folder, folderName);
  }

  if (single) {
    const message = options.store.get(owner, single[1] ?? '');
    if (!message) {
      throw new GraphRequestError(
        404,
        'ErrorItemNotFound',
        'The specified object was not found in the store.',
      );
    }
    if (request.method === 'PATCH') {
      requireScope(claims, ['Mail.ReadWrite']);
      return toGraphMessage(patchMessage(options.store, message, request.body), null, null);
    }
    requireScope(claims, READ_SCOPES);
    if (single[2]) return reply.type('text/plain').send(await mimeOf(message));
    const query = parseQueryOptions(url.searchParams);
    const expanded =
      query.expandPropertyIds === null ? null : expandedProperties(message, query.expandPropertyIds);
    return {
      '@odata.context': `${options.origin()}/v1.0/$metadata#users('${claims.oid}')/messages/$entity`,
      ...toGraphMessage(message, query.select, expanded),
    };
  }

  throw new GraphRequestError(
    400,
    'BadRequest',
    `Resource not found for the segment "${path}" in the simulated Graph.`,
  );
}

function listMessages(
  url: URL,
  options: GraphRouteOptions,
  owner: string,
  claims: SimulatedAccessTokenClaims,
  folder: FolderName | undefined,
  folderName: string | null,
): Record<string, unknown> {
  const query = parseQueryOptions(url.searchParams);
  const needsFullRead = query.expandPropertyIds !== null || (query.select ?? ['body']).includes('body');
  if (needsFullRead) requireScope(claims, READ_SCOPES);

  const all = options.store.list(owner, folder).filter((message) => query.filter?.matches(message) ?? true);
  const page = sortMessages(all, query.orderBy).slice(query.skip, query.skip + query.top);
  const segment = folderName === null ? 'messages' : `mailFolders('${folderName}')/messages`;
  const selected = query.select === null ? '' : `(${query.select.join(',')})`;
  const body: Record<string, unknown> = {
    '@odata.context': `${options.origin()}/v1.0/$metadata#users('${claims.oid}')/${segment}${selected}`,
    value: page.map((message) =>
      toGraphMessage(
        message,
        query.select,
        query.expandPropertyIds === null ? null : expandedProperties(message, query.expandPropertyIds),
      ),
    ),
  };
  if (query.skip + query.top < all.length) {
    const next = new URL(url.toString());
    next.searchParams.set('$skip', String(query.skip + query.top));
    next.searchParams.set('$top', String(query.top));
    body['@odata.nextLink'] = `${options.origin()}${next.pathname}${next.search}`;
  }
  return body;
}

const PATCHABLE_BOOLEANS = new Set(['isReadReceiptRequested', 'isRead']);

function patchMessage(store: MailboxStore, message: StoredMessage, body: unknown): StoredMessage {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GraphRequestError(
      400,
      'RequestBodyRead',
      'The request body must be a JSON object of message properties.',
    );
  }
  const changes: Partial<StoredMessage> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (!PATCHABLE_BOOLEANS.has(name)) {
      throw new GraphRequestError(
        400,
        'RequestBodyRead',
        `The property '${name}' does not exist on type 'microsoft.graph.message' or cannot be updated in the simulator.`,
      );
    }
    if (typeof value !== 'boolean') {
      throw new GraphRequestError(
        400,
        'RequestBodyRead',
        `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Boolean' for '${name}'.`,
      );
    }
    changes[name as 'isRead' | 'isReadReceiptRequested'] = value;
  }
  return store.update(message.owner, message.id, changes) ?? message;
}

async function authenticate(
  request: FastifyRequest,
  identity: IdentityProvider,
): Promise<SimulatedAccessTokenClaims> {
  const header = request.headers.authorization;
  if (header === undefined || !/^Bearer\s+\S+/i.test(header)) {
    throw new GraphRequestError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  }
  try {
    return await identity.tokens.verify(header.replace(/^Bearer\s+/i, ''), [GRAPH_RESOURCE, GRAPH_APP_ID]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GraphRequestError(
      401,
      'InvalidAuthenticationToken',
      `Access token validation failure: ${reason}`,
    );
  }
}

function requireScope(claims: SimulatedAccessTokenClaims, accepted: string[]): void {
  const granted = claims.scp.split(' ');
  if (!accepted.some((scope) => granted.includes(scope))) {
    throw new GraphRequestError(
      403,
      'ErrorAccessDenied',
      `Access is denied. The token needs one of the scopes ${accepted.join(', ')}.`,
    );
  }
}

// Exchange renders MIME for items that never went through SMTP, drafts included.
async function mimeOf(message: StoredMessage): Promise<string> {
  if (message.mime !== null) return message.mime;
  const composer = new MailComposer({
    from: message.from ?? undefined,
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    messageId: `<${restToEwsId(message.id).slice(4, 20).replace(/[+/=]/g, 'x')}@draft.simulator.test>`,
    ...(message.bodyType === 'html' ? { html: message.body } : { text: message.body }),
  });
  return (await composer.compile().build()).toString('utf8');
}
