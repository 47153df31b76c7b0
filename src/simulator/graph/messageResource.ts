import type { MailAddress, StoredMessage } from '../mail/mailboxStore';
import { extendedPropertiesOf, type ExtendedProperty } from './extendedProperties';

/** Graph's `recipient` resource. */
interface GraphRecipient {
  emailAddress: { name: string; address: string };
}

/** Properties of Graph's `message` resource that the simulator serves, by name. */
const MESSAGE_PROPERTIES: Record<string, (message: StoredMessage) => unknown> = {
  createdDateTime: (message) => message.createdAt,
  lastModifiedDateTime: (message) => message.lastModifiedAt,
  changeKey: (message) => changeKey(message),
  categories: () => [],
  receivedDateTime: (message) => message.receivedAt,
  sentDateTime: (message) => message.sentAt,
  hasAttachments: () => false,
  internetMessageId: (message) => message.internetMessageId,
  subject: (message) => message.subject,
  bodyPreview: (message) => preview(message),
  importance: () => 'normal',
  parentFolderId: (message) => message.folder,
  conversationId: (message) => message.internetMessageId ?? message.id,
  isDeliveryReceiptRequested: () => false,
  isReadReceiptRequested: (message) => message.isReadReceiptRequested,
  isRead: (message) => message.isRead,
  isDraft: (message) => message.isDraft,
  webLink: (message) => `https://outlook.office.com/owa/?ItemID=${encodeURIComponent(message.ewsId)}`,
  inferenceClassification: () => 'focused',
  body: (message) => ({ contentType: message.bodyType, content: message.body }),
  sender: (message) => recipient(message.from),
  from: (message) => recipient(message.from),
  toRecipients: (message) => message.to.map(recipient),
  ccRecipients: (message) => message.cc.map(recipient),
  bccRecipients: () => [],
  replyTo: () => [],
  flag: () => ({ flagStatus: 'notFlagged' }),
};

export const MESSAGE_PROPERTY_NAMES = new Set(['id', ...Object.keys(MESSAGE_PROPERTIES)]);

/** Fields a `$filter` comparison or `$orderby` may name. */
export const FILTERABLE_FIELDS = new Set([
  'receivedDateTime',
  'sentDateTime',
  'createdDateTime',
  'lastModifiedDateTime',
  'internetMessageId',
  'subject',
  'isRead',
  'isDraft',
  'isReadReceiptRequested',
]);

/** The value of a filterable field, as a string, boolean or null. */
export function messageFieldValue(message: StoredMessage, field: string): string | boolean | null {
  const value = MESSAGE_PROPERTIES[field]?.(message);
  return typeof value === 'string' || typeof value === 'boolean' ? value : null;
}

/**
 * Renders a stored message as Graph's JSON. With `select`, only `id`, `@odata.etag` and the
 * selected properties appear, as in Graph; `expanded` adds `singleValueExtendedProperties`.
 */
export function toGraphMessage(
  message: StoredMessage,
  select: string[] | null,
  expanded: ExtendedProperty[] | null,
): Record<string, unknown> {
  const names = select ?? Object.keys(MESSAGE_PROPERTIES);
  const resource: Record<string, unknown> = { '@odata.etag': `W/"${changeKey(message)}"`, id: message.id };
  for (const name of names) {
    const read = MESSAGE_PROPERTIES[name];
    if (read) resource[name] = read(message);
  }
  if (expanded !== null) resource.singleValueExtendedProperties = expanded;
  return resource;
}

/** The message's extended properties whose id is in `ids` (already normalised). */
export function expandedProperties(message: StoredMessage, ids: string[]): ExtendedProperty[] {
  return extendedPropertiesOf(message).filter((property) => ids.includes(property.id));
}

function recipient(address: MailAddress | null): GraphRecipient | null {
  return address === null
    ? null
    : { emailAddress: { name: address.name || address.address, address: address.address } };
}

function changeKey(message: StoredMessage): string {
  return Buffer.from(`${message.id.slice(-8)}:${message.lastModifiedAt}`).toString('base64');
}

function preview(message: StoredMessage): string {
  const text = message.bodyType === 'html' ? message.body.replace(/<[^>]*>/g, ' ') : message.body;
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}
