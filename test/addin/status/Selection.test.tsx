/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { PaneError, type SelectedItem } from '../../../src/addin/status/ports';
import { strings } from '../../../src/addin/strings';
import { harness, makeDetail, makeMessage, page, renderPane } from './fakes';

const tracked = makeMessage({
  id: 'track-1',
  subject: 'Proposal',
  internetMessageId: '<proposal@example.test>',
});
const other = makeMessage({ id: 'track-2', subject: 'Minutes', internetMessageId: '<minutes@example.test>' });

function detailHeading(subject: string) {
  return screen.findByRole('heading', { level: 2, name: subject });
}

function untrackedNote() {
  return screen.findByRole('heading', { level: 2, name: strings.status.untrackedTitle });
}

/** Builds a selected message whose custom properties loaded and contain no tracking id. */
function untrackedItem(internetMessageId: string): SelectedItem {
  return { trackingId: null, customPropertiesLoaded: true, internetMessageId, createdAt: null };
}

describe('pinned pane following the selection', () => {
  it('shows the dashboard when nothing is selected', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page([tracked]));
    renderPane(h);
    expect(await screen.findByRole('list', { name: 'Tracked messages' })).toBeInTheDocument();
    expect(h.api.get).not.toHaveBeenCalled();
  });

  it('shows the detail of a selected message found by tracking id', async () => {
    const h = harness();
    h.mailbox.selected = {
      trackingId: 'track-1',
      customPropertiesLoaded: true,
      internetMessageId: '<proposal@example.test>',
      createdAt: null,
    };
    h.api.get.mockResolvedValue(makeDetail(tracked));
    renderPane(h);

    expect(await detailHeading('Proposal')).toBeInTheDocument();
    expect(h.api.get).toHaveBeenCalledWith('track-1');
    expect(h.api.findByInternetMessageId).not.toHaveBeenCalled();
    expect(h.api.list).not.toHaveBeenCalled();
  });

  it('finds a selected message by Internet Message-ID without a custom property', async () => {
    const h = harness();
    h.mailbox.selected = {
      trackingId: null,
      customPropertiesLoaded: true,
      internetMessageId: '<proposal@example.test>',
      createdAt: null,
    };
    h.api.findByInternetMessageId.mockResolvedValue(tracked);
    h.api.get.mockResolvedValue(makeDetail(tracked));
    renderPane(h);

    expect(await detailHeading('Proposal')).toBeInTheDocument();
    expect(h.api.findByInternetMessageId).toHaveBeenCalledWith('<proposal@example.test>');
  });

  it('shows a note for an untracked message', async () => {
    const h = harness();
    h.mailbox.selected = untrackedItem('<someone-else@example.test>');
    h.api.list.mockResolvedValue(page([tracked]));
    renderPane(h);

    expect(await untrackedNote()).toBeInTheDocument();
    expect(screen.getByText(strings.status.untrackedBody)).toBeInTheDocument();
    expect(h.api.findByInternetMessageId).toHaveBeenCalledWith('<someone-else@example.test>');
    expect(screen.queryByRole('list', { name: 'Tracked messages' })).not.toBeInTheDocument();
    expect(h.api.list).not.toHaveBeenCalled();
    expect(h.api.get).not.toHaveBeenCalled();
    expect(h.api.reportView).not.toHaveBeenCalled();
  });

  it('goes from the note to the list', async () => {
    const h = harness();
    h.mailbox.selected = untrackedItem('<someone-else@example.test>');
    h.api.list.mockResolvedValue(page([tracked]));
    renderPane(h);
    await untrackedNote();

    fireEvent.click(screen.getByRole('button', { name: 'All messages' }));

    expect(await screen.findByRole('list', { name: 'Tracked messages' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: strings.status.untrackedTitle })).not.toBeInTheDocument();
  });

  it('shows the note for each untracked message', async () => {
    const h = harness();
    h.mailbox.selected = untrackedItem('<first@example.test>');
    h.api.list.mockResolvedValue(page([tracked]));
    renderPane(h);
    await untrackedNote();
    fireEvent.click(screen.getByRole('button', { name: 'All messages' }));
    await screen.findByRole('list', { name: 'Tracked messages' });

    act(() => h.mailbox.select(untrackedItem('<second@example.test>')));

    expect(await untrackedNote()).toBeInTheDocument();
    expect(h.api.findByInternetMessageId).toHaveBeenLastCalledWith('<second@example.test>');
  });

  it('opens a tracked message after the note', async () => {
    const h = harness();
    h.mailbox.selected = untrackedItem('<someone-else@example.test>');
    h.api.get.mockResolvedValue(makeDetail(tracked));
    renderPane(h);
    await untrackedNote();

    act(() =>
      h.mailbox.select({
        trackingId: 'track-1',
        customPropertiesLoaded: true,
        internetMessageId: '<proposal@example.test>',
        createdAt: null,
      }),
    );

    expect(await detailHeading('Proposal')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: strings.status.untrackedTitle })).not.toBeInTheDocument();
    expect(h.api.reportView).toHaveBeenCalledWith('track-1');
  });

  it('opens a Message-ID match after the note', async () => {
    const h = harness();
    h.mailbox.selected = untrackedItem('<someone-else@example.test>');
    h.api.findByInternetMessageId.mockImplementation((id) =>
      Promise.resolve(id === '<proposal@example.test>' ? tracked : null),
    );
    h.api.get.mockResolvedValue(makeDetail(tracked));
    renderPane(h);
    await untrackedNote();

    act(() => h.mailbox.select(untrackedItem('<proposal@example.test>')));

    expect(await detailHeading('Proposal')).toBeInTheDocument();
    expect(h.api.get).toHaveBeenCalledWith('track-1');
  });

  it('keeps a just-sent tracked message tracked', async () => {
    const h = harness();
    // The server has not linked the sent copy yet, so it does not know its Message-ID.
    h.api.findByInternetMessageId.mockResolvedValue(null);
    h.api.get.mockResolvedValue(makeDetail({ ...tracked, internetMessageId: null, sentAt: null }));
    h.api.linkSent.mockResolvedValue(tracked);
    h.mailbox.selected = {
      trackingId: 'track-1',
      customPropertiesLoaded: true,
      internetMessageId: '<proposal@example.test>',
      createdAt: '2026-03-10T11:59:00.000Z',
    };
    renderPane(h);

    expect(await detailHeading('Proposal')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: strings.status.untrackedTitle })).not.toBeInTheDocument();
    expect(h.api.findByInternetMessageId).not.toHaveBeenCalled();
  });

  it('shows the list without custom properties', async () => {
    const h = harness();
    // Without the custom property, a tracked message the server has not linked yet looks the same.
    h.mailbox.selected = {
      trackingId: null,
      customPropertiesLoaded: false,
      internetMessageId: '<just-sent@example.test>',
      createdAt: null,
    };
    h.api.list.mockResolvedValue(page([tracked]));
    renderPane(h);

    expect(await screen.findByRole('list', { name: 'Tracked messages' })).toBeInTheDocument();
    expect(h.api.findByInternetMessageId).toHaveBeenCalledWith('<just-sent@example.test>');
    expect(screen.queryByRole('heading', { name: strings.status.untrackedTitle })).not.toBeInTheDocument();
  });

  it('shows the list when lookup fails', async () => {
    const h = harness();
    h.mailbox.selected = untrackedItem('<someone-else@example.test>');
    h.api.findByInternetMessageId.mockRejectedValue(new PaneError('server-unreachable', 'offline'));
    h.api.list.mockResolvedValue(page([tracked]));
    renderPane(h);

    expect(await screen.findByRole('list', { name: 'Tracked messages' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: strings.status.untrackedTitle })).not.toBeInTheDocument();
  });

  it('shows the list when reading fails', async () => {
    const h = harness();
    h.mailbox.getSelectedItem.mockRejectedValueOnce(new Error('item not available'));
    h.api.list.mockResolvedValue(page([tracked]));
    renderPane(h);

    expect(await screen.findByRole('list', { name: 'Tracked messages' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: strings.status.untrackedTitle })).not.toBeInTheDocument();
  });

  it('reports a sender view for the selected tracked message', async () => {
    const h = harness();
    h.mailbox.selected = {
      trackingId: 'track-1',
      customPropertiesLoaded: true,
      internetMessageId: null,
      createdAt: null,
    };
    h.api.get.mockResolvedValue(makeDetail(tracked));
    renderPane(h);
    await detailHeading('Proposal');
    expect(h.api.reportView).toHaveBeenCalledWith('track-1');
  });

  it('does not report a view for a message opened from the list', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page([tracked]));
    h.api.get.mockResolvedValue(makeDetail(tracked));
    renderPane(h);
    fireEvent.click(await screen.findByRole('button', { name: /^Proposal\./ }));
    await detailHeading('Proposal');
    expect(h.api.reportView).not.toHaveBeenCalled();
  });

  it('follows item changes between messages and back to nothing', async () => {
    const h = harness();
    h.api.list.mockResolvedValue(page([tracked, other]));
    h.api.get.mockImplementation((id) => Promise.resolve(makeDetail(id === 'track-1' ? tracked : other)));
    renderPane(h);
    await screen.findByRole('list', { name: 'Tracked messages' });

    act(() =>
      h.mailbox.select({
        trackingId: 'track-1',
        customPropertiesLoaded: true,
        internetMessageId: null,
        createdAt: null,
      }),
    );
    expect(await detailHeading('Proposal')).toBeInTheDocument();

    act(() =>
      h.mailbox.select({
        trackingId: 'track-2',
        customPropertiesLoaded: true,
        internetMessageId: null,
        createdAt: null,
      }),
    );
    expect(await detailHeading('Minutes')).toBeInTheDocument();

    act(() => h.mailbox.select(null));
    expect(await screen.findByRole('list', { name: 'Tracked messages' })).toBeInTheDocument();
  });

  it('lets a new selection replace a message the user opened', async () => {
    const h = harness();
    h.mailbox.selected = {
      trackingId: 'track-1',
      customPropertiesLoaded: true,
      internetMessageId: null,
      createdAt: null,
    };
    h.api.list.mockResolvedValue(page([tracked, other]));
    h.api.get.mockImplementation((id) => Promise.resolve(makeDetail(id === 'track-1' ? tracked : other)));
    renderPane(h);
    await detailHeading('Proposal');

    fireEvent.click(screen.getByRole('button', { name: 'All messages' }));
    fireEvent.click(await screen.findByRole('button', { name: /^Minutes\./ }));
    await detailHeading('Minutes');

    act(() =>
      h.mailbox.select({
        trackingId: 'track-1',
        customPropertiesLoaded: true,
        internetMessageId: null,
        createdAt: null,
      }),
    );
    expect(await detailHeading('Proposal')).toBeInTheDocument();
  });

  it('ignores a slow lookup overtaken by a newer selection', async () => {
    const h = harness();
    let finishSlowLookup: (value: null) => void = () => undefined;
    h.api.findByInternetMessageId.mockReturnValueOnce(new Promise((resolve) => (finishSlowLookup = resolve)));
    h.api.get.mockResolvedValue(makeDetail(other));
    h.mailbox.selected = {
      trackingId: null,
      customPropertiesLoaded: true,
      internetMessageId: '<slow@example.test>',
      createdAt: null,
    };
    renderPane(h);

    act(() =>
      h.mailbox.select({
        trackingId: 'track-2',
        customPropertiesLoaded: true,
        internetMessageId: null,
        createdAt: null,
      }),
    );
    await detailHeading('Minutes');
    await act(async () => {
      finishSlowLookup(null);
      await Promise.resolve();
    });

    expect(screen.getByRole('heading', { level: 2, name: 'Minutes' })).toBeInTheDocument();
  });

  it('links a selected sent copy the server does not know yet', async () => {
    const h = harness();
    const unlinked = { ...tracked, internetMessageId: null, sentAt: null };
    h.mailbox.selected = {
      trackingId: 'track-1',
      customPropertiesLoaded: true,
      internetMessageId: '<proposal@example.test>',
      createdAt: '2026-03-09T08:00:00.000Z',
    };
    h.api.get.mockResolvedValue(makeDetail(unlinked));
    h.api.linkSent.mockResolvedValue({ ...tracked, sentAt: '2026-03-09T08:00:00.000Z' });
    renderPane(h);
    await detailHeading('Proposal');

    await waitFor(() =>
      expect(h.api.linkSent).toHaveBeenCalledWith('track-1', {
        internetMessageId: '<proposal@example.test>',
        sentAt: '2026-03-09T08:00:00.000Z',
      }),
    );
    expect(h.api.linkSent).toHaveBeenCalledTimes(1);
  });

  it('unsubscribes from item changes on unmount', async () => {
    const h = harness();
    const { unmount } = renderPane(h);
    await screen.findByRole('heading', { name: 'No tracked messages yet' });
    expect(h.mailbox.itemListenerCount).toBe(1);
    unmount();
    expect(h.mailbox.itemListenerCount).toBe(0);
  });
});
