import { errorCodeOf } from '../addinError';
import { createLogger } from '../logger';
import { appendOnSend } from '../office/body';
import { loadItemProperties } from '../office/customProperties';
import { removeInternetHeaders } from '../office/internetHeaders';
import { isSupported } from '../office/requirements';
import type { TrackingDependencies } from './dependencies';
import { READ_RECEIPT_HEADER, session, TRACKING_ID_HEADER, TRACKING_ID_PROPERTY } from './marker';

const log = createLogger('tracking');

export type StopOutcome =
  | { kind: 'off'; serverNotified: boolean }
  | { kind: 'in-progress' }
  | { kind: 'failed'; code: string; error: unknown };

/**
 * Turns tracking off for the draft: clears the pending pixel (appendOnSendAsync with null), removes
 * the headers and the mark, then stops the tracked message on the server. Never throws. When the
 * server cannot be told, tracking is still off because the pixel is gone.
 */
export async function stopTracking(
  item: Office.MessageCompose,
  dependencies: TrackingDependencies,
): Promise<StopOutcome> {
  if (!session.tryBegin()) {
    return { kind: 'in-progress' };
  }
  try {
    return await stop(item, dependencies);
  } finally {
    session.end();
  }
}

async function stop(item: Office.MessageCompose, dependencies: TrackingDependencies): Promise<StopOutcome> {
  let trackingId: string | undefined;
  try {
    const properties = await loadItemProperties(item);
    trackingId = session.trackingIdOf(item) ?? properties.get(TRACKING_ID_PROPERTY);
    if (trackingId === undefined) {
      return { kind: 'off', serverNotified: true };
    }
    await appendOnSend(item, null);
    session.forget(item);
    if (isSupported('internetHeaders')) {
      await removeInternetHeaders(item, [READ_RECEIPT_HEADER, TRACKING_ID_HEADER]).catch((error: unknown) => {
        log.warn('tracking headers not removed', { code: errorCodeOf(error) });
      });
    }
    properties.remove(TRACKING_ID_PROPERTY);
    await properties.save();
  } catch (error) {
    const code = errorCodeOf(error);
    log.warn('tracking not turned off', { code });
    return { kind: 'failed', code, error };
  }

  try {
    await dependencies.api.updateTrackedMessage(trackingId, { stopped: true });
    return { kind: 'off', serverNotified: true };
  } catch (error) {
    log.warn('server not told that tracking stopped', { code: errorCodeOf(error) });
    return { kind: 'off', serverNotified: false };
  }
}
