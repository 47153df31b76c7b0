import type {
  ReceiptKind,
  RecordReadReceiptRequest,
  RecordReadReceiptResponse,
  TrackedMessage,
  UpdateTrackedMessageRequest,
} from '../../../shared/api';
import {
  classifyExtendedProperties,
  normalizeMessageId,
  parseMdn,
  type ParsedReceipt,
} from '../../../receipts';
import type { Logger } from '../../logger';
import { loadCollectorState, saveCollectorState, type KeyValueStore } from './collectorState';
import type { ReportMailbox, ReportMessage } from './graphReports';

/** The Readmark API calls the collector makes (a subset of the shared client). */
export interface ReceiptServer {
  findByInternetMessageId(internetMessageId: string): Promise<TrackedMessage | null>;
  recordReadReceipt(id: string, receipt: RecordReadReceiptRequest): Promise<RecordReadReceiptResponse>;
  /** Links a tracked message to its sent copy (`internetMessageId` and `sentAt`). */
  updateTrackedMessage(id: string, request: UpdateTrackedMessageRequest): Promise<TrackedMessage>;
}

export interface ReceiptCollectorOptions {
  mailbox: ReportMailbox;
  server: ReceiptServer;
  storage: KeyValueStore;
  now: () => Date;
  logger: Logger;
  /** How far back the first check looks. Default 30 days. */
  firstLookbackMs?: number;
  /**
   * How far before the last check each check starts again, for report messages that Graph lists
   * late. Already handled ones are skipped by id. Default 15 minutes.
   */
  overlapMs?: number;
}

export interface CollectionResult {
  /** Start of the time window that was searched (ISO 8601). */
  since: string;
  /** Receipts the server newly recorded. */
  posted: number;
  /** Receipts the server already had (posted from another device, or before a lost save). */
  repeated: number;
  /** Receipts that name no tracked message of this user. */
  unmatched: number;
  /** Report messages that are no read receipt or could not be parsed. */
  skipped: number;
  /** Tracking ids that got a new receipt, so the pane can refresh them. */
  updatedTrackingIds: string[];
  /** The failure that stopped the check early; the next check retries from the same point. */
  failure: Error | null;
}

