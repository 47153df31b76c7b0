import { StoredContextCache } from '../../../src/server/core/storedContextCache';
import type { Sender, StoredHitContext } from '../../../src/server/store/trackingStore';

const ALEX: Sender = { tenantId: 'tenant-1', objectId: 'alex' };
const BLAIR: Sender = { tenantId: 'tenant-1', objectId: 'blair' };

function context(marker: number): StoredHitContext {
  return { recentOpens: [], senderViews: [new Date(marker)], senderNetworks: [] };
}

describe('StoredContextCache', () => {
  let nowMs: number;
  let reads: string[];

  beforeEach(() => {
    nowMs = 1_000_000;
    reads = [];
  });

  function cache(ttlMs = 1000, maxEntries?: number) {
    return new StoredContextCache({
      ttlMs,
      now: () => nowMs,
      ...(maxEntries === undefined ? {} : { maxEntries }),
    });
  }

  function read(target: StoredContextCache, sender: Sender, trackingId: string, network: string | null) {
    return target.get(sender, trackingId, network, () => {
      reads.push(`${trackingId} ${network ?? '-'}`);
      return Promise.resolve(context(reads.length));
    });
  }

  it('reuses one read per message and network until it expires', async () => {
    const target = cache();

    const first = await read(target, ALEX, 'm1', '192.0.2.0/24');
    nowMs += 999;
    const second = await read(target, ALEX, 'm1', '192.0.2.0/24');
    await read(target, ALEX, 'm1', '198.51.100.0/24');
    nowMs += 1;
    await read(target, ALEX, 'm1', '192.0.2.0/24');

    expect(second).toBe(first);
    expect(reads).toEqual(['m1 192.0.2.0/24', 'm1 198.51.100.0/24', 'm1 192.0.2.0/24']);
  });

  /** Returns a read that settles when the test calls `release` or `fail`. */
  function heldRead() {
    let release: (value: StoredHitContext) => void = () => undefined;
    let fail: (error: Error) => void = () => undefined;
    const pending = new Promise<StoredHitContext>((resolve, reject) => {
      release = resolve;
      fail = reject;
    });
    const load = jest.fn(() => pending);
    return { load, release, fail };
  }

  it('shares one running read among the hits that miss meanwhile', async () => {
    const target = cache();
    const { load, release } = heldRead();

    const hits = [1, 2, 3].map(() => target.get(ALEX, 'm1', 'a', load));
    release(context(7));

    const contexts = await Promise.all(hits);
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(contexts).size).toBe(1);
    await read(target, ALEX, 'm1', 'a');
    expect(reads).toEqual([]);
  });

  it('does not keep a read that a forget overtook', async () => {
    const target = cache();
    const { load, release } = heldRead();

    const before = target.get(ALEX, 'm1', 'a', load);
    target.forgetMessage('m1');
    const after = read(target, ALEX, 'm1', 'a');
    release(context(7));

    expect((await before).senderViews).toEqual([new Date(7)]);
    expect((await after).senderViews).toEqual([new Date(1)]);
    await read(target, ALEX, 'm1', 'a');
    expect(reads).toEqual(['m1 a']);
  });

  it('passes a failed read to every waiting hit', async () => {
    const target = cache();
    const { load, fail } = heldRead();

    const hits = [1, 2].map(() => target.get(ALEX, 'm1', 'a', load));
    fail(new Error('connection lost'));

    for (const hit of hits) await expect(hit).rejects.toThrow('connection lost');
    await read(target, ALEX, 'm1', 'a');
    expect(reads).toEqual(['m1 a']);
  });

  it('reads every time with a zero interval', async () => {
    const target = cache(0);

    await read(target, ALEX, 'm1', null);
    await read(target, ALEX, 'm1', null);

    expect(reads).toHaveLength(2);
  });

  it('forgets one message on every network', async () => {
    const target = cache();
    await read(target, ALEX, 'm1', 'a');
    await read(target, ALEX, 'm1', 'b');
    await read(target, ALEX, 'm10', 'a');

    target.forgetMessage('m1');
    await read(target, ALEX, 'm1', 'a');
    await read(target, ALEX, 'm1', 'b');
    await read(target, ALEX, 'm10', 'a');

    expect(reads).toEqual(['m1 a', 'm1 b', 'm10 a', 'm1 a', 'm1 b']);
  });

  it('forgets only the named sender’s messages', async () => {
    const target = cache();
    await read(target, ALEX, 'm1', null);
    await read(target, BLAIR, 'm2', null);

    target.forgetSender(ALEX);
    await read(target, ALEX, 'm1', null);
    await read(target, BLAIR, 'm2', null);

    expect(reads).toEqual(['m1 -', 'm2 -', 'm1 -']);
  });

  it('drops the oldest entry when full', async () => {
    const target = cache(1000, 2);
    await read(target, ALEX, 'm1', null);
    await read(target, ALEX, 'm2', null);
    await read(target, ALEX, 'm3', null);

    await read(target, ALEX, 'm2', null);
    await read(target, ALEX, 'm1', null);

    expect(reads).toEqual(['m1 -', 'm2 -', 'm3 -', 'm1 -']);
  });

  it('evicts a whole message when full', async () => {
    const target = cache(1000, 3);
    await read(target, ALEX, 'm1', 'a');
    await read(target, ALEX, 'm1', 'b');
    await read(target, ALEX, 'm2', 'a');
    await read(target, ALEX, 'm3', 'a');

    await read(target, ALEX, 'm2', 'a');
    await read(target, ALEX, 'm3', 'a');
    await read(target, ALEX, 'm1', 'b');

    expect(reads).toEqual(['m1 a', 'm1 b', 'm2 a', 'm3 a', 'm1 b']);
  });

  it('has room again for the entries it forgot', async () => {
    const target = cache(1000, 2);
    await read(target, ALEX, 'm1', 'a');
    await read(target, BLAIR, 'm2', 'a');
    target.forgetSender(ALEX);
    target.forgetMessage('m2');

    await read(target, ALEX, 'm3', 'a');
    await read(target, ALEX, 'm4', 'a');
    await read(target, ALEX, 'm3', 'a');

    expect(reads).toEqual(['m1 a', 'm2 a', 'm3 a', 'm4 a']);
  });

  it('peeks at unexpired entries without reading', async () => {
    const target = cache();
    const first = await read(target, ALEX, 'm1', 'a');

    expect(target.peek('m1', 'a')).toBe(first);
    expect(target.peek('m1', null)).toBeUndefined();
    nowMs += 1000;
    expect(target.peek('m1', 'a')).toBeUndefined();
    expect(cache(0).peek('m1', 'a')).toBeUndefined();
    expect(reads).toEqual(['m1 a']);
  });

  it('keeps nothing when the read fails', async () => {
    const target = cache();
    await expect(
      target.get(ALEX, 'm1', null, () => Promise.reject(new Error('database locked'))),
    ).rejects.toThrow('database locked');

    await read(target, ALEX, 'm1', null);

    expect(reads).toEqual(['m1 -']);
  });

  describe('refreshes', () => {
    function refreshingCache() {
      return new StoredContextCache({ ttlMs: 1000, fullReadIntervalMs: 10_000, now: () => nowMs });
    }

    /** Reads m1 in full with `load`, or brings it up to date with `newer` (null: read it in full). */
    function readOrRefresh(target: StoredContextCache, newer: StoredHitContext | null = context(-1)) {
      return target.get(
        ALEX,
        'm1',
        null,
        () => {
          reads.push('full');
          return Promise.resolve(context(reads.length));
        },
        (previous) => {
          reads.push(`newer than ${previous.senderViews[0]?.getTime()}`);
          return Promise.resolve(newer);
        },
      );
    }

    it('brings an expired entry up to date within the interval', async () => {
      const target = refreshingCache();
      await readOrRefresh(target);
      nowMs += 1000;

      const refreshed = await readOrRefresh(target);

      expect(reads).toEqual(['full', 'newer than 1']);
      expect(refreshed.senderViews).toEqual([new Date(-1)]);
    });

    it('reads in full once the interval has passed', async () => {
      const target = refreshingCache();
      await readOrRefresh(target);
      for (let second = 1; second <= 10; second += 1) {
        nowMs += 1000;
        await readOrRefresh(target, context(1));
      }

      expect(reads.filter((entry) => entry === 'full')).toHaveLength(2);
      expect(reads.at(-1)).toBe('full');
    });

    it('reads in full when the refresh asks for it', async () => {
      const target = refreshingCache();
      await readOrRefresh(target);
      nowMs += 1000;

      await readOrRefresh(target, null);
      nowMs += 1000;
      await readOrRefresh(target);

      expect(reads).toEqual(['full', 'newer than 1', 'full', 'newer than 3']);
    });

    it('reads in full by default', async () => {
      const target = cache();
      await readOrRefresh(target);
      nowMs += 1000;

      await readOrRefresh(target);

      expect(reads).toEqual(['full', 'full']);
    });
  });
});
