import { callOffice } from './asyncResult';

/** What the dialog page sent with `messageParent`, or the Office code that closed it. */
export type DialogOutcome =
  { kind: 'message'; message: string } | { kind: 'closed'; officeErrorCode: number };

/**
 * Opens an Office dialog at `url` (same origin as the add-in) and settles with its first message
 * or with the event that closed it (12006: closed by the user). The dialog is closed either way.
 */
export async function runDialog(url: string, options: Office.DialogOptions): Promise<DialogOutcome> {
  const dialog = await callOffice<Office.Dialog>('ui.displayDialogAsync', (callback) =>
    Office.context.ui.displayDialogAsync(url, options, callback),
  );
  return new Promise<DialogOutcome>((resolve) => {
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, (event) => {
      dialog.close();
      resolve(
        'message' in event
          ? { kind: 'message', message: event.message }
          : { kind: 'closed', officeErrorCode: event.error },
      );
    });
    dialog.addEventHandler(Office.EventType.DialogEventReceived, (event) => {
      resolve({ kind: 'closed', officeErrorCode: 'error' in event ? event.error : -1 });
    });
  });
}

/** Sends `message` from a dialog page to the page that opened it. */
export function sendToDialogParent(message: string): void {
  Office.context.ui.messageParent(message);
}
