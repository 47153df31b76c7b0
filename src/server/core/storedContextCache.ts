import type { Sender, StoredHitContext } from '../store/trackingStore';

export interface StoredContextCacheOptions {
  /** How long one store read serves later hits on the same message from the same network. */
  ttlMs: number;
  /**
   * How long after a full read an expired entry is brought up to date with the caller's
   * `loadNewer` (only the opens recorded since) instead of being read again in full. Default 0:
   * every read is a full read.
   */
  fullReadIntervalMs?: number;
  /**
   * Entries kept. When full, the message whose entry was stored least recently goes first, with
   * all its networks. Default 10 000.
   */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  context: StoredHitContext;
  senderKey: string;
  expiresAt: number;
  /** When the last full read of this entry started. */
  fullReadAt: number;
}

interface LoadResult {
  context: StoredHitContext;
  fullReadAt: number;
}

interface Load {
  result: Promise<LoadResult>;
  senderKey: string;
}

/**
 * Brings an earlier context up to date, or returns null when it must be read again in full (for
 * example because a new sender view may have reclassified its opens).
 */
export type LoadNewerContext = (previous: StoredHitContext) => Promise<StoredHitContext | null>;

/**
 * The stored part of a hit's context (earlier opens, sender views, the sender's entry for the
 * hit's network), kept per tracking id and client network for a short time. A message fetched many
 * times a second then costs one store read per interval instead of one per hit.
 *
 * It is exact for what this process writes: the hits it records are in the recent-hit memory,
 * which the pixel path adds to every context, and the view and network writes of this process
 * drop the entries they change. What other processes write on a shared PostgreSQL database is
 * seen once the entry expires, so the interval there is kept short. With `fullReadIntervalMs`,
 * most of those reads fetch only the opens recorded since the last one, and a change to an open
 * already read (a reclassification by another process) is seen after the next full read.
 *
 * Hits that miss while a read for their key is running share that read, so a burst of fetches of
 * one message (a scanner opening every recipient's copy at once) costs one read, not one per hit.
 */
export class StoredContextCache {
  /**
   * Entries by tracking id, then by client network (`''` for none), so a hit finds its entry
   * without building a key and a forget finds a message's entries directly. Messages are in the
   * order their entries were last stored.
   */
  private readonly messages = new Map<string, Map<string, Entry>>();
  private entryCount = 0;
  private readonly loads = new Map<string, Load>();
  private readonly maxEntries: number;
  private readonly fullReadIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: StoredContextCacheOptions) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.fullReadIntervalMs = options.fullReadIntervalMs ?? 0;
    this.now = options.now ?? Date.now;
  }

  /** Returns the unexpired entry for the hit without a read, or undefined when there is none. */
  peek(trackingId: string, clientNetwork: string | null): StoredHitContext | undefined {
    if (this.options.ttlMs <= 0) return undefined;
    const entry = this.messages.get(trackingId)?.get(clientNetwork ?? '');
    return entry !== undefined && entry.expiresAt > this.now() ? entry.context : undefined;
  }

  /**
   * Returns the entry for the hit, reading it with `load` when it is missing or expired. An
   * expired entry read in full less than `fullReadIntervalMs` ago is brought up to date with
   * `loadNewer` instead.
   */
  async get(
    sender: Sender,
    trackingId: string,
    clientNetwork: string | null,
    load: () => Promise<StoredHitContext>,
    loadNewer?: LoadNewerContext,
  ): Promise<StoredHitContext> {
    if (this.options.ttlMs <= 0) return load();
    const now = this.now();
    const entry = this.messages.get(trackingId)?.get(clientNetwork ?? '');
    if (entry !== undefined && entry.expiresAt > now) return entry.context;
    const key = entryKey(trackingId, clientNetwork);
    const running = this.loads.get(key);
    if (running !== undefined) return (await running.result).context;

    const refresh =
      entry !== undefined && loadNewer !== undefined && now - entry.fullReadAt < this.fullReadIntervalMs;
    const started: Load = {
      result: refresh ? refreshEntry(entry, load, loadNewer, now) : readInFull(load, now),
      senderKey: senderKeyOf(sender),
    };
    this.loads.set(key, started);
    let result: LoadResult;
    try {
      result = await started.result;
    } catch (error) {
      if (this.loads.get(key) === started) this.loads.delete(key);
      throw error;
    }
    // A forget during the read removed the load: its result may predate the change, so it is not kept.
    if (this.loads.get(key) !== started) return result.context;
    this.loads.delete(key);
    this.store(trackingId, clientNetwork ?? '', {
      context: result.context,
      senderKey: started.senderKey,
      expiresAt: this.now() + this.options.ttlMs,
      fullReadAt: result.fullReadAt,
    });
    return result.context;
  }

  /** Drops the entries of one message, after a view report, a reclassification or a deletion. */
  forgetMessage(trackingId: string): void {
    this.entryCount -= this.messages.get(trackingId)?.size ?? 0;
    this.messages.delete(trackingId);
    // Only the reads running now are in `loads`, so this loop stays short.
    const prefix = entryKey(trackingId, '');
    for (const key of this.loads.keys()) {
      if (key.startsWith(prefix)) this.loads.delete(key);
    }
  }

  /** Drops the entries of one sender's messages, after a new network of theirs was written. */
  forgetSender(sender: Sender): void {
    const senderKey = senderKeyOf(sender);
    for (const [trackingId, networks] of this.messages) {
      for (const [network, entry] of networks) {
        if (entry.senderKey !== senderKey) continue;
        networks.delete(network);
        this.entryCount -= 1;
      }
      if (networks.size === 0) this.messages.delete(trackingId);
    }
    for (const [key, load] of this.loads) {
      if (load.senderKey === senderKey) this.loads.delete(key);
    }
  }

  private store(trackingId: string, network: string, entry: Entry): void {
    let networks = this.messages.get(trackingId);
    if (networks?.delete(network) === true) this.entryCount -= 1;
    if (this.entryCount >= this.maxEntries) {
      const oldest = this.messages.entries().next();
      if (oldest.done !== true) {
        this.entryCount -= oldest.value[1].size;
        this.messages.delete(oldest.value[0]);
        if (oldest.value[0] === trackingId) networks = undefined;
      }
    }
    networks ??= new Map();
    // Re-inserting moves the message to the end, so the first one is the least recently stored.
    this.messages.delete(trackingId);
    this.messages.set(trackingId, networks);
    networks.set(network, entry);
    this.entryCount += 1;
  }
}

async function readInFull(load: () => Promise<StoredHitContext>, now: number): Promise<LoadResult> {
  return { context: await load(), fullReadAt: now };
}

async function refreshEntry(
  entry: Entry,
  load: () => Promise<StoredHitContext>,
  loadNewer: LoadNewerContext,
  now: number,
): Promise<LoadResult> {
  const context = await loadNewer(entry.context);
  return context === null ? readInFull(load, now) : { context, fullReadAt: entry.fullReadAt };
}

/** Builds the entry key. The tracking id comes first, so one message's keys share a prefix, and ids contain no NUL. */
function entryKey(trackingId: string, clientNetwork: string | null): string {
  return `${trackingId}\u0000${clientNetwork ?? ''}`;
}

function senderKeyOf(sender: Sender): string {
  return `${sender.tenantId}\u0000${sender.objectId}`;
}
