import { badgesOf, hasBeenDelivered } from '../../../../src/addin/status/model/badges';
import { hoursAgo, makeMessage, openSummary } from '../fakes';

describe('badgesOf', () => {
  it('prefers a direct open over a proxy open', () => {
    expect(
      badgesOf(makeMessage({ id: 'a', opens: openSummary({ human: 1, 'human-via-proxy': 2 }) })),
    ).toEqual(['opened']);
  });

  it('shows a proxy open when no direct open exists', () => {
    expect(
      badgesOf(makeMessage({ id: 'a', opens: openSummary({ 'human-via-proxy': 1, scanner: 3 }) })),
    ).toEqual(['proxy']);
  });

  it('shows automated fetches only without people opens', () => {
    expect(badgesOf(makeMessage({ id: 'a', opens: openSummary({ prefetch: 1 }) }))).toEqual(['automated']);
  });

  it('ignores own views', () => {
    expect(badgesOf(makeMessage({ id: 'a', opens: openSummary({ self: 4 }) }))).toEqual(['no-signal']);
  });

  it('shows unclear loads without people opens, before automated ones', () => {
    expect(badgesOf(makeMessage({ id: 'a', opens: openSummary({ self: 4, unknown: 1 }) }))).toEqual([
      'unclear',
    ]);
    expect(badgesOf(makeMessage({ id: 'a', opens: openSummary({ unknown: 2, scanner: 1 }) }))).toEqual([
      'unclear',
    ]);
    expect(badgesOf(makeMessage({ id: 'a', opens: openSummary({ human: 1, unknown: 2 }) }))).toEqual([
      'opened',
    ]);
  });

  it('adds receipts beside an open badge', () => {
    const message = makeMessage({
      id: 'a',
      opens: openSummary({ human: 1 }),
      receipts: { read: 0, notRead: 1, other: 0 },
    });
    expect(badgesOf(message)).toEqual(['opened', 'receipts']);
  });

  it('counts receipts as a signal', () => {
    expect(badgesOf(makeMessage({ id: 'a', receipts: { read: 0, notRead: 0, other: 1 } }))).toEqual([
      'receipts',
    ]);
  });

  it('replaces no signal with stopped', () => {
    expect(badgesOf(makeMessage({ id: 'a', stoppedAt: hoursAgo(1) }))).toEqual(['stopped']);
  });

  it('keeps the open badge of a stopped message', () => {
    const message = makeMessage({ id: 'a', stoppedAt: hoursAgo(1), opens: openSummary({ human: 2 }) });
    expect(badgesOf(message)).toEqual(['opened', 'stopped']);
  });
});

describe('hasBeenDelivered', () => {
  it.each([
    ['a person open', { opens: openSummary({ human: 1 }) }],
    ['a proxy open', { opens: openSummary({ 'human-via-proxy': 1 }) }],
    ['a prefetch', { opens: openSummary({ prefetch: 1 }) }],
    ['a scanner fetch', { opens: openSummary({ scanner: 1 }) }],
    ['a read receipt', { receipts: { read: 1, notRead: 0, other: 0 } }],
    ['a deleted-unread receipt', { receipts: { read: 0, notRead: 1, other: 0 } }],
  ])('is true after %s', (_case, overrides) => {
    expect(hasBeenDelivered(makeMessage({ id: 'a', sentAt: null, ...overrides }))).toBe(true);
  });

  it.each([
    ['no signal', {}],
    ['own views only', { opens: openSummary({ self: 2 }) }],
    ['unclear loads only', { opens: openSummary({ unknown: 3 }) }],
  ])('is false with %s', (_case, overrides) => {
    expect(hasBeenDelivered(makeMessage({ id: 'a', sentAt: null, ...overrides }))).toBe(false);
  });
});
