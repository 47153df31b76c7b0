import type { Sender, TrackingStore } from '../store/trackingStore';
import { storedClientNetwork, type ClientAddressHashing } from '../privacy/addressHashing';
import { minimiseClientAddress, type AddressMinimisation } from './clientNetwork';

export interface SenderNetworkRecorderOptions {
  store: Pick<TrackingStore, 'recordSenderNetwork'>;
  addressMinimisation: AddressMinimisation;
  /** Set: the keyed hash of the address is stored, as the pixel stores it, in place of the network. */
  addressHashing?: ClientAddressHashing | null;
  /**
   * Each process writes a sender's network at most once per this many milliseconds. Default
   * 300 000 (5 minutes).
   */
  writeIntervalMs?: number;
  /** Sender networks remembered for the interval; the oldest goes first. Default 10 000. */
  maxEntries?: number;
  now?: () => Date;
  /** Called after a network was written, so what was read before it can be dropped. */
  onRecorded?: (sender: Sender) => void;
}

/**
 * Notes the network of each authenticated API call as one of the sender's networks, so that pixel
 * hits from it can be recognised as likely self views. Only what the pixel stores for a hit is
 * stored: the minimised network, or with hashing on the keyed hash of the address. Each process
 * writes a network at most once per interval per sender, so most API calls cost no write.
 * The classifier's window is hours long, so a last-seen time a few minutes old changes nothing.
 */
export class SenderNetworkRecorder {
  private readonly written = new Map<string, number>();
  private readonly writeIntervalMs: number;
  private readonly maxEntries: number;
  private readonly now: () => Date;

  constructor(private readonly options: SenderNetworkRecorderOptions) {
    this.writeIntervalMs = options.writeIntervalMs ?? 300_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? (() => new Date());
  }

  /** Resolves once the network is written or known to be recent; rejects when the write fails. */
  async note(sender: Sender, clientAddress: string | undefined): Promise<void> {
    const at = this.now();
    const network = storedClientNetwork(
      clientAddress,
      minimiseClientAddress(clientAddress, this.options.addressMinimisation),
      this.options.addressHashing,
      at,
    );
    if (network === null) return;
    const key = JSON.stringify([sender.tenantId, sender.objectId, network]);
    const lastWrite = this.written.get(key);
    if (lastWrite !== undefined && at.getTime() - lastWrite < this.writeIntervalMs) return;

    this.written.delete(key);
    if (this.written.size >= this.maxEntries) {
      const oldest = this.written.keys().next();
      if (oldest.done !== true) this.written.delete(oldest.value);
    }
    // Marked before the write, so concurrent calls of one sender make one write, not one each.
    this.written.set(key, at.getTime());
    try {
      await this.options.store.recordSenderNetwork(sender, network, at);
    } catch (error) {
      this.written.delete(key);
      throw error;
    }
    this.options.onRecorded?.(sender);
  }
}
