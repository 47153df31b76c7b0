import type { MailboxPort, SelectedItem, ThemeKind } from '../ports';
import { themeKindOf } from '../theme';

// TODO: switch to the compose branch's Office wrappers (custom properties, item-changed events)
// and its custom-property name once they are on main.
/** The custom property in which "Track this email" stores the tracking id. */
export const TRACKING_ID_PROPERTY = 'trackingId';

function loadCustomProperties(item: Office.MessageRead): Promise<Office.CustomProperties | null> {
  return new Promise((resolve) => {
    item.loadCustomPropertiesAsync((result) => {
      resolve(result.status === Office.AsyncResultStatus.Succeeded ? result.value : null);
    });
  });
}

function forcedColors(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(forced-colors: active)').matches;
}

function readTheme(): ThemeKind {
  // officeTheme needs Mailbox 1.14; older clients get the light theme unless forced colours are on.
  const supported = Office.context.requirements.isSetSupported('Mailbox', '1.14');
  const background = supported ? Office.context.officeTheme?.bodyBackgroundColor : undefined;
  return themeKindOf(background, forcedColors());
}

/** Creates the MailboxPort over `Office.context.mailbox` for the read-mode pane. */
export function createOfficeMailbox(): MailboxPort {
  const mailbox = Office.context.mailbox;

  return {
    async getSelectedItem(): Promise<SelectedItem | null> {
      const item = mailbox.item as Office.MessageRead | null | undefined;
      if (
        item === null ||
        item === undefined ||
        String(item.itemType) !== String(Office.MailboxEnums.ItemType.Message)
      )
        return null;
      const properties = await loadCustomProperties(item);
      const trackingId: unknown = properties?.get(TRACKING_ID_PROPERTY);
      return {
        trackingId: typeof trackingId === 'string' && trackingId !== '' ? trackingId : null,
        internetMessageId: item.internetMessageId || null,
        createdAt: item.dateTimeCreated instanceof Date ? item.dateTimeCreated.toISOString() : null,
      };
    },

    onSelectedItemChanged(listener) {
      // ItemChanged needs Mailbox 1.5; an unpinnable client never changes the item under the pane.
      if (!Office.context.requirements.isSetSupported('Mailbox', '1.5')) return () => undefined;
      mailbox.addHandlerAsync(Office.EventType.ItemChanged, listener);
      return () => mailbox.removeHandlerAsync(Office.EventType.ItemChanged);
    },

    getTheme: readTheme,

    onThemeChanged(listener) {
      const onChange = () => listener(readTheme());
      const media =
        typeof window.matchMedia === 'function' ? window.matchMedia('(forced-colors: active)') : null;
      media?.addEventListener('change', onChange);
      const officeEvents = Office.context.requirements.isSetSupported('Mailbox', '1.14');
      if (officeEvents) mailbox.addHandlerAsync(Office.EventType.OfficeThemeChanged, onChange);
      return () => {
        media?.removeEventListener('change', onChange);
        if (officeEvents) mailbox.removeHandlerAsync(Office.EventType.OfficeThemeChanged);
      };
    },
  };
}
