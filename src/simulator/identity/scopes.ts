/**
 * Resolves the `scope` parameter of a token request to one resource, the way Entra ID's v2
 * endpoint does: one access token is for one audience, OpenID scopes ride along, and asking for
 * two resources at once is an error.
 */

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const API_SCOPE_NAME = 'access_as_user';

const OPENID_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const GRAPH_SCOPES = new Set(['User.Read', 'Mail.Read', 'Mail.ReadBasic', 'Mail.ReadWrite']);
const GRAPH_DEFAULT_SCOPES = ['User.Read', 'Mail.Read', 'Mail.ReadWrite'];

export interface ResolvedScopes {
  /** `aud` of the access token. */
  audience: string;
  /** Delegated scopes granted, the value of `scp` split on spaces. */
  granted: string[];
  /** Whether `openid` was requested, so an ID token goes with the answer. */
  openId: boolean;
  /** The scope string echoed back in the token response. */
  responseScope: string;
}

export type ScopeResolution =
  | { ok: true; scopes: ResolvedScopes }
  | { ok: false; error: 'invalid_scope' | 'invalid_resource'; errorCode: number; description: string };

/** Resolves a space-separated `scope` value for the given Readmark API client id. */
export function resolveScopes(scope: string, apiClientId: string): ScopeResolution {
  const requested = scope.split(' ').filter((item) => item.length > 0);
  const openId = requested.includes('openid');
  const resources = new Map<string, string[]>();

  for (const item of requested) {
    if (OPENID_SCOPES.has(item)) continue;
    const resolved = resolveResourceScope(item, apiClientId);
    if (resolved === null) {
      return {
        ok: false,
        error: 'invalid_resource',
        errorCode: 500011,
        description: `AADSTS500011: The resource principal named in scope "${item}" was not found in the tenant. Use api://${apiClientId}/${API_SCOPE_NAME} or a Microsoft Graph mail scope.`,
      };
    }
    const names = resources.get(resolved.audience) ?? [];
    names.push(...resolved.scopes);
    resources.set(resolved.audience, names);
  }

  if (resources.size !== 1) {
    return {
      ok: false,
      error: 'invalid_scope',
      errorCode: resources.size === 0 ? 70011 : 28000,
      description:
        resources.size === 0
          ? 'AADSTS70011: The provided request must include a resource scope, not only OpenID scopes.'
          : 'AADSTS28000: The provided scopes ask for more than one resource. Request one resource per token.',
    };
  }

  const [audience, granted] = [...resources.entries()][0] as [string, string[]];
  const unique = [...new Set(granted)];
  const prefix = audience === GRAPH_RESOURCE ? `${GRAPH_RESOURCE}/` : `api://${apiClientId}/`;
  const responseScope = unique.map((name) => prefix + name).join(' ');
  return { ok: true, scopes: { audience, granted: unique, openId, responseScope } };
}

function resolveResourceScope(
  item: string,
  apiClientId: string,
): { audience: string; scopes: string[] } | null {
  const apiPrefix = `api://${apiClientId}/`;
  if (item.startsWith(apiPrefix)) {
    const name = item.slice(apiPrefix.length);
    if (name === API_SCOPE_NAME || name === '.default') {
      return { audience: apiClientId, scopes: [API_SCOPE_NAME] };
    }
    return null;
  }

  const graphName = item.startsWith(`${GRAPH_RESOURCE}/`) ? item.slice(GRAPH_RESOURCE.length + 1) : item;
  if (graphName === '.default') return { audience: GRAPH_RESOURCE, scopes: GRAPH_DEFAULT_SCOPES };
  if (GRAPH_SCOPES.has(graphName)) return { audience: GRAPH_RESOURCE, scopes: [graphName] };
  return null;
}
