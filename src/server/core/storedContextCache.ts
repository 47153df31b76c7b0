import type { Sender, StoredHitContext } from '../store/trackingStore';

export interface StoredContextCacheOptions {
  /** How long one store read serves later hits on the same message from the same network. */
  ttlMs: number;
  /** Entries kept; the oldest goes first. Default 10 000. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  context: StoredHitContext;
  senderKey: string;
  expiresAt: number;
}

interface Load {
  context: Promise<StoredHitContext>;
  senderKey: string;
}

/**
 * The stored part of a hit's context (earlier opens, sender views, the sender's entry for the
 * hit's network), kept per tracking id and client network for a short time. A message fetched many
 * times a second then costs one store read per interval instead of one per hit.
 *
 * It is exact for what this process writes: the hits it records are in the recent-hit memory,
 * which the pixel path adds to every context, and the view and network writes of this process
 * drop the entries they change. What other processes write on a shared PostgreSQL database is
 * seen once the entry expires, so the interval there is kept short.
 *
 * Hits that miss while a read for their key is running share that read, so a burst of fetches of
 * one message (a scanner opening every recipient's copy at once) costs one read, not one per hit.
 */
export class StoredContextCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loads = new Map<string, Load>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: StoredContextCacheOptions) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async get(
    sender: Sender,
    trackingId: string,
    clientNetwork: string | null,
    load: () => Promise<StoredHitContext>,
  ): Promise<StoredHitContext> {
    if (this.options.ttlMs <= 0) return load();
    const key = entryKey(trackingId, clientNetwork);
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expiresAt > this.now()) return entry.context;
    const running = this.loads.get(key);
    if (running !== undefined) return running.context;

    const started: Load = { context: load(), senderKey: senderKeyOf(sender) };
    this.loads.set(key, started);
    let context: StoredHitContext;
    try {
      context = await started.context;
    } catch (error) {
      if (this.loads.get(key) === started) this.loads.delete(key);
      throw error;
    }
    // A forget during the read removed the load: its result may predate the change, so it is not kept.
    if (this.loads.get(key) !== started) return context;
    this.loads.delete(key);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, {
      context,
      senderKey: started.senderKey,
      expiresAt: this.now() + this.options.ttlMs,
    });
    return context;
  }

  /** Drops the entries of one message, after a view report, a reclassification or a deletion. */
  forgetMessage(trackingId: string): void {
    const prefix = entryKey(trackingId, '');
    for (const map of [this.entries, this.loads]) {
      for (const key of map.keys()) {
        if (key.startsWith(prefix)) map.delete(key);
      }
    }
  }

  /** Drops the entries of one sender's messages, after a new network of theirs was written. */
  forgetSender(sender: Sender): void {
    const senderKey = senderKeyOf(sender);
    for (const map of [this.entries, this.loads]) {
      for (const [key, entry] of map) {
        if (entry.senderKey === senderKey) map.delete(key);
      }
    }
  }
}

/** Builds the entry key. The tracking id comes first, so one message's keys share a prefix, and ids contain no NUL. */
function entryKey(trackingId: string, clientNetwork: string | null): string {
  return `${trackingId}\u0000${clientNetwork ?? ''}`;
}

function senderKeyOf(sender: Sender): string {
  return `${sender.tenantId}\u0000${sender.objectId}`;
}
