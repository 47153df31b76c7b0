import { RateLimiter } from '../../../src/server/security/rateLimiter';

describe('RateLimiter', () => {
  it('allows the limit per window and reports the seconds left', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000, now: () => now });

    expect(limiter.take('a')).toEqual({ allowed: true, retryAfterSeconds: 60 });
    expect(limiter.take('a').allowed).toBe(true);
    now += 15_500;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('starts a new window once the old one ends', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000, now: () => now });

    limiter.take('a');
    expect(limiter.take('a').allowed).toBe(false);
    now = 1000;
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('allows everything with limit 0', () => {
    const limiter = new RateLimiter({ limit: 0, windowMs: 1000 });

    for (let index = 0; index < 10; index += 1) {
      expect(limiter.take('a').allowed).toBe(true);
    }
  });

  it('forgets the oldest key when full, so memory stays bounded', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2, now: () => 0 });

    limiter.take('a');
    limiter.take('b');
    limiter.take('c');

    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});
