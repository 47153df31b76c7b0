import { createOpenClassifier } from '../../../src/server/core/openClassifier';
import { OpenRecorder } from '../../../src/server/core/openRecorder';
import { PixelHitHandler } from '../../../src/server/core/pixelHits';
import { PixelTargetCache } from '../../../src/server/core/pixelTargetCache';
import { StoredContextCache } from '../../../src/server/core/storedContextCache';
import type {
  HitContextQuery,
  NewOpen,
  PixelTarget,
  StoredHitContext,
  StoredOpen,
} from '../../../src/server/store/trackingStore';

const SENT_MS = Date.UTC(2026, 11, 1, 9);
const OUTLOOK = 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)';
const TARGET: PixelTarget = {
  trackingId: 'AAAAAAAAAAAAAAAAAAAAAA',
  sender: { tenantId: 'tenant-1', objectId: 'alex' },
  active: true,
  sentAt: new Date(SENT_MS),
  createdAt: new Date(SENT_MS),
};

function storedOpen(sequence: number, atMs: number, clientNetwork: string): StoredOpen {
  return {
    trackingId: TARGET.trackingId,
    tenantId: TARGET.sender.tenantId,
    sequence,
    at: new Date(atMs),
    method: 'GET',
    userAgent: OUTLOOK,
    clientNetwork,
    kind: 'human',
    confidence: 0.9,
    reasons: ['outlook'],
    counted: true,
  };
}

describe('PixelHitHandler stored context refresh', () => {
  let nowMs: number;
  let queries: HitContextQuery[];
  let storedOpens: StoredOpen[];
  let recorded: NewOpen[];

  beforeEach(() => {
    nowMs = SENT_MS + 3_600_000;
    queries = [];
    storedOpens = [];
    recorded = [];
  });

  function handler(): PixelHitHandler {
    return new PixelHitHandler({
      store: {
        findPixelTarget: () => Promise.resolve(TARGET),
        loadHitContext: (query): Promise<StoredHitContext> => {
          queries.push(query);
          const after = query.opensAfterSequence ?? 0;
          const recentOpens = storedOpens.filter((open) => open.sequence > after).reverse();
          return Promise.resolve({ recentOpens, senderViews: [], senderNetworks: [] });
        },
      },
      recorder: {
        record: (open: NewOpen) => {
          recorded.push(open);
          return Promise.resolve('recorded');
        },
      } as unknown as OpenRecorder,
      cache: new PixelTargetCache(),
      classifier: createOpenClassifier(),
      addressMinimisation: { ipv4PrefixBits: 24, ipv6PrefixBits: 48 },
      storedContexts: new StoredContextCache({ ttlMs: 1000, fullReadIntervalMs: 10_000, now: () => nowMs }),
      onError: (error) => {
        throw error;
      },
    });
  }

  function hit(target: PixelHitHandler, clientAddress: string) {
    return target.handle({
      trackingId: TARGET.trackingId,
      method: 'GET',
      headers: { 'user-agent': OUTLOOK },
      clientAddress,
      at: new Date(nowMs),
    });
  }

  it('reads only newer opens and sees a burst in them', async () => {
    const target = handler();
    storedOpens.push(storedOpen(1, nowMs - 60_000, '198.51.100.0/24'));
    await hit(target, '192.0.2.10');
    // Another process records opens from two other networks after the first read.
    storedOpens.push(storedOpen(2, nowMs - 500, '203.0.113.0/24'), storedOpen(3, nowMs, '233.252.0.0/24'));
    nowMs += 1000;

    await hit(target, '192.0.2.10');

    expect(queries.map((query) => query.opensAfterSequence)).toEqual([undefined, 1]);
    expect(recorded[1]?.reasons).toContain('burst');
  });

  it('stores the network of each client address', async () => {
    const target = handler();

    for (const address of [
      '192.0.2.10',
      '2001:db8:1:2::7',
      '192.0.2.10',
      'not-an-address',
      '::ffff:192.0.2.99',
    ]) {
      await hit(target, address);
    }

    expect(recorded.map((open) => open.clientNetwork)).toEqual([
      '192.0.2.0/24',
      '2001:db8:1::/48',
      '192.0.2.0/24',
      null,
      '192.0.2.0/24',
    ]);
  });
});

describe('PixelHitHandler while the database is unreachable', () => {
  const HIT_MS = SENT_MS + 3_600_000;
  let up: boolean;
  let targets: Map<string, PixelTarget>;
  let committed: NewOpen[];
  let recorder: OpenRecorder;

  beforeEach(() => {
    up = false;
    targets = new Map([[TARGET.trackingId, TARGET]]);
    committed = [];
    recorder = new OpenRecorder(
      {
        recordOpens: (opens) => {
          committed.push(...opens);
          return Promise.resolve();
        },
      },
      { retryInitialDelayMs: 1, retryMaxDelayMs: 4 },
    );
  });

  function connectionRefused(): Promise<never> {
    return Promise.reject(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    );
  }

  function handler(): PixelHitHandler {
    return new PixelHitHandler({
      store: {
        findPixelTarget: (trackingId) =>
          up ? Promise.resolve(targets.get(trackingId) ?? null) : connectionRefused(),
        loadHitContext: () => Promise.resolve({ recentOpens: [], senderViews: [], senderNetworks: [] }),
      },
      recorder,
      cache: new PixelTargetCache(),
      classifier: createOpenClassifier(),
      addressMinimisation: { ipv4PrefixBits: 24, ipv6PrefixBits: 48 },
      onError: (error) => {
        throw error;
      },
    });
  }

  function hit(target: PixelHitHandler, trackingId: string) {
    return target.handle({
      trackingId,
      method: 'GET',
      headers: { 'user-agent': OUTLOOK },
      clientAddress: '192.0.2.10',
      at: new Date(HIT_MS),
    });
  }

  async function databaseReturns(): Promise<void> {
    up = true;
    while (recorder.backlog > 0) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  it('queues a hit until its lookup succeeds', async () => {
    const outcome = await hit(handler(), TARGET.trackingId);
    await databaseReturns();

    expect(outcome).toBe('queued');
    expect(committed).toHaveLength(1);
    expect(committed[0]).toMatchObject({
      trackingId: TARGET.trackingId,
      tenantId: TARGET.sender.tenantId,
      at: new Date(HIT_MS),
      userAgent: OUTLOOK,
      clientNetwork: '192.0.2.0/24',
    });
  });

  it('drops queued hits on unknown or stopped messages', async () => {
    const stoppedId = 'BBBBBBBBBBBBBBBBBBBBBB';
    targets.set(stoppedId, { ...TARGET, trackingId: stoppedId, active: false });
    const target = handler();

    const outcomes = [await hit(target, 'CCCCCCCCCCCCCCCCCCCCCC'), await hit(target, stoppedId)];
    await databaseReturns();

    expect(outcomes).toEqual(['queued', 'queued']);
    expect(committed).toEqual([]);
  });
});
