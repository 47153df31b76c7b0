/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PaneError } from '../../../src/addin/status/ports';
import { harness, hoursAgo, makeMessage, openSummary, page, renderPane } from './fakes';

describe('dashboard states', () => {
  it('shows a loading state before the first page', async () => {
    const h = harness();
    h.api.list.mockReturnValue(new Promise(() => undefined));
    renderPane(h);
    expect(await screen.findByText('Loading tracked messages…')).toBeInTheDocument();
  });

  it('shows the empty state with a how-to', async () => {
    const h = harness();
    renderPane(h);
    expect(await screen.findByRole('heading', { name: 'No tracked messages yet' })).toBeInTheDocument();
    expect(screen.getByText(/choose "Track this email" on the ribbon/)).toBeInTheDocument();
  });

  it('offers sign-in when a token needs the user', async () => {
    const h = harness();
    h.api.list.mockRejectedValueOnce(new PaneError('sign-in-required', 'interaction required'));
    h.api.list.mockResolvedValue(page([makeMessage({ id: 'a' })]));
    renderPane(h);

    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect(h.signIn).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('list', { name: 'Tracked messages' })).toBeInTheDocument();
  });

  it('says so when sign-in fails', async () => {
    const h = harness();
    h.api.list.mockRejectedValue(new PaneError('sign-in-required', 'interaction required'));
    h.signIn.mockRejectedValue(new PaneError('sign-in-required', 'popup blocked'));
    renderPane(h);

    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Sign-in did not finish');
  });

  it('explains unsupported nested app authentication without a button', async () => {
    const h = harness();
    h.api.list.mockRejectedValue(new PaneError('naa-unsupported', 'NestedAppAuth 1.1 missing'));
    renderPane(h);
    expect(
      await screen.findByRole('heading', { name: 'This version of Outlook cannot sign in to Readmark' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign in' })).not.toBeInTheDocument();
  });

  it('offers a retry when the server is unreachable', async () => {
    const h = harness();
    h.api.list.mockRejectedValueOnce(new PaneError('server-unreachable', 'GET failed: TypeError'));
    renderPane(h);
    expect(
      await screen.findByRole('heading', { name: 'The Readmark server is unreachable' }),
    ).toBeInTheDocument();

    h.api.list.mockResolvedValue(page([makeMessage({ id: 'a' })]));
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('button', { name: /^Subject a\./ })).toBeInTheDocument();
  });

  it('keeps technical detail behind a toggle', async () => {
    const h = harness();
    h.api.list.mockRejectedValue(
      new PaneError('server-error', 'GET /api/v1/tracked-messages answered 500 internal'),
    );
    renderPane(h);
    const toggle = await screen.findByRole('button', { name: 'Technical details' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText(/answered 500/)).not.toBeInTheDocument();

    fireEvent.click(toggle);

    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText(/answered 500/)).toBeInTheDocument();
  });

  it('keeps the list and warns when a refresh fails', async () => {
    const h = harness();
    h.api.list.mockResolvedValueOnce(page([makeMessage({ id: 'a' })]));
    renderPane(h);
    await screen.findByRole('button', { name: /^Subject a\./ });

    h.api.list.mockRejectedValueOnce(new PaneError('server-unreachable', 'offline'));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByText('Could not refresh. Showing the last data received.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Subject a\./ })).toBeInTheDocument();
  });
});

describe('dashboard badges', () => {
  const cases: Array<[string, Parameters<typeof makeMessage>[0], string]> = [
    ['opened by a person', { id: 'p', opens: openSummary({ human: 3, prefetch: 1 }) }, 'Opened 3 times'],
    [
      'opened through a proxy',
      { id: 'x', opens: openSummary({ 'human-via-proxy': 2 }) },
      'Opened via proxy (2)',
    ],
    [
      'loads nobody could attribute',
      { id: 'u', opens: openSummary({ unknown: 1, scanner: 1 }) },
      'Loaded once, unclear by whom',
    ],
    [
      'only automated fetches',
      { id: 'm', opens: openSummary({ prefetch: 1, scanner: 2 }) },
      'Only automated fetches',
    ],
    [
      'read receipts',
      { id: 'r', recipientCount: 3, receipts: { read: 1, notRead: 1, other: 0 } },
      'Read receipts: 1 of 3, 1 not read',
    ],
    ['no signal yet', { id: 'n' }, 'No signal yet'],
    ['tracking stopped', { id: 's', stoppedAt: hoursAgo(3) }, 'Tracking stopped'],
  ];

  it.each(cases)('shows the badge for %s', async (_name, overrides, badgeText) => {
    const h = harness();
    h.api.list.mockResolvedValue(page([makeMessage(overrides)]));
    renderPane(h);
    const row = await screen.findByRole('button', { name: new RegExp(`^Subject ${overrides.id}\\.`) });
    expect(within(row).getByText(badgeText)).toBeInTheDocument();
  });

  it('shows first and last open of a person', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(
      page([
        makeMessage({ id: 'p', opens: openSummary({ human: 2 }, { first: hoursAgo(5), last: hoursAgo(2) }) }),
      ]),
    );
    renderPane(h);
    expect(await screen.findByText('First opened 5 hours ago, last 2 hours ago')).toBeInTheDocument();
  });

  it('tells a screen reader that no signal is not unread', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page([makeMessage({ id: 'n' })]));
    renderPane(h);
    const row = await screen.findByRole('button', { name: /^Subject n\./ });
    expect(row).toHaveAccessibleName(expect.stringContaining('does not mean unread'));
  });

  it('says sent, without a time, for an opened message not yet linked', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(
      page([
        makeMessage({ id: 'opened', sentAt: null, opens: openSummary({ human: 1 }) }),
        makeMessage({ id: 'draft', sentAt: null, opens: openSummary({ self: 1 }) }),
      ]),
    );
    renderPane(h);

    const opened = await screen.findByRole('button', { name: /^Subject opened\./ });
    const draft = screen.getByRole('button', { name: /^Subject draft\./ });
    expect(within(opened).getByText('Sent · 2 recipients')).toBeInTheDocument();
    expect(opened).toHaveAccessibleName(expect.stringContaining('. Sent.'));
    expect(within(draft).getByText('Not sent yet · 2 recipients')).toBeInTheDocument();
  });

  it('lists messages by latest activity after a refresh', async () => {
    const h = harness();
    h.api.list.mockResolvedValueOnce(
      page([
        makeMessage({ id: 'a', lastActivityAt: hoursAgo(1) }),
        makeMessage({ id: 'b', lastActivityAt: hoursAgo(2) }),
      ]),
    );
    renderPane(h);
    await screen.findByRole('button', { name: /^Subject a\./ });

    h.api.list.mockResolvedValueOnce(page([makeMessage({ id: 'b', lastActivityAt: hoursAgo(0.1) })]));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    await waitFor(() => {
      const rows = within(screen.getByRole('list', { name: 'Tracked messages' })).getAllByRole('button');
      expect(rows.map((row) => row.textContent?.slice(0, 9))).toEqual(['Subject b', 'Subject a']);
    });
  });
});

