/** The session a simulated Outlook page runs in: who is signed in, which client, which add-in. */
import type { HostContext, ItemSnapshot } from '../office/protocol';

export interface PageSession {
  user: { displayName: string; address: string; objectId: string };
  tenantId: string;
  refreshToken: string;
  tokenEndpoint: string;
  client: { id: string; label: string; requirementSets: Record<string, string> };
  addin: {
    functionFileUrl: string;
    composeButtons: (
      | { label: string; action: 'ExecuteFunction'; functionName: string }
      | { label: string; action: 'ShowTaskpane'; url: string }
    )[];
    readPaneUrl: string;
    addinId: string;
  } | null;
  trackingServerUrl: string;
}

export async function loadSession(): Promise<PageSession> {
  const query = new URLSearchParams(window.location.search);
  const response = await fetch(`/sim/api/session?${query.toString()}`);
  if (!response.ok) throw new Error(`The simulator session could not be loaded: ${response.status}`);
  return (await response.json()) as PageSession;
}

export function hostContext(session: PageSession, item: ItemSnapshot | null): HostContext {
  return {
    requirementSets: session.client.requirementSets,
    displayLanguage: 'en-US',
    officeTheme: {
      bodyBackgroundColor: '#ffffff',
      bodyForegroundColor: '#242424',
      controlBackgroundColor: '#ffffff',
      controlForegroundColor: '#242424',
    },
    userProfile: {
      displayName: session.user.displayName,
      emailAddress: session.user.address,
      timeZone: 'UTC',
    },
    tenantId: session.tenantId,
    item,
  };
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const query = new URLSearchParams(window.location.search);
  const separator = path.includes('?') ? '&' : '?';
  const response = await fetch(`${path}${separator}user=${encodeURIComponent(query.get('user') ?? '')}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const payload = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(payload.message ?? `Request to ${path} failed with ${response.status}.`);
  return payload;
}

/** The add-in id that keys custom properties; a stand-in when no manifest is built yet. */
export function addinIdOf(session: PageSession): string {
  return session.addin?.addinId || 'readmark-addin';
}
