/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen, within } from '@testing-library/react';
import { DETAIL_POLL_MS } from '../../../src/addin/status/hooks/useDetail';
import { LIST_REFRESH_MS } from '../../../src/addin/status/components/Dashboard';
import {
  harness,
  hoursAgo,
  makeDetail,
  makeMessage,
  makeOpen,
  page,
  renderPane,
  setPageVisible,
} from './fakes';

async function advance(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  jest.useFakeTimers();
  setPageVisible(true);
});

afterEach(() => {
  jest.useRealTimers();
  setPageVisible(true);
});

describe('refresh while visible', () => {
  it('refreshes the list on its own only while the page is visible', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page([makeMessage({ id: 'a' })]));
    renderPane(h);
    await screen.findByRole('list', { name: 'Tracked messages' });
    expect(h.api.list).toHaveBeenCalledTimes(1);

    await advance(LIST_REFRESH_MS);
    expect(h.api.list).toHaveBeenCalledTimes(2);

    act(() => setPageVisible(false));
    await advance(LIST_REFRESH_MS * 5);
    expect(h.api.list).toHaveBeenCalledTimes(2);

    act(() => setPageVisible(true));
    await advance(0);
    expect(h.api.list).toHaveBeenCalledTimes(3);
  });

  it('polls the shown message and applies a new open', async () => {
    const h = harness();
    const message = makeMessage({ id: 'track-1', subject: 'Proposal' });
    h.mailbox.selected = {
      trackingId: 'track-1',
      customPropertiesLoaded: true,
      internetMessageId: null,
      createdAt: null,
    };
    h.api.get.mockResolvedValue(makeDetail(message));
    renderPane(h);
    expect(await screen.findByText('No open by a person yet.')).toBeInTheDocument();

    h.api.get.mockResolvedValue(
      makeDetail(message, { recentOpens: [makeOpen('human', hoursAgo(0), ['outlook-mobile'])] }),
    );
    await advance(DETAIL_POLL_MS);

    const opens = screen.getByRole('list', { name: 'Opens by people' });
    expect(within(opens).getByText('Opened in the Outlook mobile app.')).toBeInTheDocument();
  });

  it('stops polling the shown message while hidden', async () => {
    const h = harness();
    h.mailbox.selected = {
      trackingId: 'track-1',
      customPropertiesLoaded: true,
      internetMessageId: null,
      createdAt: null,
    };
    h.api.get.mockResolvedValue(makeDetail(makeMessage({ id: 'track-1' })));
    renderPane(h);
    await screen.findByRole('heading', { level: 2, name: 'Subject track-1' });
    const callsBefore = h.api.get.mock.calls.length;

    act(() => setPageVisible(false));
    await advance(DETAIL_POLL_MS * 20);
    expect(h.api.get).toHaveBeenCalledTimes(callsBefore);

    act(() => setPageVisible(true));
    await advance(0);
    expect(h.api.get).toHaveBeenCalledTimes(callsBefore + 1);
  });

  it('does not poll the list while a message is shown', async () => {
    const h = harness();
    h.mailbox.selected = {
      trackingId: 'track-1',
      customPropertiesLoaded: true,
      internetMessageId: null,
      createdAt: null,
    };
    h.api.get.mockResolvedValue(makeDetail(makeMessage({ id: 'track-1' })));
    renderPane(h);
    await screen.findByRole('heading', { level: 2, name: 'Subject track-1' });

    await advance(LIST_REFRESH_MS * 3);

    expect(h.api.list).not.toHaveBeenCalled();
  });
});
