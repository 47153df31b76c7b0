/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { TrackedMessageDetail } from '../../../src/shared/api';
import { PaneError } from '../../../src/addin/status/ports';
import {
  harness,
  hoursAgo,
  makeDetail,
  makeMessage,
  makeOpen,
  openSummary,
  page,
  press,
  renderPane,
  type PaneHarness,
} from './fakes';

const message = makeMessage({
  id: 'track-1',
  subject: 'Proposal',
  recipientCount: 3,
  opens: openSummary({ human: 1, 'human-via-proxy': 1, prefetch: 1, self: 1 }),
  receipts: { read: 1, notRead: 1, other: 1 },
});

const fullDetail = makeDetail(message, {
  recentOpens: [
    makeOpen('human', hoursAgo(2), ['outlook-windows'], 0.9),
    makeOpen('human-via-proxy', hoursAgo(3), ['gmail-image-proxy'], 0.6),
    makeOpen('self', hoursAgo(4), ['sender-view'], 0.95),
    makeOpen('prefetch', hoursAgo(23), ['apple-mpp'], 0.99),
  ],
  receiptList: [
    {
      receiptMessageId: 'r1',
      finalRecipient: 'ana@example.test',
      kind: 'read',
      dispositionType: 'displayed',
      at: hoursAgo(5),
    },
    {
      receiptMessageId: 'r2',
      finalRecipient: 'ben@example.test',
      kind: 'not-read',
      dispositionType: 'deleted',
      at: hoursAgo(6),
    },
    {
      receiptMessageId: 'r3',
      finalRecipient: null,
      kind: 'other',
      dispositionType: 'processed',
      at: hoursAgo(7),
    },
  ],
});

function showDetail(detail: TrackedMessageDetail): PaneHarness {
  const h = harness();
  h.mailbox.selected = {
    trackingId: detail.id,
    customPropertiesLoaded: true,
    internetMessageId: detail.internetMessageId,
    createdAt: null,
  };
  h.api.get.mockResolvedValue(detail);
  renderPane(h);
  return h;
}

