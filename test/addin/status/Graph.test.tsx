/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { SENT_ITEMS_LIMIT, SENT_ITEMS_REACH_BACK_MAX } from '../../../src/addin/status/hooks/useSentItems';
import { PaneError } from '../../../src/addin/status/ports';
import { harness, hoursAgo, makeDetail, makeMessage, page, renderPane } from './fakes';

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

  describe('a sent copy older than the newest Sent Items', () => {
    /** The newest Sent Items: one a day for SENT_ITEMS_LIMIT days, none of them tracked. */
    const newest = Array.from({ length: SENT_ITEMS_LIMIT }, (_, day) => ({
      internetMessageId: `<recent-${day}@example.test>`,
      sentAt: hoursAgo(24 * day + 1),
      subject: `Recent ${day}`,
      recipientCount: 1,
      trackingId: null,
    }));

    it('reads further back once and links it', async () => {
      const h = harness({ graph: true });
      const old = makeMessage({
        id: 'track-old',
        internetMessageId: null,
        sentAt: null,
        createdAt: hoursAgo(24 * 60),
      });
      h.api.list.mockResolvedValue(page([old]));
      const copy = {
        internetMessageId: '<old@example.test>',
        sentAt: hoursAgo(24 * 59),
        subject: 'Old',
        recipientCount: 1,
        trackingId: 'track-old',
      };
      h.graph?.listSentItems.mockResolvedValueOnce(newest).mockResolvedValueOnce([...newest, copy]);
      h.api.linkSent.mockResolvedValue({
        ...old,
        internetMessageId: copy.internetMessageId,
        sentAt: copy.sentAt,
      });
      renderPane(h);

      await waitFor(() =>
        expect(h.api.linkSent).toHaveBeenCalledWith('track-old', {
          internetMessageId: '<old@example.test>',
          sentAt: copy.sentAt,
        }),
      );
      expect(h.graph?.listSentItems).toHaveBeenLastCalledWith(SENT_ITEMS_LIMIT, {
        sentSince: old.createdAt,
        maxItems: SENT_ITEMS_REACH_BACK_MAX,
      });
      expect(h.graph?.listSentItems).toHaveBeenCalledTimes(2);
    });

    it('does not read further back for a message tracked after them', async () => {
      const h = harness({ graph: true });
      h.api.list.mockResolvedValue(
        page([makeMessage({ id: 'draft', internetMessageId: null, sentAt: null, createdAt: hoursAgo(2) })]),
      );
      h.graph?.listSentItems.mockResolvedValue(newest);
      renderPane(h);

      expect(await screen.findByText('Subject draft')).toBeInTheDocument();
      await waitFor(() => expect(h.graph?.listSentItems).toHaveBeenCalledTimes(1));
      expect(h.graph?.listSentItems).toHaveBeenCalledWith(SENT_ITEMS_LIMIT);
    });
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

  it('gives the detail the same header on both paths', async () => {
    const message = makeMessage({
      id: 'track-2',
      subject: 'Team offsite plan',
      recipientCount: null,
      internetMessageId: '<t2@example.test>',
      receipts: { read: 1, notRead: 1, other: 0 },
    });
    const copy = {
      internetMessageId: '<t2@example.test>',
      sentAt: hoursAgo(1),
      subject: 'Team offsite plan',
      recipientCount: 2,
      trackingId: 'track-2',
    };
    const headers: string[] = [];
    for (const path of ['selection', 'list'] as const) {
      const h = harness({ graph: true });
      h.graph?.listSentItems.mockResolvedValue([copy]);
      h.api.get.mockResolvedValue(makeDetail(message));
      h.api.list.mockResolvedValue(page([message]));
      if (path === 'selection') {
        h.mailbox.selected = {
          trackingId: 'track-2',
          customPropertiesLoaded: true,
          internetMessageId: copy.internetMessageId,
          createdAt: null,
        };
      }
      const view = renderPane(h);
      if (path === 'list') fireEvent.click(await screen.findByRole('button', { name: /^Team offsite plan/ }));

      const heading = await screen.findByRole('heading', { level: 2, name: 'Team offsite plan' });
      const header = heading.closest('header');
      await waitFor(() => expect(header).toHaveTextContent('2 recipients'));
      headers.push(header?.textContent ?? '');
      if (path === 'selection') expect(h.api.list).not.toHaveBeenCalled();
      view.unmount();
    }
    expect(headers[0]).toContain('Read receipts: 1 of 2');
    expect(headers[1]).toBe(headers[0]);
  });
});
