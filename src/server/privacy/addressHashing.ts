import { createHmac } from 'node:crypto';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Keyed hashing of client addresses, with a derived key per rotation period. */
export interface ClientAddressHashing {
  /** The operator's secret, from configuration; never stored or logged. */
  secret: string;
  /** Days one derived key is used. */
  rotationDays: number;
}

/**
 * Replaces a client address with a keyed hash, for example `h:1a2b…`, so equal addresses within one
 * rotation period can still be told apart from different ones (the classifier's repeat checks),
 * while the address cannot be recovered without the secret, and hashes from different periods
 * cannot be linked. The period's key is derived from the secret, so no key is ever stored.
 * Returns null for a missing address.
 */
export function hashClientAddress(
  address: string | undefined,
  hashing: ClientAddressHashing,
  at: Date,
): string | null {
  if (address === undefined || address === '') {
    return null;
  }
  const period = Math.floor(at.getTime() / (hashing.rotationDays * DAY_MS));
  const periodKey = createHmac('sha256', hashing.secret).update(`readmark-address-period:${period}`).digest();
  const normalised = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return `h:${createHmac('sha256', periodKey).update(normalised).digest('base64url').slice(0, 22)}`;
}

/**
 * Returns what is stored as an open's or a sender's client network: the keyed hash of the address
 * when hashing is on, else `network`, the truncated network the caller already computed. The pixel
 * and the API both use it, so a hit can be matched with the networks of the sender's API calls.
 */
export function storedClientNetwork(
  address: string | undefined,
  network: string | null,
  hashing: ClientAddressHashing | null | undefined,
  at: Date,
): string | null {
  return hashing == null ? network : hashClientAddress(address, hashing, at);
}