describe('dashboard search and filter', () => {
  const messages = [
    makeMessage({ id: 'a', subject: 'Quarterly budget', opens: openSummary({ human: 1 }) }),
    makeMessage({ id: 'b', subject: 'Team lunch' }),
    makeMessage({ id: 'c', subject: 'Budget review', stoppedAt: hoursAgo(1) }),
  ];

  function rowNames(): string[] {
    return within(screen.getByRole('list', { name: 'Tracked messages' }))
      .queryAllByRole('button')
      .map((row) => row.textContent?.split('Opened')[0]?.split('No signal')[0]?.split('Tracking')[0] ?? '');
  }

  it('searches subjects case-insensitively', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page(messages));
    renderPane(h);
    await screen.findByText('Team lunch');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search by subject' }), {
      target: { value: 'budget' },
    });

    expect(rowNames()).toEqual(['Quarterly budget', 'Budget review']);
  });

  it('filters by status', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page(messages));
    renderPane(h);
    await screen.findByText('Team lunch');

    fireEvent.change(screen.getByRole('combobox', { name: 'Show' }), { target: { value: 'stopped' } });
    expect(rowNames()).toEqual(['Budget review']);

    fireEvent.change(screen.getByRole('combobox', { name: 'Show' }), { target: { value: 'no-signal' } });
    expect(rowNames()).toEqual(['Team lunch']);
  });

  it('clears search and filter when nothing matches', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page(messages));
    renderPane(h);
    await screen.findByText('Team lunch');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search by subject' }), {
      target: { value: 'zzz' },
    });
    expect(screen.getByText('No tracked messages match this search or filter.')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Clear search and filter' }));
    expect(rowNames()).toHaveLength(3);
  });

  it('loads further pages while a search has few matches', async () => {
    const h = harness();
    h.api.list
      .mockResolvedValueOnce(page([makeMessage({ id: 'a', subject: 'Other' })], 'cursor-2'))
      .mockResolvedValueOnce(page([makeMessage({ id: 'b', subject: 'Invoice 12' })], null));
    renderPane(h);
    await screen.findByText('Other');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search by subject' }), {
      target: { value: 'invoice' },
    });

    expect(await screen.findByText('Invoice 12')).toBeInTheDocument();
    expect(h.api.list).toHaveBeenLastCalledWith({ cursor: 'cursor-2', limit: 50 });
  });
});

