import { TRACKING_ID_PROPERTY } from '../../tracking/marker';
import { PaneError, type GraphPort, type SentItem, type SentItemsReachBack } from '../ports';
import { asPaneCall } from './paneErrors';

/** Office stores an add-in's custom properties as one JSON string in this MAPI property set. */
const CUSTOM_PROPERTIES_SET = '{00020329-0000-0000-C000-000000000046}';

/** Returns the Graph id of the extended property that contains the custom properties of the add-in `addInId`. */
export function customPropertiesId(addInId: string): string {
  return `String ${CUSTOM_PROPERTIES_SET} Name cecp-${addInId}`;
}
const REQUEST_TIMEOUT_MS = 15_000;

interface GraphRecipient {
  emailAddress?: { address?: string };
}

interface GraphSentMessage {
  internetMessageId?: string | null;
  sentDateTime?: string | null;
  subject?: string | null;
  toRecipients?: GraphRecipient[];
  ccRecipients?: GraphRecipient[];
  bccRecipients?: GraphRecipient[];
  singleValueExtendedProperties?: Array<{ id: string; value: string }>;
}

/** Returns the tracking id in a message's expanded custom properties, or null when it has none. */
export function readTrackingId(
  message: Pick<GraphSentMessage, 'singleValueExtendedProperties'>,
): string | null {
  const blob = message.singleValueExtendedProperties?.[0]?.value;
  if (blob === undefined) return null;
  try {
    const properties = JSON.parse(blob) as Record<string, unknown>;
    const trackingId = properties[TRACKING_ID_PROPERTY];
    return typeof trackingId === 'string' && trackingId !== '' ? trackingId : null;
  } catch {
    return null;
  }
}

function toSentItem(message: GraphSentMessage): SentItem | null {
  if (!message.internetMessageId || !message.sentDateTime) return null;
  const recipientCount =
    (message.toRecipients?.length ?? 0) +
    (message.ccRecipients?.length ?? 0) +
    (message.bccRecipients?.length ?? 0);
  return {
    internetMessageId: message.internetMessageId,
    sentAt: message.sentDateTime,
    subject: message.subject ?? null,
    recipientCount,
    trackingId: readTrackingId(message),
  };
}

/**
 * Creates the GraphPort: Sent Items through Microsoft Graph (`Mail.Read`, because extended properties are not part of
 * `Mail.ReadBasic`). `graphBaseUrl` is `https://graph.microsoft.com/v1.0` in production and the
 * simulator's stand-in in development; `addInId` is the manifest's `<Id>`, which names the
 * add-in's custom-properties property (`cecp-<id>`). `getAccessToken` returns a Graph
 * `Mail.Read` token without opening a window.
 */
export function createGraphSentItems(
  graphBaseUrl: string,
  addInId: string,
  getAccessToken: () => Promise<string>,
): GraphPort {
  /** Reads one page of Sent Items; rejects with a PaneError. */
  async function readPage(url: string): Promise<{ items: GraphSentMessage[]; nextLink: string | null }> {
    const token = await asPaneCall(getAccessToken);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new PaneError(
        'server-unreachable',
        `Microsoft Graph Sent Items request failed: ${String(error)}`,
      );
    }
    if (response.status === 401)
      throw new PaneError('sign-in-required', 'Microsoft Graph returned 401 for Sent Items; sign in again');
    if (!response.ok)
      throw new PaneError('server-error', `Microsoft Graph returned ${response.status} for Sent Items`);

    const body = (await response.json()) as { value?: GraphSentMessage[]; '@odata.nextLink'?: unknown };
    const nextLink = body['@odata.nextLink'];
    return { items: body.value ?? [], nextLink: typeof nextLink === 'string' ? nextLink : null };
  }

  return {
    async listSentItems(limit, reachBack) {
      const propertyId = customPropertiesId(addInId);
      const query = new URLSearchParams({
        $select: 'internetMessageId,sentDateTime,subject,toRecipients,ccRecipients,bccRecipients',
        $orderby: 'sentDateTime desc',
        $top: String(limit),
        $expand: `singleValueExtendedProperties($filter=id eq '${propertyId}')`,
      });
      const graphOrigin = new URL(graphBaseUrl).origin;
      const messages: GraphSentMessage[] = [];
      let url: string | null = `${graphBaseUrl}/me/mailFolders('sentitems')/messages?${query.toString()}`;
      while (url !== null) {
        const page = await readPage(url);
        messages.push(...page.items);
        const next =
          reachBack !== undefined && page.nextLink !== null && wantsMore(page, messages.length, reachBack)
            ? new URL(page.nextLink, graphBaseUrl)
            : null;
        // The token goes wherever the next link points, so it must stay on Graph's origin.
        url = next !== null && next.origin === graphOrigin ? next.href : null;
      }
      return messages.map(toSentItem).filter((item): item is SentItem => item !== null);
    },
  };
}

/** Returns true when the pages read so far end after `sentSince` and hold fewer than `maxItems`. */
function wantsMore(
  page: { items: GraphSentMessage[] },
  itemsRead: number,
  { sentSince, maxItems }: SentItemsReachBack,
): boolean {
  const oldest = page.items[page.items.length - 1]?.sentDateTime;
  if (itemsRead >= maxItems || oldest === undefined || oldest === null) return false;
  return Date.parse(oldest) >= Date.parse(sentSince);
}
