import { errorCodeOf } from '../addinError';
import { createLogger } from '../logger';
import { getComposeItem } from '../office/item';
import { showNotification } from '../office/notifications';
import { strings } from '../strings';
import type { TrackingDependencies } from '../tracking/dependencies';
import { startTracking } from '../tracking/startTracking';
import { outcomeNotification } from './outcomeNotification';

const log = createLogger('command');

/** Notification key of the command's messages, so each replaces the previous one. */
export const NOTIFICATION_KEY = 'readmark-tracking';

/** The part of Office's command event the handler uses. */
export interface CommandEvent {
  completed(): void;
}

/**
 * Creates the handler of the "Track this email" button. It reports every outcome in the draft's
 * notification bar and calls `event.completed()` on every path, including unexpected errors.
 */
export function createTrackThisEmail(
  dependencies: TrackingDependencies,
): (event: CommandEvent) => Promise<void> {
  return async (event) => {
    try {
      const item = getComposeItem();
      if (item === null) {
        // Outlook shows the button only in compose, so there is no draft to tell.
        log.warn('command ran without a message in compose mode');
        return;
      }
      await notify(item, 'progress', strings.compose.notifications.adding);
      const outcome = await startTracking(item, dependencies);
      const notification = outcomeNotification(outcome);
      await notify(item, notification.kind, notification.message);
    } catch (error) {
      log.error('command failed unexpectedly', { code: errorCodeOf(error) });
    } finally {
      event.completed();
    }
  };
}

async function notify(
  item: Office.MessageCompose,
  kind: 'progress' | 'information' | 'error',
  message: string,
): Promise<void> {
  try {
    await showNotification(item, NOTIFICATION_KEY, kind, message);
  } catch (error) {
    log.warn('notification not shown', { code: errorCodeOf(error) });
  }
}
