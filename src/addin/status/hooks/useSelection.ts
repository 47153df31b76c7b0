import { useEffect, useState } from 'react';
import { usePorts } from '../context';
import { paneErrorCode, type SelectedItem, type StatusPorts } from '../ports';

/** The selection state the pinned pane follows: a tracked message, or none (the dashboard). */
export type Selection =
  | { kind: 'resolving' }
  | { kind: 'untracked' }
  | {
      kind: 'tracked';
      trackingId: string;
      item: SelectedItem;
      /** Increases on every selection, so selecting the same message again is a new event. */
      sequence: number;
    };

async function findTrackingId(ports: StatusPorts, item: SelectedItem): Promise<string | null> {
  if (item.trackingId !== null) return item.trackingId;
  if (item.internetMessageId === null) return null;
  try {
    const message = await ports.api.findByInternetMessageId(item.internetMessageId);
    return message?.id ?? null;
  } catch (error) {
    ports.logger.warn('Looking up the selected message failed', { code: paneErrorCode(error) });
    return null;
  }
}

/**
 * Follows Outlook's selection (the pane may be pinned): a selected tracked message is found by the
 * tracking id in its custom properties, else by its Internet Message-ID. When one is found, the
 * pane reports a sender view to the server, so the pixel load of the sender's own copy counts
 * as a self view.
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
      let item: SelectedItem | null = null;
      try {
        item = await ports.mailbox.getSelectedItem();
      } catch (error) {
        ports.logger.warn('Reading the selected item failed', { error: String(error) });
      }
      const trackingId = item === null ? null : await findTrackingId(ports, item);
      // A newer selection may have arrived while this one was looked up.
      if (disposed || mine !== sequence) return;

      if (item === null || trackingId === null) {
        setSelection({ kind: 'untracked' });
        return;
      }
      setSelection({ kind: 'tracked', trackingId, item, sequence: mine });
      ports.api.reportView(trackingId).catch((error: unknown) => {
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
