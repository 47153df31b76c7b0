/**
 * Where the add-in remembers that a draft is tracked. The durable mark is the custom property
 * `trackingId`, stored per add-in on the item and kept on the Sent Items copy. The session mark
 * covers repeated clicks and the time between queuing the pixel and saving that property.
 */
export const TRACKING_ID_PROPERTY = 'trackingId';

/** Internet headers the add-in sets on a tracked draft (Mailbox 1.8). */
export const TRACKING_ID_HEADER = 'X-Readmark-Id';
export const READ_RECEIPT_HEADER = 'Disposition-Notification-To';

const trackedInSession = new WeakMap<object, string>();
const clientRequestIds = new WeakMap<object, string>();
let busy = false;

export const session = {
  trackingIdOf: (item: object): string | undefined => trackedInSession.get(item),
  markTracked: (item: object, trackingId: string): void => void trackedInSession.set(item, trackingId),
  forget: (item: object): void => void trackedInSession.delete(item),

  /** The draft's client request id, created once so a retry after a failure cannot register twice. */
  clientRequestIdOf(item: object, create: () => string): string {
    let id = clientRequestIds.get(item);
    if (id === undefined) {
      id = create();
      clientRequestIds.set(item, id);
    }
    return id;
  },

  /**
   * Takes the one tracking-operation slot of this page; false while another operation runs.
   * NOTE: the slot is per page. A client that loads a fresh function-file page for each click
   * (the simulator does) can run two clicks at once; the custom property then stops only later ones.
   */
  tryBegin(): boolean {
    if (busy) {
      return false;
    }
    busy = true;
    return true;
  },
  end(): void {
    busy = false;
  },
};
