import { randomBytes } from 'node:crypto';
import { DEFAULT_CLASSIFY_OPTIONS } from '../../classify';
import { OPEN_KINDS } from '../../shared/api';
import type { NewOpen, PixelTarget, Sender, StoredHitContext, TrackingStore } from '../store/trackingStore';
import { isStoreUnavailable } from '../store/unavailable';
import {
  classifyAsUnknown,
  type Classification,
  type ClassificationContext,
  type OpenClassifier,
  type PixelHit,
} from './classification';
import { minimiseClientAddress, type AddressMinimisation } from './clientNetwork';
import { internText } from './internedText';
import {
  buildHitContextQuery,
  hasNewSenderView,
  mergeNewerOpens,
  newestSequence,
  toEarlierHits,
  type HitContextWindows,
} from './hitContext';
import { storedClientNetwork, type ClientAddressHashing } from '../privacy/addressHashing';
import { isPastTrackingAge } from '../privacy/retention';
import type { RateLimiter } from '../security/rateLimiter';
import type { OpenRecorder, RecordOutcome } from './openRecorder';
import type { PixelTargetCache } from './pixelTargetCache';
import { RecentHitMemory } from './recentHits';
import type { StoredContextCache } from './storedContextCache';

/** User agents are cut to this many characters before they are classified or stored. */
export const USER_AGENT_MAX_LENGTH = 512;

/**
 * Why a pixel request did not produce an open; `recorded` when it did, and `queued` when the open
 * waits in memory for the database (see `RecordOutcome`).
 */
export type PixelHitOutcome = RecordOutcome | 'ignored-request' | 'rate-limited' | 'unknown-id' | 'stopped';

export interface PixelRequest {
  /** Already checked with `isWellFormedTrackingId`. */
  trackingId: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  clientAddress: string | undefined;
  at: Date;
}

export interface PixelHitHandlerOptions {
  store: Pick<TrackingStore, 'findPixelTarget' | 'loadHitContext'>;
  recorder: OpenRecorder;
  cache: PixelTargetCache;
  classifier?: OpenClassifier;
  /** How far back the context of a hit is read. Default: the classifier's default windows. */
  contextWindows?: HitContextWindows;
  addressMinimisation: AddressMinimisation;
  /** Set: a keyed hash of the address is stored in place of the truncated network. */
  addressHashing?: ClientAddressHashing | null;
  /** A tracked message older than this many days records nothing, even before the purge stops it. */
  trackingMaxAgeDays?: number;
  /** Reuses the stored context of a message for a short time. Default: a read for every hit. */
  storedContexts?: StoredContextCache;
  /** Counts hits per truncated client network; hits over the limit are not recorded. */
  rateLimiter?: RateLimiter;
  /** Called for each hit over the rate limit, for the metric. */
  onRateLimited?(): void;
  /**
   * Called when the lookup, the context read or the classifier fails. The hit itself never fails:
   * without its context it is classified on its own.
   */
  onError(error: Error, stage: PixelHitStage, trackingId: string): void;
}

export type PixelHitStage = 'lookup' | 'context' | 'classify';

/** A hit on a pixel whose message was found and records opens. */
interface TargetedHit extends PixelHit {
  target: PixelTarget;
}

const NO_STORED_CONTEXT: StoredHitContext = { recentOpens: [], senderViews: [], senderNetworks: [] };

// A conditional or partial request is a cache revalidation or a resumed download, not a new view.
const NON_RECORDING_HEADERS = [
  'range',
  'if-none-match',
  'if-modified-since',
  'if-match',
  'if-unmodified-since',
  'if-range',
];

/** Client addresses whose networks are kept before the table is emptied and filled again. */
const MAX_KEPT_NETWORKS = 10_000;

/** Decides whether a pixel request is an open and, if so, classifies and records it. */
export class PixelHitHandler {
  private readonly options: PixelHitHandlerOptions;
  private readonly classifier: OpenClassifier;
  private readonly windows: HitContextWindows;
  private readonly recentHits: RecentHitMemory;
  /** Networks of recent client addresses, by address. */
  private readonly networks = new Map<string, string | null>();

  constructor(options: PixelHitHandlerOptions) {
    this.options = options;
    this.classifier = options.classifier ?? classifyAsUnknown;
    this.windows = options.contextWindows ?? DEFAULT_CLASSIFY_OPTIONS;
    const lookBackSeconds = Math.max(this.windows.repeatWindowSeconds, this.windows.burstWindowSeconds);
    this.recentHits = new RecentHitMemory({ retentionMs: lookBackSeconds * 1000 });
  }

  /** Drops what this process remembers of a message's hits, after it was deleted or reclassified. */
  forgetHits(trackingId: string): void {
    this.recentHits.forget(trackingId);
    this.options.storedContexts?.forgetMessage(trackingId);
  }

