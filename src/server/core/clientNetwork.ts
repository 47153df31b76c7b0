import { isIPv4, isIPv6 } from 'node:net';

/** How many leading bits of a client address are kept. */
export interface AddressMinimisation {
  /** 0 to 24; default 24 keeps the /24 network. */
  ipv4PrefixBits: number;
  /** 0 to 64; default 48 keeps the /48 network. */
  ipv6PrefixBits: number;
}

export const DEFAULT_ADDRESS_MINIMISATION: AddressMinimisation = { ipv4PrefixBits: 24, ipv6PrefixBits: 48 };

/**
 * Turns a client address into the network it belongs to, for example `203.0.113.7` into
 * `203.0.113.0/24`, so the full address is never stored. IPv4-mapped IPv6 addresses
 * (`::ffff:203.0.113.7`, what a dual-stack socket reports) are treated as IPv4. Returns null for
 * anything that is not an IP address.
 */
export function minimiseClientAddress(
  address: string | undefined,
  minimisation: AddressMinimisation = DEFAULT_ADDRESS_MINIMISATION,
): string | null {
  if (address === undefined) {
    return null;
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const candidate = mapped?.[1] ?? address;
  if (isIPv4(candidate)) {
    return minimiseIPv4(candidate, minimisation.ipv4PrefixBits);
  }
  const withoutZone = candidate.split('%')[0] ?? candidate;
  if (isIPv6(withoutZone)) {
    return minimiseIPv6(withoutZone, minimisation.ipv6PrefixBits);
  }
  return null;
}

function minimiseIPv4(address: string, prefixBits: number): string {
  const value = address.split('.').reduce((total, octet) => total * 256 + Number(octet), 0);
  const hostBits = 32 - prefixBits;
  const network = Math.floor(value / 2 ** hostBits) * 2 ** hostBits;
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefixBits}`;
}

function minimiseIPv6(address: string, prefixBits: number): string {
  const groups = expandIPv6(address);
  const kept = groups.map((group, index) => {
    const groupStart = index * 16;
    if (groupStart + 16 <= prefixBits) {
      return group;
    }
    if (groupStart >= prefixBits) {
      return 0;
    }
    const keepBits = prefixBits - groupStart;
    return group & (0xffff << (16 - keepBits)) & 0xffff;
  });
  return `${compressIPv6(kept)}/${prefixBits}`;
}

/** Expands an IPv6 address, including one with an embedded IPv4 tail, into eight 16-bit groups. */
function expandIPv6(address: string): number[] {
  let text = address.toLowerCase();
  const ipv4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (ipv4Tail?.[1] !== undefined) {
    const octets = ipv4Tail[1].split('.').map(Number);
    const high = ((octets[0] ?? 0) << 8) | (octets[1] ?? 0);
    const low = ((octets[2] ?? 0) << 8) | (octets[3] ?? 0);
    text = `${text.slice(0, -ipv4Tail[1].length)}${high.toString(16)}:${low.toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = new Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16));
}

/** Writes eight groups in the shortest standard form (RFC 5952): the longest zero run becomes `::`. */
function compressIPv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < groups.length;) {
    if (groups[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < groups.length && groups[end] === 0) {
      end += 1;
    }
    if (end - start > bestLength && end - start > 1) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) {
    return hex.join(':');
  }
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
