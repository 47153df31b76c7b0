import { callOffice } from './asyncResult';

export type NotificationKind = 'information' | 'error' | 'progress';

/** Manifest resource id of the icon shown next to informational messages. */
const NOTIFICATION_ICON_ID = 'Icon.16x16';

/**
 * Shows `message` (at most 150 characters) in the draft's notification bar under `key`,
 * replacing an earlier message with the same key.
 */
export function showNotification(
  item: Office.MessageCompose,
  key: string,
  kind: NotificationKind,
  message: string,
): Promise<void> {
  return callOffice<void>('notificationMessages.replaceAsync', (callback) =>
    item.notificationMessages.replaceAsync(key, notificationDetails(kind, message), callback),
  );
}

function notificationDetails(kind: NotificationKind, message: string): Office.NotificationMessageDetails {
  const types = Office.MailboxEnums.ItemNotificationMessageType;
  switch (kind) {
    case 'information':
      return { type: types.InformationalMessage, message, icon: NOTIFICATION_ICON_ID, persistent: false };
    case 'progress':
      return { type: types.ProgressIndicator, message };
    case 'error':
      return { type: types.ErrorMessage, message };
  }
}

/** Removes the message shown under `key`; a key with no message is not an error. */
export function removeNotification(item: Office.MessageCompose, key: string): Promise<void> {
  return callOffice<void>('notificationMessages.removeAsync', (callback) =>
    item.notificationMessages.removeAsync(key, callback),
  );
}