export interface ReceiptCollector {
  /** Runs one check. Never rejects; a check already running is joined, not started twice. */
  collect(): Promise<CollectionResult>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_FIRST_LOOKBACK_MS = 30 * DAY_MS;
const DEFAULT_OVERLAP_MS = 15 * 60 * 1000;

/**
 * Creates the collector that finds read receipts in the user's mailbox through Microsoft Graph,
 * matches each to a tracked message and posts it to the Readmark server. It remembers its last
 * check and the report messages it handled in `storage`, so a receipt is posted once.
 */
export function createReceiptCollector(options: ReceiptCollectorOptions): ReceiptCollector {
  const firstLookbackMs = options.firstLookbackMs ?? DEFAULT_FIRST_LOOKBACK_MS;
  const overlapMs = options.overlapMs ?? DEFAULT_OVERLAP_MS;
  let running: Promise<CollectionResult> | null = null;

  async function run(): Promise<CollectionResult> {
    const startedAt = options.now();
    const state = loadCollectorState(options.storage);
    const since =
      state.lastCheckAt === null
        ? new Date(startedAt.getTime() - firstLookbackMs)
        : new Date(Date.parse(state.lastCheckAt) - overlapMs);
    const result: CollectionResult = {
      since: since.toISOString(),
      posted: 0,
      repeated: 0,
      unmatched: 0,
      skipped: 0,
      updatedTrackingIds: [],
      failure: null,
    };
    const handled = new Set(state.handled);
    const lookups = new Map<string, Promise<TrackedMessage | null>>();
    const findTracked = (messageId: string): Promise<TrackedMessage | null> => {
      let lookup = lookups.get(messageId);
      if (lookup === undefined) {
        lookup = findOrLink(messageId, options);
        lookups.set(messageId, lookup);
      }
      return lookup;
    };

    try {
      const reports = await options.mailbox.listReportMessages(since);
      for (const report of reports) {
        if (handled.has(report.id)) continue;
        const outcome = await handleReport(report, options, findTracked);
        result[outcome.counter] += 1;
        if (outcome.counter === 'posted') result.updatedTrackingIds.push(outcome.trackingId);
        handled.add(report.id);
        state.handled.push(report.id);
        // Saved after each receipt, so a pane closed mid-check never posts it again.
        saveCollectorState(options.storage, state);
      }
      state.lastCheckAt = startedAt.toISOString();
    } catch (error) {
      result.failure = error instanceof Error ? error : new Error(String(error));
      options.logger.warn('receipt check stopped early', {
        error: result.failure.name,
        code: (result.failure as { code?: unknown }).code as string | undefined,
      });
    }
    saveCollectorState(options.storage, state);
    options.logger.debug('receipt check done', {
      posted: result.posted,
      repeated: result.repeated,
      unmatched: result.unmatched,
      skipped: result.skipped,
    });
    return result;
  }

  return {
    collect() {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

/**
 * Finds the tracked message with this Internet Message-ID. The server learns a message's id only
 * when a pane links it to its sent copy, and a receipt can arrive before any pane did. So when the
 * server does not know the id, the Sent Items copy is read. If it carries a tracking id, the
 * tracked message is linked here and then matched.
 */
async function findOrLink(
  messageId: string,
  options: ReceiptCollectorOptions,
): Promise<TrackedMessage | null> {
  const known = await options.server.findByInternetMessageId(messageId);
  if (known !== null) return known;
  const copy = await options.mailbox.findSentCopy(messageId);
  if (copy?.trackingId == null) return null;
  const link = copy.sentAt === null ? {} : { sentAt: copy.sentAt };
  try {
    return await options.server.updateTrackedMessage(copy.trackingId, {
      internetMessageId: copy.internetMessageId,
      ...link,
    });
  } catch (error) {
    // The tracking data was deleted, or belongs to another user: the receipt has no message here.
    if ((error as { status?: unknown }).status === 404) return null;
    throw error;
  }
}

type Outcome = { counter: 'posted'; trackingId: string } | { counter: 'repeated' | 'unmatched' | 'skipped' };

async function handleReport(
  report: ReportMessage,
  options: ReceiptCollectorOptions,
  findTracked: (messageId: string) => Promise<TrackedMessage | null>,
): Promise<Outcome> {
  const classKind = classifyExtendedProperties(report.singleValueExtendedProperties);
  if (classKind !== 'read' && classKind !== 'not-read') return { counter: 'skipped' };

  const parsed = parseMdn(await options.mailbox.fetchMime(report.id));
  if (!parsed.ok) {
    options.logger.warn('report message not parsed', { code: parsed.error.code });
    return { counter: 'skipped' };
  }
  const receipt = parsed.receipt;
  const receiptMessageId = receipt.receiptMessageId ?? report.internetMessageId;
  if (receiptMessageId === null) {
    options.logger.warn('read receipt without a message id skipped');
    return { counter: 'skipped' };
  }

  const tracked = await matchTracked(receipt, findTracked);
  if (tracked === null) return { counter: 'unmatched' };

  const kind = receiptKind(receipt, classKind);
  const answer = await options.server.recordReadReceipt(tracked.id, {
    receiptMessageId,
    finalRecipient: receipt.finalRecipient ?? receipt.originalRecipient,
    kind,
    dispositionType: receipt.disposition?.type ?? CLASS_DISPOSITION[classKind],
    at: receipt.date ?? report.receivedDateTime,
  });
  return answer.recorded ? { counter: 'posted', trackingId: tracked.id } : { counter: 'repeated' };
}

/** What the MAPI class says happened, for receipts whose disposition part cannot be read. */
const CLASS_DISPOSITION: Record<'read' | 'not-read', string> = { read: 'displayed', 'not-read': 'deleted' };

/**
 * The disposition decides when the MIME has one. An Outlook TNEF receipt, or one that Exchange
 * rendered without a disposition part, is classed by its MAPI class instead.
 */
function receiptKind(receipt: ParsedReceipt, classKind: 'read' | 'not-read'): ReceiptKind {
  if (receipt.outlookTnef === true || receipt.kind === 'not-a-receipt') return classKind;
  return receipt.kind;
}

/**
 * Finds the tracked message by `Original-Message-ID`, then `In-Reply-To`, then `References` from
 * the last to the first, as `matchReceipt` in src/receipts does. The server compares ids exactly,
 * so each is sent as the receipt wrote it; the subject is never used.
 */
async function matchTracked(
  receipt: ParsedReceipt,
  findTracked: (messageId: string) => Promise<TrackedMessage | null>,
): Promise<TrackedMessage | null> {
  const candidates = [receipt.originalMessageId, receipt.inReplyTo, ...[...receipt.references].reverse()];
  const tried = new Set<string>();
  for (const candidate of candidates) {
    const normalized = normalizeMessageId(candidate);
    if (candidate === null || normalized === null || tried.has(normalized)) continue;
    tried.add(normalized);
    const tracked = await findTracked(`<${candidate.replace(/[<>\s]/g, '')}>`);
    if (tracked !== null) return tracked;
  }
  return null;
}