  /** Drops the stored context kept for a message, after a view of it was recorded. */
  forgetStoredContext(trackingId: string): void {
    this.options.storedContexts?.forgetMessage(trackingId);
  }

  /** Drops the stored contexts kept for a sender's messages, after a new network of theirs was recorded. */
  forgetSenderContexts(sender: Sender): void {
    this.options.storedContexts?.forgetSender(sender);
  }

  /** Resolves once the open is committed or known to be lost; it never rejects. */
  async handle(request: PixelRequest): Promise<PixelHitOutcome> {
    if (!isRecordableRequest(request)) {
      return 'ignored-request';
    }
    const network = this.networkOf(request.clientAddress);
    if (this.options.rateLimiter?.take(network ?? 'no-address').allowed === false) {
      this.options.onRateLimited?.();
      return 'rate-limited';
    }
    // A cached result is used without an `await`, which costs a promise and a microtask turn.
    const cachedTarget = this.options.cache.peek(request.trackingId);
    const target = cachedTarget !== undefined ? cachedTarget : await this.lookUpTarget(request.trackingId);
    if (target === 'unreachable') {
      return this.options.recorder.recordLater(() => this.openOfDeferredHit(request, network));
    }
    if (target === 'failed') {
      return 'failed';
    }
    const hit = this.hitOf(request, network, target);
    if (typeof hit === 'string') {
      return hit;
    }
    const stored =
      this.options.storedContexts?.peek(hit.trackingId, hit.clientNetwork) ??
      (await this.loadStoredContext(hit.target, hit));
    return this.options.recorder.record(this.openOf(hit, stored));
  }

  /**
   * Looks up the message of a hit that arrived while the database was unreachable, and returns the
   * hit's open, or null when it records nothing. Rejects while the database is still unreachable.
   */
  private async openOfDeferredHit(request: PixelRequest, network: string | null): Promise<NewOpen | null> {
    let target: PixelTarget | null;
    try {
      target = await this.findTarget(request.trackingId);
    } catch (error) {
      if (isStoreUnavailable(error)) throw error;
      this.options.onError(asError(error), 'lookup', request.trackingId);
      return null;
    }
    const hit = this.hitOf(request, network, target);
    if (typeof hit === 'string') {
      return null;
    }
    const stored =
      this.options.storedContexts?.peek(hit.trackingId, hit.clientNetwork) ??
      (await this.loadStoredContext(hit.target, hit));
    return this.openOf(hit, stored);
  }

  /** The hit of a request for `target`'s pixel, or why the request records nothing. */
  private hitOf(
    request: PixelRequest,
    network: string | null,
    target: PixelTarget | null,
  ): TargetedHit | 'unknown-id' | 'stopped' {
    if (target === null) {
      return 'unknown-id';
    }
    const { trackingMaxAgeDays } = this.options;
    if (
      !target.active ||
      (trackingMaxAgeDays !== undefined &&
        isPastTrackingAge(target.createdAt, request.at, trackingMaxAgeDays))
    ) {
      return 'stopped';
    }
    return {
      target,
      trackingId: request.trackingId,
      at: request.at,
      method: request.method,
      userAgent: internText(boundedUserAgent(request.headers['user-agent'])),
      clientAddress: request.clientAddress ?? null,
      clientNetwork: internText(
        storedClientNetwork(request.clientAddress, network, this.options.addressHashing, request.at),
      ),
    };
  }

  /** Classifies `hit` with its context, remembers it for the hits after it, and returns its open. */
  private openOf(hit: TargetedHit, stored: StoredHitContext): NewOpen {
    const { target } = hit;
    // From here to `remember` nothing waits: the recent-hit list is changed in place by `remember`.
    const context: ClassificationContext = {
      sender: target.sender,
      createdAt: target.createdAt,
      sentAt: target.sentAt,
      earlierHits: joinLists(
        toEarlierHits(stored.recentOpens),
        this.recentHits.recent(hit.trackingId, hit.at),
      ),
      senderViews: stored.senderViews,
      senderNetworks: stored.senderNetworks,
    };
    const classification = this.classify(hit, context);
    this.recentHits.remember(hit.trackingId, {
      at: hit.at,
      atMs: hit.at.getTime(),
      userAgent: hit.userAgent,
      clientNetwork: hit.clientNetwork,
      kind: classification.kind,
    });
    return {
      hitId: newHitId(hit.at),
      trackingId: hit.trackingId,
      tenantId: target.sender.tenantId,
      at: hit.at,
      method: hit.method,
      userAgent: hit.userAgent,
      clientNetwork: hit.clientNetwork,
      ...classification,
    };
  }

  /**
   * Returns the minimised network of `address`, kept for the next hit from it, because proxies and
   * scanners send many hits from one address.
   */
  private networkOf(address: string | undefined): string | null {
    if (address === undefined) return null;
    let network = this.networks.get(address);
    if (network === undefined) {
      network = minimiseClientAddress(address, this.options.addressMinimisation);
      if (this.networks.size >= MAX_KEPT_NETWORKS) this.networks.clear();
      this.networks.set(address, network);
    }
    return network;
  }