describe('detail timeline', () => {
  it('lists opens by people with kind, confidence and reason', async () => {
    showDetail(fullDetail);
    const list = await screen.findByRole('list', { name: 'Opens by people' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Opened by a person');
    expect(items[0]).toHaveTextContent('High confidence');
    expect(items[0]).toHaveTextContent('Opened in Outlook for Windows.');
    expect(items[1]).toHaveTextContent("through a mail provider's image proxy");
    expect(items[1]).toHaveTextContent('Medium confidence');
  });

  it('keeps automated fetches and own views behind a toggle', async () => {
    showDetail(fullDetail);
    const toggle = await screen.findByRole('button', {
      name: 'Show 2 entries (1 automated fetch, 1 own view)',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.queryByText('Loaded by Apple Mail Privacy Protection on arrival, not a read.'),
    ).not.toBeInTheDocument();

    fireEvent.click(toggle);

    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const hidden = screen.getByRole('list', { name: 'Automated fetches, own views and repeats' });
    expect(
      within(hidden).getByText('Loaded by Apple Mail Privacy Protection on arrival, not a read.'),
    ).toBeInTheDocument();
    expect(within(hidden).getByText('Your own view of the sent message')).toBeInTheDocument();
  });

  it('names an unlisted reason code as a rule', async () => {
    showDetail(
      makeDetail(message, { recentOpens: [makeOpen('human', hoursAgo(1), ['brand-new-rule'], 0.3)] }),
    );
    expect(
      await screen.findByText('Matched the rule "brand-new-rule" of this server\'s user-agent rules.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Low confidence/)).toBeInTheDocument();
  });

  it('says when no person opened it yet', async () => {
    showDetail(makeDetail(makeMessage({ id: 'quiet', subject: 'Quiet' })));
    expect(await screen.findByText('No open by a person yet.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('draws a chart of opens with a text alternative', async () => {
    showDetail(fullDetail);
    const chart = await screen.findByRole('img', { name: /^Counted opens over time/ });
    expect(chart).toHaveAccessibleName(
      expect.stringContaining('2 by people, 2 other (automated, own views or unclear)'),
    );
    expect(chart.querySelectorAll('rect').length).toBeGreaterThan(0);
  });

  it('shows one number per quantity', async () => {
    // The server counted 2 people opens and 1 own view. The list also keeps 6 uncounted repeats.
    const repeat = (kind: 'human' | 'self', hours: number) => ({
      ...makeOpen(kind, hoursAgo(hours), ['repeat', 'outlook-web']),
      counted: false,
    });
    const counted = makeMessage({
      id: 'track-2',
      subject: 'Offsite',
      opens: openSummary({ human: 2, self: 1 }),
    });
    showDetail(
      makeDetail(counted, {
        recentOpens: [
          repeat('self', 1),
          repeat('self', 1.1),
          repeat('self', 1.2),
          repeat('self', 1.3),
          makeOpen('self', hoursAgo(1.4), ['sender-view']),
          repeat('human', 2),
          makeOpen('human', hoursAgo(2.1), ['outlook-web']),
          makeOpen('human', hoursAgo(3), ['outlook-web']),
          repeat('self', 3.5),
        ],
      }),
    );

    expect(
      await screen.findByText('Opened by a person 2 times · 0 automated fetches · 1 own view'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('A repeat from the same client within a few minutes is listed but counted once.'),
    ).toBeInTheDocument();
    const people = screen.getByRole('list', { name: 'Opens by people' });
    expect(within(people).getAllByRole('listitem')).toHaveLength(2);
    const chart = screen.getByRole('img', { name: /^Counted opens over time/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining(': 2 by people, 1 other'));

    const toggle = screen.getByRole('button', { name: 'Show 7 entries (1 own view, 6 repeats)' });
    fireEvent.click(toggle);
    const hidden = screen.getByRole('list', { name: 'Automated fetches, own views and repeats' });
    const hiddenItems = within(hidden).getAllByRole('listitem');
    expect(hiddenItems).toHaveLength(7);
    expect(hiddenItems.filter((item) => item.textContent?.includes('Repeat, not counted'))).toHaveLength(6);
  });

  it('names unclear loads in the summary', async () => {
    showDetail(
      makeDetail(makeMessage({ id: 'track-3', subject: 'Unclear', opens: openSummary({ unknown: 2 }) })),
    );
    expect(
      await screen.findByText(
        'Not opened by a person yet · 0 automated fetches · 0 own views · 2 unclear loads',
      ),
    ).toBeInTheDocument();
  });

  it('loads older opens on request', async () => {
    const h = showDetail({ ...fullDetail, nextOpensCursor: 'older-1' });
    h.api.listOpens.mockResolvedValue({
      items: [makeOpen('human', hoursAgo(22), ['outlook-mobile'])],
      nextCursor: null,
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Show older opens' }));

    expect(await screen.findByText('Opened in the Outlook mobile app.')).toBeInTheDocument();
    expect(h.api.listOpens).toHaveBeenCalledWith('track-1', 'older-1');
    expect(screen.queryByRole('button', { name: 'Show older opens' })).not.toBeInTheDocument();
  });

  it('explains what a pixel cannot tell', async () => {
    showDetail(fullDetail);
    expect(await screen.findByText(/One invisible image is shared by all recipients/)).toBeInTheDocument();
    expect(screen.getByText(/no signal does not mean unread/)).toBeInTheDocument();
  });
});

describe('detail read receipts', () => {
  it('lists receipts per recipient with their kind', async () => {
    showDetail(fullDetail);
    const list = await screen.findByRole('list', { name: 'Read receipts by recipient' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('ana@example.test');
    expect(items[0]).toHaveTextContent('Read');
    expect(items[1]).toHaveTextContent('Deleted unread');
    expect(items[2]).toHaveTextContent('Unknown recipient');
    expect(items[2]).toHaveTextContent('Other (processed)');
  });

  it.each([
    [true, 'A read receipt was requested (checked on the sent copy).'],
    [false, 'No read receipt was requested for this message.'],
    [null, 'Not yet checked whether a read receipt was requested.'],
  ])('states the request only as verified (%s)', async (requested, sentence) => {
    showDetail({ ...fullDetail, readReceiptRequested: requested });
    expect(await screen.findByText(sentence)).toBeInTheDocument();
  });
});

describe('detail actions', () => {
  it('stops tracking after confirmation', async () => {
    const h = showDetail(fullDetail);
    h.api.stop.mockResolvedValue({ ...message, stoppedAt: hoursAgo(0) });

    press(await screen.findByRole('button', { name: 'Stop tracking' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Stop tracking this message?' });
    expect(h.api.stop).not.toHaveBeenCalled();
    press(within(dialog).getByRole('button', { name: 'Stop tracking' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(h.api.stop).toHaveBeenCalledWith('track-1');
    expect(screen.getByText(/Tracking stopped now/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Stop tracking' })).not.toBeInTheDocument();
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const h = showDetail(fullDetail);
    press(await screen.findByRole('button', { name: 'Delete tracking data' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Delete the tracking data of this message?',
    });
    press(within(dialog).getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(h.api.delete).not.toHaveBeenCalled();
  });

  it('deletes after confirmation and returns to the list', async () => {
    const h = showDetail(fullDetail);
    h.api.list.mockResolvedValue(page([]));
    press(await screen.findByRole('button', { name: 'Delete tracking data' }));
    const dialog = await screen.findByRole('alertdialog');
    press(within(dialog).getByRole('button', { name: 'Delete' }));

    // NOTE: under jsdom the `aria-hidden` that Fluent's modal dialog (9.74) puts on the rest of the
    // page stays after the dialog closes, so this query includes hidden elements.
    expect(
      await screen.findByRole('heading', { name: 'No tracked messages yet', hidden: true }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog', { hidden: true })).not.toBeInTheDocument();
    expect(h.api.delete).toHaveBeenCalledWith('track-1');
  });

  it('keeps the dialog open with an error when the action fails', async () => {
    const h = showDetail(fullDetail);
    h.api.delete.mockRejectedValue(new PaneError('server-unreachable', 'offline'));
    press(await screen.findByRole('button', { name: 'Delete tracking data' }));
    const dialog = await screen.findByRole('alertdialog');
    press(within(dialog).getByRole('button', { name: 'Delete' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('could not do this');
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
  });
});

describe('detail states', () => {
  it('shows that a deleted message no longer exists', async () => {
    const h = harness();
    h.mailbox.selected = {
      trackingId: 'gone',
      customPropertiesLoaded: true,
      internetMessageId: null,
      createdAt: null,
    };
    h.api.get.mockRejectedValue(new PaneError('not-found', 'GET answered 404'));
    renderPane(h);
    expect(
      await screen.findByRole('heading', { name: 'This tracked message no longer exists' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'All messages' })).toBeInTheDocument();
  });

  it('shows a loading state while the detail loads', async () => {
    const h = harness();
    h.mailbox.selected = {
      trackingId: 'slow',
      customPropertiesLoaded: true,
      internetMessageId: null,
      createdAt: null,
    };
    h.api.get.mockReturnValue(new Promise(() => undefined));
    renderPane(h);
    expect(await screen.findByText('Loading this message…')).toBeInTheDocument();
  });

  it('goes back to the dashboard', async () => {
    const h = showDetail(fullDetail);
    h.api.list.mockResolvedValue(page([message]));
    fireEvent.click(await screen.findByRole('button', { name: 'All messages' }));
    expect(await screen.findByRole('list', { name: 'Tracked messages' })).toBeInTheDocument();
  });

  it('follows the Office theme', async () => {
    const h = showDetail(fullDetail);
    await screen.findByRole('heading', { level: 2, name: 'Proposal' });
    act(() => h.mailbox.changeTheme('dark'));
    const provider = document.querySelector('.fui-FluentProvider');
    expect(provider).not.toBeNull();
    expect(h.mailbox.getTheme()).toBe('dark');
  });
});
