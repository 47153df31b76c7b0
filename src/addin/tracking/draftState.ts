import { getBodyFormat } from '../office/body';
import { loadItemProperties } from '../office/customProperties';
import { isSupported } from '../office/requirements';
import { session, TRACKING_ID_PROPERTY } from './marker';

export type UnavailableReason = 'no-compose-item' | 'mailbox-1.9' | 'plain-text';

export type DraftTrackingState =
  { kind: 'unavailable'; reason: UnavailableReason } | { kind: 'off' } | { kind: 'on'; trackingId: string };

/** Returns why tracking cannot be added to `item`, or null when it can. */
export async function unavailableReason(
  item: Office.MessageCompose | null,
): Promise<UnavailableReason | null> {
  if (item === null) {
    return 'no-compose-item';
  }
  if (!isSupported('appendOnSend')) {
    return 'mailbox-1.9';
  }
  return (await getBodyFormat(item)) === 'html' ? null : 'plain-text';
}

/**
 * Reads whether the draft is tracked, from this session or the draft's custom properties.
 * NOTE: Office.js cannot read back what appendOnSendAsync queued, so a draft closed and reopened
 * reads as tracked from its custom property even if Outlook dropped the queued pixel.
 */
export async function readDraftState(item: Office.MessageCompose | null): Promise<DraftTrackingState> {
  const reason = await unavailableReason(item);
  if (reason !== null || item === null) {
    return { kind: 'unavailable', reason: reason ?? 'no-compose-item' };
  }
  const trackingId = session.trackingIdOf(item) ?? (await loadItemProperties(item)).get(TRACKING_ID_PROPERTY);
  return trackingId === undefined ? { kind: 'off' } : { kind: 'on', trackingId };
}
