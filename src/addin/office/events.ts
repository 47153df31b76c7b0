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
