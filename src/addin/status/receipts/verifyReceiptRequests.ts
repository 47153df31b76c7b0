import type { TrackedMessage, UpdateTrackedMessageRequest } from '../../../shared/api';
import type { ReportMailbox } from './graphReports';

export interface VerificationServer {
  updateTrackedMessage(id: string, request: UpdateTrackedMessageRequest): Promise<TrackedMessage>;
}

/**
 * Checks whether each sent message really carries a read-receipt request, by reading its Sent
 * Items copy's `isReadReceiptRequested` through Graph, and stores the answer on the server
 * (`readReceiptRequested`). Only messages that are sent and not yet checked are looked at; one
 * without a Sent Items copy yet stays unchecked for the next call. Returns the updated messages;
 * a failure rejects, leaving the ones already stored.
 */
export async function verifyReceiptRequests(
  messages: readonly TrackedMessage[],
  mailbox: Pick<ReportMailbox, 'findSentCopy'>,
  server: VerificationServer,
): Promise<TrackedMessage[]> {
  const updated: TrackedMessage[] = [];
  for (const message of messages) {
    if (message.readReceiptRequested !== null || message.internetMessageId === null) continue;
    const copy = await mailbox.findSentCopy(message.internetMessageId);
    if (copy === null) continue;
    updated.push(
      await server.updateTrackedMessage(message.id, { readReceiptRequested: copy.isReadReceiptRequested }),
    );
  }
  return updated;
}
