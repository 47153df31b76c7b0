import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { findUser, type SimulatedTenant } from '../users';
import { classifyDelivered } from './messageClass';
import type { MailAddress, MailboxStore, StoredMessage } from './mailboxStore';

/** Parses a raw message received over SMTP and files a copy in each local recipient's inbox. */
export async function deliverToInboxes(
  store: MailboxStore,
  tenant: SimulatedTenant,
  recipients: string[],
  raw: Buffer,
  now: () => number,
): Promise<StoredMessage[]> {
  const parsed = await simpleParser(raw);
  const { messageClass, originalMessageId } = classifyDelivered(parsed);
  const dispositionTo = firstAddress(parsed.headers.get('disposition-notification-to'));
  const html = typeof parsed.html === 'string' ? parsed.html : null;

  const delivered: StoredMessage[] = [];
  for (const recipient of recipients) {
    const user = findUser(tenant, recipient);
    if (!user) continue;
    delivered.push(
      store.add({
        owner: user.address,
        folder: 'inbox',
        internetMessageId: parsed.messageId ?? null,
        subject: parsed.subject ?? '',
        from: addresses(parsed.from)[0] ?? null,
        to: addresses(parsed.to),
        cc: addresses(parsed.cc),
        bodyType: html === null ? 'text' : 'html',
        body: html ?? parsed.text ?? '',
        sentAt: (parsed.date ?? new Date(now())).toISOString(),
        receivedAt: new Date(now()).toISOString(),
        isRead: false,
        isDraft: false,
        isReadReceiptRequested: false,
        dispositionNotificationTo: dispositionTo,
        readReceiptSent: false,
        messageClass,
        originalMessageId,
        customProperties: {},
        mime: raw.toString('utf8'),
      }),
    );
  }
  return delivered;
}

/** Converts mailparser's address objects to name/address pairs, dropping groups' nesting. */
export function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (value === undefined) return [];
  const objects = Array.isArray(value) ? value : [value];
  const result: MailAddress[] = [];
  for (const entry of objects.flatMap((object) => object.value)) {
    if (entry.address) result.push({ name: entry.name ?? '', address: entry.address });
    for (const member of entry.group ?? []) {
      if (member.address) result.push({ name: member.name ?? '', address: member.address });
    }
  }
  return result;
}

function firstAddress(header: ReturnType<ParsedMail['headers']['get']>): string | null {
  if (header === undefined || header === null) return null;
  if (typeof header === 'string') return /<([^>]+)>/.exec(header)?.[1] ?? (header.trim() || null);
  if (typeof header === 'object' && 'value' in header && Array.isArray(header.value)) {
    return addresses(header as AddressObject)[0]?.address ?? null;
  }
  return null;
}
