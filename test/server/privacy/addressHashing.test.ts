import { hashClientAddress } from '../../../src/server/privacy/addressHashing';

const HASHING = { secret: 'a-test-secret-that-is-long-enough-1234', rotationDays: 1 };
const DAY_ONE = new Date('2026-03-02T09:00:00.000Z');
const LATER_SAME_DAY = new Date('2026-03-02T23:59:59.000Z');
const NEXT_DAY = new Date('2026-03-03T00:00:01.000Z');

describe('hashClientAddress', () => {
  it('gives equal addresses the same hash within one period', () => {
    const first = hashClientAddress('203.0.113.7', HASHING, DAY_ONE);

    expect(first).toMatch(/^h:[A-Za-z0-9_-]{22}$/);
    expect(hashClientAddress('203.0.113.7', HASHING, LATER_SAME_DAY)).toBe(first);
    expect(hashClientAddress('::ffff:203.0.113.7', HASHING, DAY_ONE)).toBe(first);
  });

  it('never contains the address and differs between addresses', () => {
    const hash = hashClientAddress('203.0.113.7', HASHING, DAY_ONE);

    expect(hash).not.toContain('203.0.113');
    expect(hashClientAddress('203.0.113.8', HASHING, DAY_ONE)).not.toBe(hash);
  });

  it('changes when the period or the secret changes', () => {
    const hash = hashClientAddress('2001:db8::1', HASHING, DAY_ONE);

    expect(hashClientAddress('2001:db8::1', HASHING, NEXT_DAY)).not.toBe(hash);
    expect(
      hashClientAddress(
        '2001:db8::1',
        { ...HASHING, secret: 'another-secret-that-is-long-enough-99' },
        DAY_ONE,
      ),
    ).not.toBe(hash);
    expect(hashClientAddress('2001:db8::1', { ...HASHING, rotationDays: 7 }, NEXT_DAY)).toBe(
      hashClientAddress('2001:db8::1', { ...HASHING, rotationDays: 7 }, DAY_ONE),
    );
  });

  it('returns null without an address', () => {
    expect(hashClientAddress(undefined, HASHING, DAY_ONE)).toBeNull();
    expect(hashClientAddress('', HASHING, DAY_ONE)).toBeNull();
  });
});
