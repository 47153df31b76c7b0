/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, waitFor } from '@testing-library/react';
import type { TrackedMessage } from '../../../src/shared/api';
import type { ReceiptPort } from '../../../src/addin/status/ports';
import { statusStrings } from '../../../src/addin/strings/status';
import { harness, makeDetail, makeMessage, page, renderPane, type PaneHarness } from './fakes';

function withReceipts(h: PaneHarness) {
  const receipts = {
    collect: jest.fn<ReturnType<ReceiptPort['collect']>, []>().mockResolvedValue([]),
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
    receipts.collect.mockResolvedValue(['track-1']);

    renderPane(h);

    expect(await screen.findByText(statusStrings.badgeReceipts(1, 2))).toBeInTheDocument();
    expect(receipts.collect).toHaveBeenCalledTimes(1);
  });

  it('states a read-receipt request only after the sent copy confirmed it', async () => {
    const h = harness();
    const receipts = withReceipts(h);
    const message = makeMessage({ id: 'track-2', readReceiptRequested: null });
    h.mailbox.selected = {
      trackingId: 'track-2',
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
});
