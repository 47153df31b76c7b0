import type { TrackingPolicy } from '../../shared/api';

/** The operator's policy file: defaults for every tenant, then overrides per tenant id. */
export interface TenantPolicies {
  defaults: TrackingPolicy;
  /** Keyed by lowercase tenant id. */
  tenants: ReadonlyMap<string, TrackingPolicy>;
}

export const OPEN_TRACKING_POLICY: TrackingPolicy = {
  trackingEnabled: true,
  internalDomains: [],
  neverTrackDomains: [],
  notice: null,
};

export const NO_TENANT_POLICIES: TenantPolicies = { defaults: OPEN_TRACKING_POLICY, tenants: new Map() };

/** The policy that applies to one tenant. */
export function policyForTenant(policies: TenantPolicies, tenantId: string): TrackingPolicy {
  return policies.tenants.get(tenantId.toLowerCase()) ?? policies.defaults;
}

/** Longest notice text accepted; the pixel markup with it must stay within Outlook's append limit. */
export const NOTICE_MAX_LENGTH = 300;

/**
 * Reads the JSON text of a policy file. Throws an Error that names the first invalid field, what was
 * expected, and never echoes more than the field's path.
 *
 * ```json
 * { "defaults": { "notice": "This message uses read tracking." },
 *   "tenants": { "<tenant id>": { "trackingEnabled": false } } }
 * ```
 */
export function parseTenantPolicies(text: string): TenantPolicies {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // JSON.parse names the position of the first error, which is what an admin needs to fix it.
    const detail = error instanceof SyntaxError ? ` (${error.message})` : '';
    throw new Error(`the file is not valid JSON${detail}`);
  }
  if (!isObject(document)) {
    throw new Error('the top level must be an object with "defaults" and "tenants"');
  }
  checkKeys(document, ['defaults', 'tenants'], 'the top level');
  const defaults = parsePolicy(document.defaults ?? {}, OPEN_TRACKING_POLICY, 'defaults');
  const tenants = new Map<string, TrackingPolicy>();
  const tenantEntries = document.tenants ?? {};
  if (!isObject(tenantEntries)) {
    throw new Error('"tenants" must be an object keyed by tenant id');
  }
  for (const [tenantId, value] of Object.entries(tenantEntries)) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenantId)) {
      throw new Error(`"tenants" keys must be tenant GUIDs ("${tenantId.slice(0, 40)}" is not one)`);
    }
    tenants.set(tenantId.toLowerCase(), parsePolicy(value, defaults, `tenants.${tenantId}`));
  }
  return { defaults, tenants };
}

function parsePolicy(value: unknown, base: TrackingPolicy, path: string): TrackingPolicy {
  if (!isObject(value)) {
    throw new Error(`"${path}" must be an object`);
  }
  checkKeys(value, ['trackingEnabled', 'internalDomains', 'neverTrackDomains', 'notice'], `"${path}"`);
  const policy = { ...base };
  if (value.trackingEnabled !== undefined) {
    if (typeof value.trackingEnabled !== 'boolean') {
      throw new Error(`"${path}.trackingEnabled" must be true or false`);
    }
    policy.trackingEnabled = value.trackingEnabled;
  }
  if (value.internalDomains !== undefined) {
    policy.internalDomains = parseDomains(value.internalDomains, `${path}.internalDomains`);
  }
  if (value.neverTrackDomains !== undefined) {
    policy.neverTrackDomains = parseDomains(value.neverTrackDomains, `${path}.neverTrackDomains`);
  }
  if (value.notice !== undefined) {
    const notice = value.notice;
    if (
      notice !== null &&
      (typeof notice !== 'string' || notice.trim() === '' || notice.length > NOTICE_MAX_LENGTH)
    ) {
      throw new Error(`"${path}.notice" must be null or a text of 1 to ${NOTICE_MAX_LENGTH} characters`);
    }
    policy.notice = notice === null ? null : notice.trim();
  }
  return policy;
}

function parseDomains(value: unknown, path: string): string[] {
  const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
  if (!Array.isArray(value)) {
    throw new Error(`"${path}" must be an array of domain names`);
  }
  return value.map((item, index) => {
    const domain = typeof item === 'string' ? item.trim().toLowerCase() : '';
    if (!domainPattern.test(domain)) {
      throw new Error(`"${path}[${index}]" must be a domain name such as contoso.com`);
    }
    return domain;
  });
}

function checkKeys(value: Record<string, unknown>, allowed: string[], where: string): void {
  const unknown = Object.keys(value).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw new Error(
      `${where} has an unknown field "${unknown.slice(0, 40)}"; allowed: ${allowed.join(', ')}`,
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
