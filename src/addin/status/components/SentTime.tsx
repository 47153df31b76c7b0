import type { TrackedMessage } from '../../../shared/api';
import { statusStrings as text } from '../../strings/status';
import { hasBeenDelivered } from '../model/badges';
import { formatExact } from '../model/time';
import { RelativeTime } from './RelativeTime';

/** Returns the sent line of a message as plain text, for accessible labels. */
export function sentLabel(message: TrackedMessage): string {
  if (message.sentAt !== null) return text.sentAt(formatExact(message.sentAt));
  return hasBeenDelivered(message) ? text.sentTimeUnknown : text.notSentYet;
}

/**
 * When the message was sent. A message the pane has not linked to its sent copy reads "Sent"
 * once its pixel or a receipt shows it went out, and "Not sent yet" before.
 */
export function SentTime({ message }: { message: TrackedMessage }) {
  if (message.sentAt !== null) return <RelativeTime iso={message.sentAt} prefix={text.sentAt} />;
  return <>{sentLabel(message)}</>;
}
