import { callOffice } from './asyncResult';

export type BodyFormat = 'html' | 'text';

/** Returns whether the draft is HTML or plain text. */
export async function getBodyFormat(item: Office.MessageCompose): Promise<BodyFormat> {
  const type = await callOffice<Office.CoercionType>('body.getTypeAsync', (callback) =>
    item.body.getTypeAsync(callback),
  );
  return type === Office.CoercionType.Html ? 'html' : 'text';
}

/**
 * Queues HTML that Outlook appends to the body when the message is sent (Mailbox 1.9). `null`
 * clears what an earlier call queued. Outlook rejects more than 5,000 characters.
 */
export function appendOnSend(item: Office.MessageCompose, html: string | null): Promise<void> {
  return callOffice<void>('body.appendOnSendAsync', (callback) =>
    // The d.ts types `data` as string, but Office.js documents `null` as the way to clear it.
    item.body.appendOnSendAsync(html as string, { coercionType: Office.CoercionType.Html }, callback),
  );
}