  /**
   * Looks the tracking id up through the cache. Returns `unreachable` when the database could not
   * be reached, so that the hit can wait for it, and `failed` when the lookup failed otherwise.
   */
  private async lookUpTarget(trackingId: string): Promise<PixelTarget | null | 'unreachable' | 'failed'> {
    try {
      return await this.findTarget(trackingId);
    } catch (error) {
      if (isStoreUnavailable(error)) return 'unreachable';
      this.options.onError(asError(error), 'lookup', trackingId);
      return 'failed';
    }
  }

  private findTarget(trackingId: string): Promise<PixelTarget | null> {
    return this.options.cache.get(trackingId, (id) => this.options.store.findPixelTarget(id));
  }

  /**
   * Reads the hit's stored context: earlier opens, sender views and networks. Returns an empty
   * context when the read fails.
   */
  private async loadStoredContext(target: PixelTarget, hit: PixelHit): Promise<StoredHitContext> {
    let stored = NO_STORED_CONTEXT;
    // Built only on a read: most hits are served from the cache.
    const buildQuery = () => buildHitContextQuery(target.sender, hit.trackingId, hit, this.windows);
    const load = () => this.options.store.loadHitContext(buildQuery());
    const loadNewer = async (previous: StoredHitContext): Promise<StoredHitContext | null> => {
      const query = buildQuery();
      const newer = await this.options.store.loadHitContext({
        ...query,
        opensAfterSequence: newestSequence(previous.recentOpens),
      });
      // A new view may have reclassified opens read before, so the context is read again in full.
      if (hasNewSenderView(newer.senderViews, previous.senderViews)) return null;
      return {
        ...newer,
        recentOpens: mergeNewerOpens(
          newer.recentOpens,
          previous.recentOpens,
          query.opensSince,
          query.maxOpens,
        ),
      };
    };
    try {
      stored =
        this.options.storedContexts === undefined
          ? await load()
          : await this.options.storedContexts.get(
              target.sender,
              hit.trackingId,
              hit.clientNetwork,
              load,
              loadNewer,
            );
    } catch (error) {
      this.options.onError(asError(error), 'context', hit.trackingId);
    }
    return stored;
  }

  private classify(hit: PixelHit, context: ClassificationContext): Classification {
    try {
      const result = this.classifier(hit, context);
      if (!isValidClassification(result)) {
        throw new Error(`The classifier returned an invalid classification: ${JSON.stringify(result)}.`);
      }
      return {
        kind: result.kind,
        confidence: result.confidence,
        reasons: [...result.reasons],
        counted: result.counted,
      };
    } catch (error) {
      this.options.onError(asError(error), 'classify', hit.trackingId);
      return { kind: 'unknown', confidence: 0, reasons: ['classifier-failed'], counted: true };
    }
  }
}

/** Returns both lists as one, without a copy when one of them is empty. */
function joinLists<T>(first: readonly T[], second: readonly T[]): readonly T[] {
  if (second.length === 0) return first;
  if (first.length === 0) return second;
  return first.concat(second);
}

function isRecordableRequest(request: PixelRequest): boolean {
  // Fastify serves HEAD with the GET handler, so the method check is what keeps HEAD from counting.
  if (request.method !== 'GET') {
    return false;
  }
  return NON_RECORDING_HEADERS.every((name) => request.headers[name] === undefined);
}

function boundedUserAgent(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === '') {
    return null;
  }
  return text.slice(0, USER_AGENT_MAX_LENGTH);
}

function isValidClassification(value: Classification): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (OPEN_KINDS as readonly string[]).includes(value.kind) &&
    typeof value.confidence === 'number' &&
    value.confidence >= 0 &&
    value.confidence <= 1 &&
    Array.isArray(value.reasons) &&
    value.reasons.every((reason) => typeof reason === 'string') &&
    typeof value.counted === 'boolean'
  );
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Random bytes drawn at once for many hit ids, because one system call per hit showed in profiles. */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomPoolOffset = 0;

/**
 * Returns a unique id for one hit that sorts by time: the time in base 36, then 64 random bits.
 * Ids of new hits then land at the end of the store's index instead of at random places in it.
 * A random UUID there cost a third of SQLite's time per open (`node bench/open-writes.js`).
 */
export function newHitId(at: Date): string {
  if (randomPoolOffset + 8 > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomPoolOffset = 0;
  }
  const random = randomPool.toString('base64url', randomPoolOffset, randomPoolOffset + 8);
  randomPoolOffset += 8;
  const time = Math.max(0, at.getTime()).toString(36).padStart(9, '0');
  return `${time}${random}`;
}
