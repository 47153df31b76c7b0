/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, waitFor } from '@testing-library/react';
import { PaneError } from '../../../src/addin/status/ports';
import { harness, hoursAgo, makeMessage, page, renderPane } from './fakes';

describe('Sent Items through Graph', () => {
  it('shows the subject and recipient count from Graph when the server stores none', async () => {
    const h = harness({ graph: true });
    h.api.list.mockResolvedValue(
      page([
        makeMessage({ id: 'a', subject: null, recipientCount: null, internetMessageId: '<a@example.test>' }),
      ]),
    );
    h.graph?.listSentItems.mockResolvedValue([
      {
        internetMessageId: '<a@example.test>',
        sentAt: hoursAgo(5),
        subject: 'Board pack',
        recipientCount: 7,
        trackingId: null,
      },
    ]);
    renderPane(h);
    expect(await screen.findByText('Board pack')).toBeInTheDocument();
    expect(screen.getByText(/7 recipients/)).toBeInTheDocument();
  });

  it('links a sent message the server knows only by tracking id, once', async () => {
    const h = harness({ graph: true });
    const unlinked = makeMessage({ id: 'track-1', internetMessageId: null, sentAt: null });
    h.api.list.mockResolvedValue(page([unlinked]));
    h.api.linkSent.mockResolvedValue({
      ...unlinked,
      internetMessageId: '<t1@example.test>',
      sentAt: hoursAgo(5),
    });
    h.graph?.listSentItems.mockResolvedValue([
      {
        internetMessageId: '<t1@example.test>',
        sentAt: hoursAgo(5),
        subject: 'S',
        recipientCount: 1,
        trackingId: 'track-1',
      },
      {
        internetMessageId: '<x@example.test>',
        sentAt: hoursAgo(6),
        subject: 'X',
        recipientCount: 1,
        trackingId: 'not-listed',
      },
    ]);
    renderPane(h);

    await waitFor(() =>
      expect(h.api.linkSent).toHaveBeenCalledWith('track-1', {
        internetMessageId: '<t1@example.test>',
        sentAt: hoursAgo(5),
      }),
    );
    expect(await screen.findByText('Sent 5 hours ago')).toBeInTheDocument();
    expect(h.api.linkSent).toHaveBeenCalledTimes(1);
  });

  it('keeps the list when Graph fails', async () => {
    const h = harness({ graph: true });
    h.api.list.mockResolvedValue(page([makeMessage({ id: 'a' })]));
    h.graph?.listSentItems.mockRejectedValue(new PaneError('sign-in-required', 'Graph 401'));
    renderPane(h);
    expect(await screen.findByText('Subject a')).toBeInTheDocument();
    await waitFor(() =>
      expect(h.ports.logger.warn).toHaveBeenCalledWith('Reading Sent Items through Graph failed', {
        code: 'sign-in-required',
      }),
    );
  });
});
