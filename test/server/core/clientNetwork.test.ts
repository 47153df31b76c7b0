import { minimiseClientAddress } from '../../../src/server/core/clientNetwork';

describe('minimiseClientAddress', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:203.0.113.77', '203.0.113.0/24'],
    ['2001:db8:abcd:12::7', '2001:db8:abcd::/48'],
    ['2001:0db8:abcd:0012:0000:0000:0000:0007', '2001:db8:abcd::/48'],
    ['::1', '::/48'],
    ['fe80::1%eth0', 'fe80::/48'],
    ['64:ff9b::203.0.113.5', '64:ff9b::/48'],
  ])('turns %s into %s', (address, network) => {
    expect(minimiseClientAddress(address)).toBe(network);
  });

  it('honours other prefix lengths', () => {
    expect(minimiseClientAddress('203.0.113.77', { ipv4PrefixBits: 16, ipv6PrefixBits: 32 })).toBe(
      '203.0.0.0/16',
    );
    expect(minimiseClientAddress('2001:db8:abcd:12::7', { ipv4PrefixBits: 16, ipv6PrefixBits: 32 })).toBe(
      '2001:db8::/32',
    );
    expect(minimiseClientAddress('2001:db8:abff::1', { ipv4PrefixBits: 24, ipv6PrefixBits: 40 })).toBe(
      '2001:db8:ab00::/40',
    );
    expect(minimiseClientAddress('203.0.113.77', { ipv4PrefixBits: 0, ipv6PrefixBits: 0 })).toBe('0.0.0.0/0');
  });

  it.each([undefined, '', 'not-an-ip', '999.1.1.1'])('returns null for %p', (address) => {
    expect(minimiseClientAddress(address)).toBeNull();
  });
});
