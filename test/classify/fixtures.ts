import type { EarlierHit, Hit, HitContext } from '../../src/classify';

/** Send time of every test message; all other times are offsets from it, so no test reads the clock. */
export const SENT_AT = new Date('2026-03-02T09:00:00.000Z');

/** Returns the instant `seconds` after SENT_AT (before it when negative). */
export function secondsAfterSend(seconds: number): Date {
  return new Date(SENT_AT.getTime() + seconds * 1000);
}

export function makeHit(overrides: Partial<Hit> = {}): Hit {
  return {
    method: 'GET',
    userAgent: 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)',
    clientNetwork: '203.0.113.0/24',
    at: secondsAfterSend(3600),
    ...overrides,
  };
}

export function makeContext(overrides: Partial<HitContext> = {}): HitContext {
  return {
    sentAt: SENT_AT,
    createdAt: secondsAfterSend(-120),
    earlierHits: [],
    senderViews: [],
    senderNetworks: [],
    ...overrides,
  };
}

export function makeEarlierHit(overrides: Partial<EarlierHit> = {}): EarlierHit {
  return {
    at: secondsAfterSend(3000),
    userAgent: 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)',
    clientNetwork: '203.0.113.0/24',
    kind: 'human',
    ...overrides,
  };
}
