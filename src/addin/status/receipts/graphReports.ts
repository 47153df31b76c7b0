import type { SingleValueExtendedProperty } from '../../../receipts';
import { customPropertiesId, readTrackingId } from '../adapters/graphSentItems';

/** MAPI `PR_MESSAGE_CLASS`, as Graph names it in extended-property filters and expansions. */
export const MESSAGE_CLASS_PROPERTY = 'String 0x001A';
/** Prefix of every report class; Graph's `startswith` is case-sensitive, so the code checks again. */
const REPORT_CLASS_PREFIX = 'REPORT.IPM.Note.';
const PAGE_SIZE = 50;
/** Stops a runaway `@odata.nextLink` chain; the next check continues from the last one it finished. */
const MAX_PAGES = 20;
const REQUEST_TIMEOUT_MS = 15_000;

/** A report message in the user's mailbox, as Graph lists it. */
export interface ReportMessage {
  /** Graph's REST id, for `/me/messages/{id}/$value`. */
  id: string;
  internetMessageId: string | null;
  receivedDateTime: string;
  singleValueExtendedProperties: SingleValueExtendedProperty[];
}

/** The Sent Items copy of a message, as far as the read-receipt check and matching need it. */
export interface SentCopy {
  internetMessageId: string;
  isReadReceiptRequested: boolean;
  sentAt: string | null;
  /** The tracking id the add-in stored on the message, or null when it was not tracked. */
  trackingId: string | null;
}

export type GraphReadErrorCode = 'graph-unreachable' | 'graph-sign-in-required' | 'graph-failed';

/** A failed Microsoft Graph request; `code` is stable, the message names the request and status. */
export class GraphReadError extends Error {
  override readonly name = 'GraphReadError';

  constructor(
    readonly code: GraphReadErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The Microsoft Graph reads the receipt collector makes (delegated `Mail.Read`). */
export interface ReportMailbox {
  /** Report messages received at or after `since`, oldest first. */
  listReportMessages(since: Date): Promise<ReportMessage[]>;
  /** The raw MIME source of one message (`/$value`). */
  fetchMime(messageId: string): Promise<string>;
  /** The Sent Items copy with this Internet Message-ID, or null while there is none. */
  findSentCopy(internetMessageId: string): Promise<SentCopy | null>;
}

export interface GraphReportOptions {
  /** `https://graph.microsoft.com/v1.0` in production, the simulator's stand-in in development. */
  graphBaseUrl: string;
  /** A Graph access token with `Mail.Read`; its errors pass through unchanged. */
  getToken: () => Promise<string>;
  /**
   * The manifest's `<Id>`, which names the add-in's custom properties on a message. Without it,
   * Sent Items copies are read without their tracking id.
   */
  addInId?: string;
  fetch?: typeof fetch;
}

interface GraphSentCopy {
  isReadReceiptRequested?: unknown;
  sentDateTime?: unknown;
  singleValueExtendedProperties?: Array<{ id: string; value: string }>;
}

interface GraphList<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/** Creates the ReportMailbox over Graph's REST API. Every failure is a GraphReadError. */
export function createGraphReportMailbox(options: GraphReportOptions): ReportMailbox {
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.graphBaseUrl.replace(/\/+$/, '');

  async function get(url: string, what: string): Promise<Response> {
    const token = await options.getToken();
    let response: Response;
    try {
      response = await fetchFn(url, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new GraphReadError(
        'graph-unreachable',
        `The Microsoft Graph ${what} request failed before a response. Check the network and try again.`,
        {
          cause: error,
        },
      );
    }
    if (response.ok) return response;

    const code = response.status === 401 ? 'graph-sign-in-required' : 'graph-failed';
    const next = code === 'graph-sign-in-required' ? 'Sign in again' : 'Try again later';
    throw new GraphReadError(
      code,
      `The Microsoft Graph ${what} request failed with HTTP ${response.status}. ${next}.`,
    );
  }

  async function getJson<T>(url: string, what: string): Promise<T> {
    const response = await get(url, what);
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw new GraphReadError(
        'graph-failed',
        `The Microsoft Graph ${what} response is not JSON. Try again later.`,
        {
          cause: error,
        },
      );
    }
  }

  return {
    async listReportMessages(since) {
      const query = new URLSearchParams({
        $filter:
          `receivedDateTime ge ${since.toISOString()} and singleValueExtendedProperties/any(ep: ` +
          `ep/id eq '${MESSAGE_CLASS_PROPERTY}' and startswith(ep/value, '${REPORT_CLASS_PREFIX}'))`,
        $expand: `singleValueExtendedProperties($filter=id eq '${MESSAGE_CLASS_PROPERTY}')`,
        $select: 'id,internetMessageId,receivedDateTime',
        $top: String(PAGE_SIZE),
      });
      const messages: ReportMessage[] = [];
      let next: string | undefined = `${base}/me/messages?${query.toString()}`;
      for (let page = 0; next !== undefined && page < MAX_PAGES; page += 1) {
        const list: GraphList<Partial<ReportMessage>> = await getJson(next, 'report messages');
        messages.push(...(list.value ?? []).flatMap(toReportMessage));
        next = list['@odata.nextLink'];
      }
      return messages.sort((left, right) => left.receivedDateTime.localeCompare(right.receivedDateTime));
    },

    async fetchMime(messageId) {
      const response = await get(`${base}/me/messages/${encodeURIComponent(messageId)}/$value`, 'MIME');
      return response.text();
    },

    async findSentCopy(internetMessageId) {
      const query = new URLSearchParams({
        $filter: `internetMessageId eq '${internetMessageId.replace(/'/g, "''")}'`,
        $select: 'internetMessageId,isReadReceiptRequested,sentDateTime',
        $top: '1',
      });
      if (options.addInId) {
        query.set(
          '$expand',
          `singleValueExtendedProperties($filter=id eq '${customPropertiesId(options.addInId)}')`,
        );
      }
      const list: GraphList<GraphSentCopy> = await getJson(
        `${base}/me/mailFolders('sentitems')/messages?${query.toString()}`,
        'Sent Items',
      );
      const copy = list.value?.[0];
      if (copy === undefined || typeof copy.isReadReceiptRequested !== 'boolean') return null;
      return {
        internetMessageId,
        isReadReceiptRequested: copy.isReadReceiptRequested,
        sentAt: typeof copy.sentDateTime === 'string' ? copy.sentDateTime : null,
        trackingId: readTrackingId(copy),
      };
    },
  };
}

function toReportMessage(message: Partial<ReportMessage>): ReportMessage[] {
  if (typeof message.id !== 'string' || typeof message.receivedDateTime !== 'string') return [];
  return [
    {
      id: message.id,
      internetMessageId: message.internetMessageId ?? null,
      receivedDateTime: message.receivedDateTime,
      singleValueExtendedProperties: message.singleValueExtendedProperties ?? [],
    },
  ];
}
