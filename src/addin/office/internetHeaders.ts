import { callOffice } from './asyncResult';

/** Sets internet headers on the draft (Mailbox 1.8). */
export function setInternetHeaders(
  item: Office.MessageCompose,
  headers: Record<string, string>,
): Promise<void> {
  return callOffice<void>('internetHeaders.setAsync', (callback) =>
    item.internetHeaders.setAsync(headers, callback),
  );
}

/** Removes internet headers from the draft (Mailbox 1.8). Missing names are not an error. */
export function removeInternetHeaders(item: Office.MessageCompose, names: string[]): Promise<void> {
  return callOffice<void>('internetHeaders.removeAsync', (callback) =>
    item.internetHeaders.removeAsync(names, callback),
  );
}
