import { failureText, strings } from '../strings';
import type { StartOutcome } from '../tracking/startTracking';
import type { NotificationKind } from '../office/notifications';

const text = strings.compose.notifications;

/** Returns the draft notification that reports `outcome` to the person who clicked the button. */
export function outcomeNotification(outcome: StartOutcome): { kind: NotificationKind; message: string } {
  switch (outcome.kind) {
    case 'on':
      return { kind: 'information', message: onMessage(outcome.warnings) };
    case 'already-on':
      return { kind: 'information', message: text.alreadyOn };
    case 'in-progress':
      return { kind: 'information', message: text.inProgress };
    case 'unavailable':
      return {
        kind: 'error',
        message: outcome.reason === 'plain-text' ? text.plainText : text.unsupportedVersion,
      };
    case 'refused':
    case 'failed':
      return { kind: 'error', message: text.notAdded(failureText(outcome.code)) };
  }
}

function onMessage(warnings: readonly string[]): string {
  if (warnings.includes('marker-not-saved')) {
    return text.onMarkerNotSaved;
  }
  if (warnings.includes('headers-failed')) {
    return text.onWithoutHeaders;
  }
  return warnings.includes('headers-unsupported') ? text.onHeadersUnsupported : text.on;
}
