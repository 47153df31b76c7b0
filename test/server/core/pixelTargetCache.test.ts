import { PixelTargetCache } from '../../../src/server/core/pixelTargetCache';
import type { PixelTarget } from '../../../src/server/store/trackingStore';

function target(trackingId: string, active = true): PixelTarget {
  return {
    trackingId,
    sender: { tenantId: 't', objectId: 'o' },
    active,
    sentAt: null,
    createdAt: new Date(0),
  };
}

describe('PixelTargetCache', () => {
  it('reuses a lookup until it expires', async () => {
    let clock = 0;
    const cache = new PixelTargetCache({ ttlMs: 100, now: () => clock });
    let loads = 0;
    const load = (id: string) => {
      loads += 1;
      return Promise.resolve(target(id));
    };

    await cache.get('a', load);
    await cache.get('a', load);
    clock = 100;
    await cache.get('a', load);

    expect(loads).toBe(2);
  });

  it('peeks at unexpired results only, unknown ids included', async () => {
    let clock = 0;
    const cache = new PixelTargetCache({ ttlMs: 100, now: () => clock });
    await cache.get('a', (id) => Promise.resolve(target(id)));
    await cache.get('b', () => Promise.resolve(null));

    expect(cache.peek('a')).toEqual(target('a'));
    expect(cache.peek('b')).toBeNull();
    expect(cache.peek('c')).toBeUndefined();
    clock = 100;
    expect(cache.peek('a')).toBeUndefined();
  });

  it('uses an expired entry while the database is unreachable', async () => {
    let clock = 0;
    const cache = new PixelTargetCache({ ttlMs: 100, now: () => clock });
    await cache.get('a', (id) => Promise.resolve(target(id)));
    clock = 500;
    const refused = () =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

    const stale = await cache.get('a', refused);

    expect(stale?.trackingId).toBe('a');
    await expect(cache.get('b', refused)).rejects.toThrow('ECONNREFUSED');
    await expect(cache.get('a', () => Promise.reject(new Error('syntax error')))).rejects.toThrow(
      'syntax error',
    );
  });

  it('forgets an invalidated id', async () => {
    const cache = new PixelTargetCache();
    await cache.get('a', () => Promise.resolve(target('a')));

    cache.invalidate('a');
    const result = await cache.get('a', () => Promise.resolve(target('a', false)));

    expect(result?.active).toBe(false);
  });

  it('caches unknown ids too', async () => {
    const cache = new PixelTargetCache();
    let loads = 0;
    const load = () => {
      loads += 1;
      return Promise.resolve(null);
    };

    await cache.get('missing', load);
    await cache.get('missing', load);

    expect(loads).toBe(1);
  });

  it('drops the oldest entry when full', async () => {
    const cache = new PixelTargetCache({ maxEntries: 2 });
    const loaded: string[] = [];
    const load = (id: string) => {
      loaded.push(id);
      return Promise.resolve(target(id));
    };

    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    await cache.get('b', load);
    await cache.get('a', load);

    expect(loaded).toEqual(['a', 'b', 'c', 'a']);
  });

  it('does not cache a failed lookup', async () => {
    const cache = new PixelTargetCache();

    await expect(cache.get('a', () => Promise.reject(new Error('locked')))).rejects.toThrow('locked');
    await expect(cache.get('a', () => Promise.resolve(target('a')))).resolves.toMatchObject({
      trackingId: 'a',
    });
  });
});
