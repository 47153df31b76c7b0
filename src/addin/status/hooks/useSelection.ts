import { useEffect, useState } from 'react';
import { usePorts } from '../context';
import { paneErrorCode, type SelectedItem, type StatusPorts } from '../ports';

/** The selection state the pinned pane follows. */
export type Selection =
  | { kind: 'resolving' }
  /** Nothing is selected, or something other than a message. */
  | { kind: 'none' }
  /** A message the pane cannot place, because reading it, its custom properties or the server lookup failed. */
  | { kind: 'unknown' }
  | {
      kind: 'untracked';
      /** Increases on every selection, so selecting another untracked message is a new event. */
      sequence: number;
    }
  | {
      kind: 'tracked';
      trackingId: string;
      item: SelectedItem;
      /** Increases on every selection, so selecting the same message again is a new event. */
      sequence: number;
    };

/** Matches the selected message to a tracked message by its custom property, else by Internet Message-ID. */
async function selectionOf(ports: StatusPorts, item: SelectedItem, sequence: number): Promise<Selection> {
  if (item.trackingId !== null) return { kind: 'tracked', trackingId: item.trackingId, item, sequence };

  // The server stores a message's Internet Message-ID only when the pane links its sent copy, so its
  // lookup misses a tracked message that was just sent. Only the custom property, which the add-in
  // saves on the draft before sending, can show that a message is untracked.
  // NOTE: a draft whose custom property failed to save (the "marker-not-saved" warning at send
  // time) is still tracked, but the pane calls its unlinked sent copy untracked.
  const untracked: Selection = item.customPropertiesLoaded
    ? { kind: 'untracked', sequence }
    : { kind: 'unknown' };
  if (item.internetMessageId === null) return untracked;
  try {
    const message = await ports.api.findByInternetMessageId(item.internetMessageId);
    return message === null ? untracked : { kind: 'tracked', trackingId: message.id, item, sequence };
  } catch (error) {
    ports.logger.warn('Looking up the selected message failed', { code: paneErrorCode(error) });
    return { kind: 'unknown' };
  }
}

/**
 * Follows Outlook's selection (the pane may be pinned): a selected tracked message is found by the
 * tracking id in its custom properties, else by its Internet Message-ID. When one is found, the
 * pane reports a sender view to the server, so the pixel load of the sender's own copy counts
 * as a self view. A message found by neither is untracked only if its custom properties loaded.
 */
export function useSelection(): Selection {
  const ports = usePorts();
  const [selection, setSelection] = useState<Selection>({ kind: 'resolving' });

  useEffect(() => {
    let sequence = 0;
    let disposed = false;

    const resolve = async (): Promise<void> => {
      sequence += 1;
      const mine = sequence;
      let next: Selection = { kind: 'unknown' };
      try {
        const item = await ports.mailbox.getSelectedItem();
        next = item === null ? { kind: 'none' } : await selectionOf(ports, item, mine);
      } catch (error) {
        ports.logger.warn('Reading the selected item failed', { error: String(error) });
      }
      // A newer selection may have arrived while this one was looked up.
      if (disposed || mine !== sequence) return;

      setSelection(next);
      if (next.kind !== 'tracked') return;
      ports.api.reportView(next.trackingId).catch((error: unknown) => {
        ports.logger.warn('Reporting the sender view failed', { code: paneErrorCode(error) });
      });
    };

    void resolve();
    const unsubscribe = ports.mailbox.onSelectedItemChanged(() => void resolve());
    return () => {
      disposed = true;
      unsubscribe();
    };
  }, [ports]);

  return selection;
}
