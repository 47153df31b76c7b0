import { hasNewSenderView, mergeNewerOpens, newestSequence } from '../../../src/server/core/hitContext';
import type { StoredOpen } from '../../../src/server/store/trackingStore';

function stored(sequence: number, atMs: number): StoredOpen {
  return {
    trackingId: 'm1',
    tenantId: 'tenant-1',
    sequence,
    at: new Date(atMs),
    method: 'GET',
    userAgent: null,
    clientNetwork: '192.0.2.0/24',
    kind: 'human',
    confidence: 0.5,
    reasons: [],
    counted: true,
  };
}

const sequences = (opens: readonly StoredOpen[]) => opens.map((open) => open.sequence);

describe('newestSequence', () => {
  it('returns the greatest sequence', () => {
    expect(newestSequence([stored(4, 10), stored(7, 5), stored(2, 20)])).toBe(7);
  });

  it('returns 0 without opens', () => {
    expect(newestSequence([])).toBe(0);
  });
});

describe('mergeNewerOpens', () => {
  it('puts newer opens first by time', () => {
    const merged = mergeNewerOpens([stored(5, 3000)], [stored(2, 2000), stored(1, 1000)], new Date(0), 50);

    expect(sequences(merged)).toEqual([5, 2, 1]);
  });

  it('orders a newer open recorded late by its time', () => {
    const merged = mergeNewerOpens([stored(5, 1500)], [stored(2, 2000), stored(1, 1000)], new Date(0), 50);

    expect(sequences(merged)).toEqual([2, 5, 1]);
  });

  it('drops earlier opens that left the window', () => {
    const merged = mergeNewerOpens([stored(5, 3000)], [stored(2, 2000), stored(1, 1000)], new Date(2000), 50);

    expect(sequences(merged)).toEqual([5, 2]);
  });

  it('keeps the newest opens up to the bound', () => {
    const merged = mergeNewerOpens([stored(6, 4000), stored(5, 3000)], [stored(2, 2000)], new Date(0), 2);

    expect(sequences(merged)).toEqual([6, 5]);
  });
});

describe('hasNewSenderView', () => {
  it('finds a view the earlier read lacked', () => {
    expect(hasNewSenderView([new Date(2000), new Date(1000)], [new Date(1000)])).toBe(true);
  });

  it('ignores views that left the window', () => {
    expect(hasNewSenderView([new Date(2000)], [new Date(2000), new Date(1000)])).toBe(false);
  });
});
