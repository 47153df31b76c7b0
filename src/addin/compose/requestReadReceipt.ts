import { AddinError } from '../addinError';
import { getComposeItem, saveDraft, toRestId } from '../office/item';

export interface ReadReceiptDependencies {
  graphBaseUrl: string;
  /** Returns a Microsoft Graph token with Mail.ReadWrite (never the Readmark API token). */
  getGraphToken: () => Promise<string>;
  fetch?: typeof fetch;
}

/**
 * Saves the draft and sets `isReadReceiptRequested` on it through Microsoft Graph, the only way
 * to ask Exchange itself for a read receipt; `requested: false` withdraws the request. Throws an
 * AddinError: `graph-id-unavailable` when this Outlook cannot convert item ids (Android and iOS),
 * `graph-request-failed` with the HTTP status and Graph's error code, or the Office and sign-in
 * errors of the steps before.
 */
export async function requestReadReceipt(
  dependencies: ReadReceiptDependencies,
  requested = true,
): Promise<void> {
  const item = getComposeItem();
  if (item === null) {
    throw new AddinError('graph-id-unavailable', 'There is no message in compose mode to save.');
  }
  const ewsId = await saveDraft(item);
  if (typeof Office.context.mailbox.convertToRestId !== 'function') {
    throw new AddinError(
      'graph-id-unavailable',
      'This Outlook cannot convert the draft id for Microsoft Graph.',
    );
  }
  const messageId = toRestId(ewsId);
  const token = await dependencies.getGraphToken();
  const fetchFn = dependencies.fetch ?? ((input, init) => fetch(input, init));
  const url = `${dependencies.graphBaseUrl}/me/messages/${encodeURIComponent(messageId)}`;

  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ isReadReceiptRequested: requested }),
    });
  } catch (error) {
    throw new AddinError(
      'graph-request-failed',
      `Microsoft Graph is unreachable; the read-receipt request was not ${requested ? 'saved' : 'withdrawn'}.`,
      {
        cause: error,
      },
    );
  }
  if (!response.ok) {
    const graphCode = await graphErrorCode(response);
    throw new AddinError(
      'graph-request-failed',
      `PATCH /me/messages/{id} failed with HTTP ${response.status} (${graphCode ?? 'no Graph error code'}).`,
    );
  }
}

async function graphErrorCode(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : null;
  } catch {
    return null;
  }
}
