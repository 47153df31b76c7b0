import { RecentHitMemory } from '../../../src/server/core/recentHits';

const START = Date.parse('2026-03-02T09:00:00.000Z');

function hit(offsetMs: number, userAgent = 'Thunderbird') {
  return {
    at: new Date(START + offsetMs),
    userAgent,
    clientNetwork: '198.51.100.0/24',
    kind: 'human' as const,
  };
}

describe('RecentHitMemory', () => {
  it('returns hits inside the retention only', () => {
    const memory = new RecentHitMemory({ retentionMs: 1000 });
    memory.remember('id-1', hit(0));
    memory.remember('id-1', hit(600));

    expect(memory.recent('id-1', new Date(START + 1000))).toEqual([hit(0), hit(600)]);
    expect(memory.recent('id-1', new Date(START + 1001))).toEqual([hit(600)]);
    expect(memory.recent('id-2', new Date(START))).toEqual([]);
  });

  it('leaves out an older hit remembered after a newer one', () => {
    const memory = new RecentHitMemory({ retentionMs: 1000 });
    memory.remember('id-1', hit(900));
    // The clock went back between two hits.
    memory.remember('id-1', hit(0));

    expect(memory.recent('id-1', new Date(START + 900))).toEqual([hit(0), hit(900)]);
    expect(memory.recent('id-1', new Date(START + 1500))).toEqual([hit(900)]);
  });

  it('keeps the newest hits per message', () => {
    const memory = new RecentHitMemory({ retentionMs: 60_000, maxHitsPerMessage: 2 });
    for (const offset of [1, 2, 3]) memory.remember('id-1', hit(offset));

    expect(memory.recent('id-1', new Date(START + 3))).toEqual([hit(2), hit(3)]);
  });

  it('drops the least recently hit message when full', () => {
    const memory = new RecentHitMemory({ retentionMs: 60_000, maxMessages: 2 });
    memory.remember('id-1', hit(1));
    memory.remember('id-2', hit(2));
    memory.remember('id-1', hit(3));
    memory.remember('id-3', hit(4));

    expect(memory.recent('id-2', new Date(START + 4))).toEqual([]);
    expect(memory.recent('id-1', new Date(START + 4))).toHaveLength(2);
    expect(memory.recent('id-3', new Date(START + 4))).toHaveLength(1);
  });

  it('forgets a message', () => {
    const memory = new RecentHitMemory({ retentionMs: 60_000 });
    memory.remember('id-1', hit(1));
    memory.forget('id-1');

    expect(memory.recent('id-1', new Date(START + 1))).toEqual([]);
  });
});
