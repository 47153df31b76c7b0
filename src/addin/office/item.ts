import { callOffice } from './asyncResult';

/** Returns the message being composed, or null when the current item is not a message in compose mode. */
export function getComposeItem(): Office.MessageCompose | null {
  const item: Office.MessageCompose | Office.MessageRead | null | undefined = Office.context?.mailbox?.item;
  if (!item || String(item.itemType) !== String(Office.MailboxEnums.ItemType.Message)) {
    return null;
  }
  // Only compose items have `body.getTypeAsync`; read items expose a read-only body.
  const body = (item as Office.MessageCompose).body as Partial<Office.Body> | undefined;
  return typeof body?.getTypeAsync === 'function' ? (item as Office.MessageCompose) : null;
}

/** Returns the signed-in mailbox's SMTP address. */
export function getMailboxAddress(): string {
  return Office.context.mailbox.userProfile.emailAddress;
}

export function getSubject(item: Office.MessageCompose): Promise<string> {
  return callOffice<string>('subject.getAsync', (callback) => item.subject.getAsync(callback));
}

/** Counts the To, Cc and Bcc recipients of the draft. */
export async function countRecipients(item: Office.MessageCompose): Promise<number> {
  return (await getRecipientAddresses(item)).length;
}

/** Returns the SMTP addresses of the draft's To, Cc and Bcc recipients. */
export async function getRecipientAddresses(item: Office.MessageCompose): Promise<string[]> {
  const lists = await Promise.all(
    (['to', 'cc', 'bcc'] as const).map((field) =>
      callOffice<Office.EmailAddressDetails[]>(`${field}.getAsync`, (callback) =>
        item[field].getAsync(callback),
      ),
    ),
  );
  return lists.flat().map((recipient) => recipient.emailAddress);
}

/** Saves the draft to the mailbox and returns its EWS item id. */
export function saveDraft(item: Office.MessageCompose): Promise<string> {
  return callOffice<string>('saveAsync', (callback) => item.saveAsync(callback));
}

/** Converts an EWS item id (what `saveAsync` returns on desktop and web) to a Microsoft Graph id. */
export function toRestId(ewsItemId: string): string {
  return Office.context.mailbox.convertToRestId(ewsItemId, Office.MailboxEnums.RestVersion.v2_0);
}

/** The message selected in a read-mode pane, or null when nothing or something else is selected. */
export function getReadItem(): Office.MessageRead | null {
  const item: Office.MessageRead | null | undefined = Office.context?.mailbox?.item;
  if (!item || String(item.itemType) !== String(Office.MailboxEnums.ItemType.Message)) {
    return null;
  }
  return item;
}
