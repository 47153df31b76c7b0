import { newHitId } from '../../../src/server/core/pixelHits';

describe('newHitId', () => {
  it('sorts ids by the time of their hits', () => {
    const times = [0, 1, 999, 1_000, 1_764_000_000_000, 1_764_000_000_001, 4_102_444_800_000];
    const ids = times.map((ms) => newHitId(new Date(ms)));

    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => /^[0-9a-z]{9}[A-Za-z0-9_-]{11}$/.test(id))).toBe(true);
  });

  it('gives hits of the same millisecond different ids', () => {
    const at = new Date('2026-12-05T00:00:00.000Z');
    const ids = new Set(Array.from({ length: 1000 }, () => newHitId(at)));

    expect(ids.size).toBe(1000);
  });
});
