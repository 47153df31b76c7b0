import type { CreateTrackedMessageResponse, TrackingPolicy } from '../../shared/api';
import { errorCodeOf } from '../addinError';
import { createLogger } from '../logger';
import { appendOnSend } from '../office/body';
import { loadItemProperties, type ItemProperties } from '../office/customProperties';
import { setInternetHeaders } from '../office/internetHeaders';
import { countRecipients, getMailboxAddress, getRecipientAddresses, getSubject } from '../office/item';
import { isSupported } from '../office/requirements';
import type { TrackingDependencies } from './dependencies';
import { unavailableReason, type UnavailableReason } from './draftState';
import { READ_RECEIPT_HEADER, session, TRACKING_ID_HEADER, TRACKING_ID_PROPERTY } from './marker';
import { pixelMarkup } from './pixel';
import { policyRefusal, type PolicyRefusal } from './policyCheck';

const log = createLogger('tracking');

/** Something that did not work although tracking is on. */
export type StartWarning = 'headers-failed' | 'headers-unsupported' | 'marker-not-saved';

/** The step that failed; nothing is left half-applied after any of them. */
export type StartFailedStep = 'check' | 'policy' | 'register' | 'append';

export type StartOutcome =
  | { kind: 'on'; trackingId: string; warnings: StartWarning[] }
  | { kind: 'already-on'; trackingId: string }
  | { kind: 'in-progress' }
  | { kind: 'unavailable'; reason: UnavailableReason }
  /** The tenant's policy forbids tracking this draft; nothing was added or registered. */
  | { kind: 'refused'; code: PolicyRefusal }
  | { kind: 'failed'; step: StartFailedStep; code: string; error: unknown };

/**
 * Turns tracking on for the draft: registers it with the server, queues the pixel to be appended at
 * send time, sets the receipt and id headers where Mailbox 1.8 allows, and marks the draft. Never
 * throws. A second call while one runs, or on a tracked draft, changes nothing.
 */
export async function startTracking(
  item: Office.MessageCompose,
  dependencies: TrackingDependencies,
): Promise<StartOutcome> {
  if (!session.tryBegin()) {
    return { kind: 'in-progress' };
  }
  try {
    return await start(item, dependencies);
  } finally {
    session.end();
  }
}

async function start(item: Office.MessageCompose, dependencies: TrackingDependencies): Promise<StartOutcome> {
  let properties: ItemProperties;
  try {
    const reason = await unavailableReason(item);
    if (reason !== null) {
      return { kind: 'unavailable', reason };
    }
    properties = await loadItemProperties(item);
  } catch (error) {
    return failed('check', error);
  }
  const existingId = session.trackingIdOf(item) ?? properties.get(TRACKING_ID_PROPERTY);
  if (existingId !== undefined) {
    return { kind: 'already-on', trackingId: existingId };
  }

  let policy: TrackingPolicy;
  let recipients: string[] = [];
  try {
    policy = await dependencies.api.getPolicy();
    // Recipients are read only when the policy has domain rules; without them a client that cannot
    // list recipients can still track.
    if (
      policy.trackingEnabled &&
      (policy.internalDomains.length > 0 || policy.neverTrackDomains.length > 0)
    ) {
      recipients = await getRecipientAddresses(item);
    }
  } catch (error) {
    return failed('policy', error);
  }
  const refusal = policyRefusal(policy, recipients);
  if (refusal !== null) {
    log.info('tracking refused by tenant policy', { code: refusal });
    return { kind: 'refused', code: refusal };
  }

  let registration: CreateTrackedMessageResponse;
  try {
    registration = await dependencies.api.createTrackedMessage({
      clientRequestId: session.clientRequestIdOf(item, dependencies.newClientRequestId),
      subject: await optional(getSubject(item)),
      recipientCount: await optional(countRecipients(item)),
    });
  } catch (error) {
    return failed('register', error);
  }

  try {
    await appendOnSend(item, pixelMarkup(registration.pixelUrl, policy.notice));
  } catch (error) {
    await discardRegistration(registration.id, dependencies);
    return failed('append', error);
  }
  session.markTracked(item, registration.id);

  const warnings: StartWarning[] = [];
  const headerWarning = await setTrackingHeaders(item, registration.id);
  if (headerWarning !== null) {
    warnings.push(headerWarning);
  }
  try {
    properties.set(TRACKING_ID_PROPERTY, registration.id);
    await properties.save();
  } catch (error) {
    log.warn('tracking mark not saved on the draft', { code: errorCodeOf(error) });
    warnings.push('marker-not-saved');
  }
  return { kind: 'on', trackingId: registration.id, warnings };
}

/** Sets the headers; a failure is reported, never a reason to undo the pixel. */
async function setTrackingHeaders(
  item: Office.MessageCompose,
  trackingId: string,
): Promise<StartWarning | null> {
  if (!isSupported('internetHeaders')) {
    return 'headers-unsupported';
  }
  try {
    // NOTE: Exchange Online generates Disposition-Notification-To from its own read-receipt
    // property and is expected to drop this copy; the Graph opt-in in the task pane is the
    // Exchange-native request.
    await setInternetHeaders(item, {
      [READ_RECEIPT_HEADER]: getMailboxAddress(),
      [TRACKING_ID_HEADER]: trackingId,
    });
    return null;
  } catch (error) {
    log.warn('tracking headers not set', { code: errorCodeOf(error) });
    return 'headers-failed';
  }
}

/** Deletes a registration whose pixel could not be queued, so no record exists without a pixel. */
async function discardRegistration(trackingId: string, dependencies: TrackingDependencies): Promise<void> {
  try {
    await dependencies.api.deleteTrackedMessage(trackingId);
  } catch (error) {
    // The record stays unused: it has no pixel in any message, so it never records an open.
    log.warn('registration without pixel not deleted', { code: errorCodeOf(error) });
  }
}

async function optional<T>(value: Promise<T>): Promise<T | undefined> {
  try {
    return await value;
  } catch {
    return undefined;
  }
}

function failed(step: StartFailedStep, error: unknown): StartOutcome {
  const code = errorCodeOf(error);
  log.warn('tracking not added', { step, code });
  return { kind: 'failed', step, code, error };
}
