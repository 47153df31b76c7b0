import type { Logger } from '../../logger';
import { loadItemProperties } from '../../office/customProperties';
import {
  offItemChanged,
  offOfficeThemeChanged,
  onItemChanged,
  onOfficeThemeChanged,
} from '../../office/events';
import { getReadItem } from '../../office/item';
import { isSupported } from '../../office/requirements';
import { getOfficeBodyBackground } from '../../office/theme';
import { TRACKING_ID_PROPERTY } from '../../tracking/marker';
import type { MailboxPort, SelectedItem, ThemeKind } from '../ports';
import { themeKindOf } from '../theme';

function forcedColors(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(forced-colors: active)').matches;
}

function readTheme(): ThemeKind {
  // Older clients have no officeTheme: light, unless the system's forced colours are on.
  const background = isSupported('officeTheme') ? getOfficeBodyBackground() : undefined;
  return themeKindOf(background, forcedColors());
}

/** Reads the tracking id, or returns undefined when the custom properties cannot be loaded. */
async function readTrackingId(item: Office.MessageRead, log: Logger): Promise<string | null | undefined> {
  try {
    const trackingId = (await loadItemProperties(item)).get(TRACKING_ID_PROPERTY);
    return trackingId !== undefined && trackingId !== '' ? trackingId : null;
  } catch (error) {
    // The Internet Message-ID lookup still finds the message.
    log.warn('Loading the custom properties of the selected item failed', { error: String(error) });
    return undefined;
  }
}

/** Creates the MailboxPort over the add-in's Office wrappers for the read-mode pane. */
export function createOfficeMailbox(log: Logger): MailboxPort {
  const subscribe = (what: string, add: () => Promise<void>) =>
    add().catch((error: unknown) => log.warn(`Subscribing to ${what} failed`, { error: String(error) }));
  const unsubscribe = (what: string, remove: () => Promise<void>) =>
    remove().catch((error: unknown) =>
      log.warn(`Unsubscribing from ${what} failed`, { error: String(error) }),
    );

  return {
    async getSelectedItem(): Promise<SelectedItem | null> {
      const item = getReadItem();
      if (item === null) return null;
      const trackingId = await readTrackingId(item, log);
      return {
        trackingId: trackingId ?? null,
        customPropertiesLoaded: trackingId !== undefined,
        internetMessageId: item.internetMessageId || null,
        createdAt: item.dateTimeCreated instanceof Date ? item.dateTimeCreated.toISOString() : null,
      };
    },

    onSelectedItemChanged(listener) {
      // An Outlook without ItemChanged cannot pin the pane, so the item never changes under it.
      if (!isSupported('itemChanged')) return () => undefined;
      void subscribe('ItemChanged', () => onItemChanged(listener));
      return () => void unsubscribe('ItemChanged', offItemChanged);
    },

    getTheme: readTheme,

    onThemeChanged(listener) {
      const onChange = () => listener(readTheme());
      const media =
        typeof window.matchMedia === 'function' ? window.matchMedia('(forced-colors: active)') : null;
      media?.addEventListener('change', onChange);
      const officeEvents = isSupported('officeTheme');
      if (officeEvents) void subscribe('OfficeThemeChanged', () => onOfficeThemeChanged(onChange));
      return () => {
        media?.removeEventListener('change', onChange);
        if (officeEvents) void unsubscribe('OfficeThemeChanged', offOfficeThemeChanged);
      };
    },
  };
}