describe('dashboard paging', () => {
  it('loads the next page from the load-more button', async () => {
    const h = harness();
    h.api.list
      .mockResolvedValueOnce(page([makeMessage({ id: 'a' })], 'cursor-2'))
      .mockResolvedValueOnce(page([makeMessage({ id: 'b', lastActivityAt: hoursAgo(30) })], null));
    renderPane(h);

    fireEvent.click(await screen.findByRole('button', { name: 'Load more messages' }));

    expect(await screen.findByRole('button', { name: /^Subject b\./ })).toBeInTheDocument();
    expect(h.api.list).toHaveBeenNthCalledWith(2, { cursor: 'cursor-2', limit: 50 });
    expect(screen.queryByRole('button', { name: 'Load more messages' })).not.toBeInTheDocument();
  });

  it('loads the next page when the end of the list scrolls into view', async () => {
    let observed: IntersectionObserverCallback | null = null;
    const observe = jest.fn();
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = jest.fn(
      (callback: IntersectionObserverCallback) => {
        observed = callback;
        return { observe, disconnect: jest.fn(), unobserve: jest.fn(), takeRecords: jest.fn() };
      },
    );
    try {
      const h = harness();
      h.api.list
        .mockResolvedValueOnce(page([makeMessage({ id: 'a' })], 'cursor-2'))
        .mockResolvedValueOnce(page([makeMessage({ id: 'b', lastActivityAt: hoursAgo(30) })], null));
      renderPane(h);
      await screen.findByRole('button', { name: 'Load more messages' });
      expect(observe).toHaveBeenCalled();

      act(() =>
        observed?.([{ isIntersecting: true } as IntersectionObserverEntry], {} as IntersectionObserver),
      );

      expect(await screen.findByRole('button', { name: /^Subject b\./ })).toBeInTheDocument();
    } finally {
      delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
    }
  });

  it('does not repeat a message that moved between pages', async () => {
    const h = harness();
    h.api.list
      .mockResolvedValueOnce(page([makeMessage({ id: 'a' })], 'cursor-2'))
      .mockResolvedValueOnce(
        page([makeMessage({ id: 'a' }), makeMessage({ id: 'b', lastActivityAt: hoursAgo(30) })], null),
      );
    renderPane(h);
    fireEvent.click(await screen.findByRole('button', { name: 'Load more messages' }));
    await screen.findByRole('button', { name: /^Subject b\./ });
    expect(screen.getAllByRole('button', { name: /^Subject a\./ })).toHaveLength(1);
  });
});
