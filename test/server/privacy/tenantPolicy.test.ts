import { parseTenantPolicies, policyForTenant } from '../../../src/server/privacy/tenantPolicy';

const TENANT = '8f1d2c3b-4a5e-4f60-9b7c-1d2e3f405162';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

describe('parseTenantPolicies', () => {
  it('merges defaults into each tenant and lowercases domains', () => {
    const policies = parseTenantPolicies(
      JSON.stringify({
        defaults: {
          notice: ' This message reports when it is opened. ',
          neverTrackDomains: ['Bank.Example'],
        },
        tenants: { [TENANT.toUpperCase()]: { trackingEnabled: false, internalDomains: ['contoso.com'] } },
      }),
    );

    expect(policyForTenant(policies, TENANT)).toEqual({
      trackingEnabled: false,
      internalDomains: ['contoso.com'],
      neverTrackDomains: ['bank.example'],
      notice: 'This message reports when it is opened.',
    });
    expect(policyForTenant(policies, OTHER_TENANT)).toEqual({
      trackingEnabled: true,
      internalDomains: [],
      neverTrackDomains: ['bank.example'],
      notice: 'This message reports when it is opened.',
    });
  });

  it.each([
    ['not JSON', '{', 'the file is not valid JSON'],
    ['an array', '[]', 'the top level must be an object'],
    ['an unknown field', '{"default": {}}', 'the top level has an unknown field "default"'],
    [
      'a wrong flag type',
      '{"defaults": {"trackingEnabled": "no"}}',
      '"defaults.trackingEnabled" must be true or false',
    ],
    [
      'a bad domain',
      '{"defaults": {"internalDomains": ["not a domain"]}}',
      '"defaults.internalDomains[0]" must be a domain',
    ],
    ['an empty notice', '{"defaults": {"notice": " "}}', '"defaults.notice" must be null or a text'],
    ['a long notice', JSON.stringify({ defaults: { notice: 'x'.repeat(301) } }), 'of 1 to 300 characters'],
    ['a bad tenant id', '{"tenants": {"contoso": {}}}', '"tenants" keys must be tenant GUIDs'],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseTenantPolicies(text)).toThrow(message);
  });
});
