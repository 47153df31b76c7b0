import {
  generateTrackingId,
  isWellFormedTrackingId,
  shortenTrackingId,
} from '../../../src/server/core/trackingId';

describe('tracking ids', () => {
  it('generates distinct well-formed 22-character ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => generateTrackingId()));

    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(isWellFormedTrackingId(id)).toBe(true);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
  });

  it.each([
    ['too short', 'AAAAAAAAAAAAAAAAAAAAA'],
    ['too long', 'AAAAAAAAAAAAAAAAAAAAAAA'],
    ['padding bits set', 'AAAAAAAAAAAAAAAAAAAAAB'],
    ['dot-dot', '../AAAAAAAAAAAAAAAAAAA'],
    ['percent sign', '%2e%2eAAAAAAAAAAAAAAAA'],
    ['unicode', 'AAAAAAAAAAAAAAAAAAAAéA'],
    ['NUL', 'AAAAAAAAAAAAAAAAAAAA\0A'],
    ['standard base64', 'AAAAAAAAAAAAAAAAAAA+/A'],
  ])('rejects %s', (_name, value) => {
    expect(isWellFormedTrackingId(value)).toBe(false);
  });

  it('shortens ids for logs', () => {
    expect(shortenTrackingId('Kx3vQ9mZ2pL8rT5wY1nB7g')).toBe('Kx3vQ9…');
  });
});
