/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { TrackedMessage } from '../../../src/shared/api';
import type { ReceiptCollection, ReceiptPort } from '../../../src/addin/status/ports';
import { statusStrings } from '../../../src/addin/strings/status';
import { harness, makeDetail, makeMessage, page, renderPane, type PaneHarness } from './fakes';

function collection(updatedTrackingIds: string[], failed = false): ReceiptCollection {
  return { updatedTrackingIds, failed };
}

/** A promise with its resolve function, for a search the test finishes when it chooses. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function selectTracked(h: PaneHarness, message: TrackedMessage): void {
  h.mailbox.selected = {
    trackingId: message.id,
    customPropertiesLoaded: true,
    internetMessageId: message.internetMessageId,
    createdAt: null,
  };
}

function withReceipts(h: PaneHarness) {
  const receipts = {
    collect: jest.fn<ReturnType<ReceiptPort['collect']>, []>().mockResolvedValue(collection([])),
    verifyRequests: jest
      .fn<ReturnType<ReceiptPort['verifyRequests']>, [readonly TrackedMessage[]]>()
      .mockResolvedValue([]),
  };
  h.ports.receipts = receipts;
  return receipts;
}

describe('read receipts in the pane', () => {
  it('collects receipts on opening and reloads the list when one was posted', async () => {
    const h = harness();
    const receipts = withReceipts(h);
    const before = makeMessage({ id: 'track-1', subject: 'Figures' });
    const after = { ...before, receipts: { read: 1, notRead: 0, other: 0 } };
    h.api.list.mockResolvedValueOnce(page([before])).mockResolvedValue(page([after]));
    receipts.collect.mockResolvedValue(collection(['track-1']));

    renderPane(h);

    expect(await screen.findByText(statusStrings.badgeReceipts(1, 0, 2))).toBeInTheDocument();
    expect(receipts.collect).toHaveBeenCalledTimes(1);
  });

  it('states a read-receipt request only after the sent copy confirmed it', async () => {
    const h = harness();
    const receipts = withReceipts(h);
    const message = makeMessage({ id: 'track-2', readReceiptRequested: null });
    h.mailbox.selected = {
      trackingId: 'track-2',
      customPropertiesLoaded: true,
      internetMessageId: message.internetMessageId,
      createdAt: null,
    };
    h.api.get.mockResolvedValue(makeDetail(message));
    receipts.verifyRequests.mockResolvedValue([{ ...message, readReceiptRequested: true }]);

    renderPane(h);

    expect(await screen.findByText(statusStrings.receiptRequestedYes)).toBeInTheDocument();
    expect(receipts.verifyRequests).toHaveBeenCalledWith([expect.objectContaining({ id: 'track-2' })]);
  });

  it('keeps the request unchecked while the sent copy is missing', async () => {
    const h = harness();
    const receipts = withReceipts(h);
    const message = makeMessage({ id: 'track-3', readReceiptRequested: null });
    h.mailbox.selected = {
      trackingId: 'track-3',
      customPropertiesLoaded: true,
      internetMessageId: message.internetMessageId,
      createdAt: null,
    };
    h.api.get.mockResolvedValue(makeDetail(message));

    renderPane(h);

    await waitFor(() => expect(receipts.verifyRequests).toHaveBeenCalled());
    expect(screen.getByText(statusStrings.receiptRequestedUnknown)).toBeInTheDocument();
  });

  it('works without a receipt port', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page([makeMessage({ id: 'track-4', subject: 'Plain' })]));

    renderPane(h);

    expect(await screen.findByText('Plain')).toBeInTheDocument();
  });

  it('shows checking until first search ends', async () => {
    const h = harness();
    const receipts = withReceipts(h);
    const message = makeMessage({ id: 'track-5', readReceiptRequested: true });
    const receipt = {
      receiptMessageId: 'mdn-5',
      finalRecipient: 'blair@example.test',
      kind: 'read' as const,
      dispositionType: 'displayed',
      at: message.sentAt ?? message.createdAt,
    };
    selectTracked(h, message);
    h.api.get
      .mockResolvedValueOnce(makeDetail(message))
      .mockResolvedValue(makeDetail(message, { receiptList: [receipt] }));
    const search = deferred<ReceiptCollection>();
    receipts.collect.mockReturnValue(search.promise);

    renderPane(h);

    expect(await screen.findByText(statusStrings.receiptsChecking)).toBeInTheDocument();
    expect(screen.queryByText(statusStrings.receiptsNone)).not.toBeInTheDocument();

    search.resolve(collection(['track-5']));

    expect(await screen.findByText('blair@example.test')).toBeInTheDocument();
    expect(screen.queryByText(statusStrings.receiptsChecking)).not.toBeInTheDocument();
    expect(screen.queryByText(statusStrings.receiptsNone)).not.toBeInTheDocument();
  });

  it('shows no receipt after empty search', async () => {
    const h = harness();
    withReceipts(h);
    const message = makeMessage({ id: 'track-6', readReceiptRequested: true });
    selectTracked(h, message);
    h.api.get.mockResolvedValue(makeDetail(message));

    renderPane(h);

    expect(await screen.findByText(statusStrings.receiptsNone)).toBeInTheDocument();
    expect(screen.queryByText(statusStrings.receiptsChecking)).not.toBeInTheDocument();
  });

  it('reports failed search, then retries', async () => {
    const h = harness();
    const receipts = withReceipts(h);
    const message = makeMessage({ id: 'track-7', readReceiptRequested: true });
    selectTracked(h, message);
    h.api.get.mockResolvedValue(makeDetail(message));
    receipts.collect.mockResolvedValueOnce(collection([], true)).mockResolvedValue(collection([]));

    renderPane(h);

    expect(await screen.findByText(statusStrings.receiptsCheckFailed)).toBeInTheDocument();
    expect(screen.queryByText(statusStrings.receiptsNone)).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: statusStrings.tryAgain }));

    expect(await screen.findByText(statusStrings.receiptsNone)).toBeInTheDocument();
    expect(receipts.collect).toHaveBeenCalledTimes(2);
  });

  it('shows request check running, then failed', async () => {
    const h = harness();
    const receipts = withReceipts(h);
    const message = makeMessage({ id: 'track-8', readReceiptRequested: null });
    selectTracked(h, message);
    h.api.get.mockResolvedValue(makeDetail(message));
    const check = deferred<TrackedMessage[]>();
    receipts.verifyRequests.mockReturnValue(check.promise.then(() => Promise.reject(new Error('Graph 503'))));

    renderPane(h);

    expect(await screen.findByText(statusStrings.receiptRequestChecking)).toBeInTheDocument();
    expect(screen.queryByText(statusStrings.receiptRequestedUnknown)).not.toBeInTheDocument();

    check.resolve([]);

    expect(await screen.findByText(statusStrings.receiptRequestCheckFailed)).toBeInTheDocument();
  });

  it('states mailbox unsearched without port', async () => {
    const h = harness();
    const message = makeMessage({ id: 'track-9' });
    selectTracked(h, message);
    h.api.get.mockResolvedValue(makeDetail(message));

    renderPane(h);

    expect(await screen.findByText(statusStrings.receiptsNoneUnsearched)).toBeInTheDocument();
  });
});
