import { callOffice } from './asyncResult';

/**
 * Calls `handler` whenever the selected item changes (Mailbox 1.5, pinned task panes). When it
 * runs, `Office.context.mailbox.item` is already the new item and may be null.
 */
export function onItemChanged(handler: () => void): Promise<void> {
  return callOffice<void>('addHandlerAsync(ItemChanged)', (callback) =>
    Office.context.mailbox.addHandlerAsync(Office.EventType.ItemChanged, handler, callback),
  );
}

/** Removes this page's ItemChanged handlers (Office removes all of them for the event type). */
export function offItemChanged(): Promise<void> {
  return callOffice<void>('removeHandlerAsync(ItemChanged)', (callback) =>
    Office.context.mailbox.removeHandlerAsync(Office.EventType.ItemChanged, callback),
  );
}

/** Calls `handler` when the user changes Outlook's theme (Mailbox 1.14). */
export function onOfficeThemeChanged(handler: () => void): Promise<void> {
  return callOffice<void>('addHandlerAsync(OfficeThemeChanged)', (callback) =>
    Office.context.mailbox.addHandlerAsync(Office.EventType.OfficeThemeChanged, handler, callback),
  );
}

/** Removes this page's OfficeThemeChanged handlers. */
export function offOfficeThemeChanged(): Promise<void> {
  return callOffice<void>('removeHandlerAsync(OfficeThemeChanged)', (callback) =>
    Office.context.mailbox.removeHandlerAsync(Office.EventType.OfficeThemeChanged, callback),
  );
}
