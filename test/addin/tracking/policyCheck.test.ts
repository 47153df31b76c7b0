import { policyRefusal } from '../../../src/addin/tracking/policyCheck';
import type { TrackingPolicy } from '../../../src/shared/api';

const OPEN: TrackingPolicy = {
  trackingEnabled: true,
  internalDomains: [],
  neverTrackDomains: [],
  notice: null,
};

describe('policyRefusal', () => {
  it('allows everything under an open policy', () => {
    expect(policyRefusal(OPEN, ['a@contoso.com'])).toBeNull();
    expect(policyRefusal(OPEN, [])).toBeNull();
  });

  it('refuses when tracking is off, whatever the recipients', () => {
    expect(policyRefusal({ ...OPEN, trackingEnabled: false }, [])).toBe('policy-tracking-off');
  });

  it('matches domains and their subdomains, ignoring case', () => {
    const policy = { ...OPEN, internalDomains: ['contoso.com'] };

    expect(policyRefusal(policy, ['a@Contoso.com', 'b@mail.contoso.com'])).toBe('policy-internal-only');
    expect(policyRefusal(policy, ['a@contoso.com', 'b@notcontoso.com'])).toBeNull();
    expect(policyRefusal(policy, [])).toBeNull();
  });

  it('refuses when any recipient is in a never-tracked domain, before the internal check', () => {
    const policy = { ...OPEN, internalDomains: ['contoso.com'], neverTrackDomains: ['bank.example'] };

    expect(policyRefusal(policy, ['a@fabrikam.com', 'b@BANK.example'])).toBe('policy-never-track-domain');
    expect(policyRefusal(policy, ['a@contoso.com', 'b@bank.example'])).toBe('policy-never-track-domain');
  });
});
