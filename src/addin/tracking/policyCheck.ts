import type { TrackingPolicy } from '../../shared/api';

/** Why the tenant's policy forbids tracking this draft; each is a failure code in the strings. */
export type PolicyRefusal = 'policy-tracking-off' | 'policy-internal-only' | 'policy-never-track-domain';

/**
 * Checks the draft's recipients against the tenant's policy before anything is added. A recipient
 * domain matches a listed domain and its subdomains (`mail.contoso.com` is inside `contoso.com`).
 */
export function policyRefusal(
  policy: TrackingPolicy,
  recipientAddresses: readonly string[],
): PolicyRefusal | null {
  if (!policy.trackingEnabled) {
    return 'policy-tracking-off';
  }
  const domains = recipientAddresses.map(domainOf);
  if (domains.some((domain) => isInside(domain, policy.neverTrackDomains))) {
    return 'policy-never-track-domain';
  }
  if (domains.length > 0 && domains.every((domain) => isInside(domain, policy.internalDomains))) {
    return 'policy-internal-only';
  }
  return null;
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return (at === -1 ? '' : address.slice(at + 1)).trim().toLowerCase().replace(/\.$/, '');
}

function isInside(domain: string, listed: readonly string[]): boolean {
  return domain !== '' && listed.some((entry) => domain === entry || domain.endsWith(`.${entry}`));
}
