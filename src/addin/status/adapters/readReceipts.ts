import type { TrackedMessage } from '../../../shared/api';
import type { Logger } from '../../logger';
import type { ReceiptPort } from '../ports';
import { createReceiptCollector, type ReceiptServer } from '../receipts/collectReceipts';
import type { KeyValueStore } from '../receipts/collectorState';
import { createGraphReportMailbox } from '../receipts/graphReports';
import { verifyReceiptRequests, type VerificationServer } from '../receipts/verifyReceiptRequests';

export interface ReceiptPortOptions {
  graphBaseUrl: string;
  /** The manifest's `<Id>`, so that a receipt for a message not yet linked can still be matched. */
  addInId: string;
  /** A Graph token with `Mail.Read`, without user interaction. */
  getGraphToken: () => Promise<string>;
  api: ReceiptServer & VerificationServer;
  /** The pane's `localStorage`, where the collector keeps its last check. */
  storage: KeyValueStore;
  logger: Logger;
  now?: () => Date;
}

/** Creates the ReceiptPort from the Graph report mailbox, the collector and the request check. */
export function createReceiptPort(options: ReceiptPortOptions): ReceiptPort {
  const mailbox = createGraphReportMailbox({
    graphBaseUrl: options.graphBaseUrl,
    getToken: options.getGraphToken,
    addInId: options.addInId,
  });
  const collector = createReceiptCollector({
    mailbox,
    server: options.api,
    storage: options.storage,
    now: options.now ?? (() => new Date()),
    logger: options.logger,
  });
  return {
    collect: async () => {
      const result = await collector.collect();
      return { updatedTrackingIds: result.updatedTrackingIds, failed: result.failure !== null };
    },
    verifyRequests: (messages: readonly TrackedMessage[]) =>
      verifyReceiptRequests(messages, mailbox, options.api),
  };
}
