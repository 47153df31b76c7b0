import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DraftContent } from '../mail/mailSystem';
import { MailError } from '../mail/mailSystem';
import type { FolderName, StoredMessage } from '../mail/mailboxStore';
import { FOLDER_NAMES } from '../mail/mailboxStore';
import type { SimulatorParts } from '../simulator';
import { findUser } from '../users';
import { findClientProfile, CLIENT_PROFILES } from './clientProfiles';
import { fetchImagesThroughProxy } from './imageProxy';
import type { AddinCommands } from './manifestCommands';

export interface PageApiOptions {
  trackingServerUrl: string;
  /** Read on each session request, so a manifest built after start is picked up. */
  addinCommands: () => AddinCommands | null;
}

interface UserQuery {
  user?: string;
}

/**
 * JSON routes under `/sim/api/` used by the simulated Outlook and webmail pages. They stand for
 * what Outlook's own client-server protocol does, so they need no token; the simulator listens
 * on loopback only.
 */
export function registerPageApi(app: FastifyInstance, parts: SimulatorParts, options: PageApiOptions): void {
  const { mail, identity, tenant } = parts;

  function owner(query: UserQuery, reply: FastifyReply): string | null {
    const user = findUser(tenant, query.user ?? '');
    if (user) return user.address;
    void reply.code(404).send({
      code: 'SIM_UNKNOWN_USER',
      message: `No simulated user "${query.user ?? ''}". Use one of ${tenant.users.map((u) => u.address).join(', ')}.`,
    });
    return null;
  }

  function message(query: UserQuery, id: string, reply: FastifyReply): StoredMessage | null {
    const address = owner(query, reply);
    if (address === null) return null;
    const found = mail.store.get(address, id);
    if (!found)
      void reply
        .code(404)
        .send({ code: 'SIM_MESSAGE_NOT_FOUND', message: `Message ${id} is not in ${address}'s mailbox.` });
    return found ?? null;
  }

  app.get<{ Querystring: UserQuery & { client?: string } }>('/sim/api/session', (request, reply) => {
    const address = owner(request.query, reply);
    if (address === null) return;
    const user = findUser(tenant, address);
    void reply.send({
      user,
      tenantId: tenant.tenantId,
      refreshToken: identity.hostRefreshToken(address),
      tokenEndpoint: identity.tokenEndpoint(),
      client: findClientProfile(request.query.client),
      clients: CLIENT_PROFILES,
      users: tenant.users,
      addin: options.addinCommands(),
      trackingServerUrl: options.trackingServerUrl,
    });
  });

  app.post<{ Querystring: UserQuery; Body: { draftId: string | null; draft: DraftContent } }>(
    '/sim/api/drafts',
    (request, reply) => {
      const address = owner(request.query, reply);
      if (address === null) return;
      const saved = mail.saveDraft(address, request.body.draftId, request.body.draft);
      void reply.send({ id: saved.id, ewsId: saved.ewsId });
    },
  );

  app.post<{ Querystring: UserQuery; Body: { draftId: string | null; draft: DraftContent } }>(
    '/sim/api/send',
    async (request, reply) => {
      const address = owner(request.query, reply);
      if (address === null) return;
      try {
        const sent = await mail.send(address, request.body.draftId, request.body.draft);
        return { id: sent.id, internetMessageId: sent.internetMessageId };
      } catch (error) {
        return sendMailError(reply, error);
      }
    },
  );

  app.get<{ Querystring: UserQuery & { folder?: string } }>('/sim/api/folders', (request, reply) => {
    const address = owner(request.query, reply);
    if (address === null) return;
    const folder = (FOLDER_NAMES as readonly string[]).includes(request.query.folder ?? '')
      ? (request.query.folder as FolderName)
      : 'inbox';
    const messages = mail.store
      .list(address, folder)
      .sort((left, right) =>
        (right.receivedAt ?? right.createdAt).localeCompare(left.receivedAt ?? left.createdAt),
      );
    void reply.send({ folder, messages: messages.map(summary) });
  });

  app.get<{ Params: { id: string }; Querystring: UserQuery }>('/sim/api/messages/:id', (request, reply) => {
    const found = message(request.query, request.params.id, reply);
    if (found)
      void reply.send({
        ...summary(found),
        body: found.body,
        bodyType: found.bodyType,
        customProperties: found.customProperties,
      });
  });

  app.post<{ Params: { id: string }; Querystring: UserQuery }>(
    '/sim/api/messages/:id/read',
    (request, reply) => {
      const found = message(request.query, request.params.id, reply);
      if (found)
        void reply.send(summary(mail.store.update(found.owner, found.id, { isRead: true }) ?? found));
    },
  );

  app.post<{
    Params: { id: string };
    Querystring: UserQuery;
    Body: { addinId: string; values: Record<string, unknown> };
  }>('/sim/api/messages/:id/custom-properties', (request, reply) => {
    const found = message(request.query, request.params.id, reply);
    if (!found) return;
    const customProperties = { ...found.customProperties, [request.body.addinId]: request.body.values };
    mail.store.update(found.owner, found.id, { customProperties });
    void reply.send({ saved: true });
  });

  app.post<{ Params: { id: string }; Querystring: UserQuery }>(
    '/sim/api/messages/:id/receipt',
    async (request, reply) => {
      const found = message(request.query, request.params.id, reply);
      if (!found) return;
      try {
        return { receiptMessageId: await mail.sendReadReceipt(found.owner, found.id, 'displayed') };
      } catch (error) {
        return sendMailError(reply, error);
      }
    },
  );

  app.post<{ Params: { id: string }; Querystring: UserQuery }>(
    '/sim/api/messages/:id/delete-unread',
    async (request, reply) => {
      const found = message(request.query, request.params.id, reply);
      if (!found) return;
      if (found.isRead || found.readReceiptSent) {
        return reply.code(409).send({
          code: 'SIM_MESSAGE_ALREADY_READ',
          message: `Message ${found.id} was already read (it was opened or its read receipt was sent), so it cannot be deleted unread.`,
        });
      }
      try {
        const receiptDue = found.dispositionNotificationTo !== null && !found.readReceiptSent;
        const receiptMessageId = receiptDue
          ? await mail.sendReadReceipt(found.owner, found.id, 'deleted')
          : null;
        mail.store.update(found.owner, found.id, { folder: 'deleteditems' });
        return { receiptMessageId };
      } catch (error) {
        return sendMailError(reply, error);
      }
    },
  );

  app.post<{ Params: { id: string }; Querystring: UserQuery }>(
    '/sim/api/messages/:id/proxy-open',
    async (request, reply) => {
      const found = message(request.query, request.params.id, reply);
      if (!found) return;
      return { fetched: await fetchImagesThroughProxy(found.body, options.trackingServerUrl) };
    },
  );
}

function summary(message: StoredMessage): Record<string, unknown> {
  return {
    id: message.id,
    ewsId: message.ewsId,
    folder: message.folder,
    internetMessageId: message.internetMessageId,
    subject: message.subject,
    from: message.from,
    to: message.to,
    cc: message.cc,
    sentAt: message.sentAt,
    receivedAt: message.receivedAt,
    isRead: message.isRead,
    messageClass: message.messageClass,
    readReceiptRequested: message.dispositionNotificationTo !== null,
    dispositionTo: message.dispositionNotificationTo,
    readReceiptSent: message.readReceiptSent,
  };
}

function sendMailError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof MailError) {
    const status = error.code === 'MAIL_NOT_FOUND' ? 404 : 400;
    return reply.code(status).send({ code: error.code, message: error.message });
  }
  const text = error instanceof Error ? error.message : String(error);
  return reply
    .code(502)
    .send({ code: 'SIM_SMTP_FAILED', message: `Sending over the simulator's SMTP failed: ${text}` });
}
