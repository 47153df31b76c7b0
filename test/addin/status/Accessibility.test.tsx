/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PaneError } from '../../../src/addin/status/ports';
import { harness, hoursAgo, makeDetail, makeMessage, makeOpen, openSummary, page, renderPane } from './fakes';

function expectEveryControlNamed(): void {
  const controls = [
    ...screen.queryAllByRole('button'),
    ...screen.queryAllByRole('searchbox'),
    ...screen.queryAllByRole('combobox'),
    ...screen.queryAllByRole('list'),
    ...screen.queryAllByRole('img'),
  ];
  expect(controls.length).toBeGreaterThan(0);
  for (const control of controls) {
    expect(control).toHaveAccessibleName();
  }
}

describe('status pane accessibility', () => {
  it('names every control of the dashboard', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(
      page([makeMessage({ id: 'a', opens: openSummary({ human: 1 }) }), makeMessage({ id: 'b' })], 'next'),
    );
    renderPane(h);
    await screen.findByRole('list', { name: 'Tracked messages' });

    expect(screen.getByRole('main', { name: 'Open status' })).toBeInTheDocument();
    expect(screen.getByRole('search')).toBeInTheDocument();
    expectEveryControlNamed();
  });

  it('names every control and region of the detail', async () => {
    const h = harness();
    const message = makeMessage({
      id: 'track-1',
      subject: 'Proposal',
      opens: openSummary({ human: 1, scanner: 1 }),
    });
    h.mailbox.selected = {
      trackingId: 'track-1',
      customPropertiesLoaded: true,
      internetMessageId: null,
      createdAt: null,
    };
    h.api.get.mockResolvedValue(
      makeDetail(message, {
        recentOpens: [makeOpen('human', hoursAgo(1)), makeOpen('scanner', hoursAgo(20))],
        receiptList: [
          {
            receiptMessageId: 'r',
            finalRecipient: 'ana@example.test',
            kind: 'read',
            dispositionType: 'displayed',
            at: hoursAgo(2),
          },
        ],
      }),
    );
    renderPane(h);
    await screen.findByRole('heading', { level: 2, name: 'Proposal' });

    expect(screen.getByRole('article', { name: 'Proposal' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Opens' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Read receipts' })).toBeInTheDocument();
    expectEveryControlNamed();
  });

  it('gives every time its exact value for hover and screen readers', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page([makeMessage({ id: 'a', sentAt: '2026-03-09T12:00:00.000Z' })]));
    renderPane(h);
    const row = await screen.findByRole('button', { name: /^Subject a\./ });
    const time = row.querySelector('time[datetime="2026-03-09T12:00:00.000Z"]');
    expect(time).toHaveTextContent('Sent yesterday');
    expect(time?.getAttribute('title')).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        Date.parse('2026-03-09T12:00:00.000Z'),
      ),
    );
  });

  it('moves between rows with the arrow keys', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(
      page([makeMessage({ id: 'a' }), makeMessage({ id: 'b', lastActivityAt: hoursAgo(3) })]),
    );
    renderPane(h);
    const list = await screen.findByRole('list', { name: 'Tracked messages' });
    const [first, second] = within(list).getAllByRole('button');

    first?.focus();
    fireEvent.keyDown(first!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);

    fireEvent.keyDown(second!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);

    fireEvent.keyDown(second!, { key: 'Home' });
    expect(document.activeElement).toBe(first);

    fireEvent.keyDown(first!, { key: 'End' });
    expect(document.activeElement).toBe(second);
  });

  it('opens a message from the keyboard', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page([makeMessage({ id: 'a' })]));
    h.api.get.mockResolvedValue(makeDetail(makeMessage({ id: 'a' })));
    renderPane(h);
    const row = await screen.findByRole('button', { name: /^Subject a\./ });
    // A native button turns Enter into a click. jsdom does not, so the test clicks instead.
    expect(row.tagName).toBe('BUTTON');
    fireEvent.click(row);
    expect(await screen.findByRole('heading', { level: 2, name: 'Subject a' })).toBeInTheDocument();
  });

  it('moves focus into a detail and back to its row', async () => {
    const h = harness();
    const first = makeMessage({ id: 'a', subject: 'First' });
    const second = makeMessage({ id: 'b', subject: 'Second' });
    h.api.list.mockResolvedValue(page([first, second]));
    h.api.get.mockResolvedValue(makeDetail(second));
    renderPane(h);

    const row = await screen.findByRole('button', { name: /^Second\./ });
    row.focus();
    fireEvent.click(row);

    const heading = await screen.findByRole('heading', { level: 2, name: 'Second' });
    await waitFor(() => expect(heading).toHaveFocus());

    fireEvent.click(screen.getByRole('button', { name: 'All messages' }));

    await waitFor(() => expect(screen.getByRole('button', { name: /^Second\./ })).toHaveFocus());
  });

  it('leaves focus alone on an Outlook selection', async () => {
    const h = harness();
    const message = makeMessage({ id: 'a', subject: 'Selected' });
    h.mailbox.selected = {
      trackingId: 'a',
      customPropertiesLoaded: true,
      internetMessageId: message.internetMessageId,
      createdAt: null,
    };
    h.api.get.mockResolvedValue(makeDetail(message));
    renderPane(h);

    const heading = await screen.findByRole('heading', { level: 2, name: 'Selected' });
    expect(heading).not.toHaveFocus();
  });

  it('focuses the back button when the opened detail fails', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page([makeMessage({ id: 'gone', subject: 'Gone' })]));
    h.api.get.mockRejectedValue(new PaneError('not-found', 'GET answered 404'));
    renderPane(h);

    fireEvent.click(await screen.findByRole('button', { name: /^Gone\./ }));

    await screen.findByRole('heading', { name: 'This tracked message no longer exists' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'All messages' })).toHaveFocus());
  });
});
