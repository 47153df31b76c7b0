import type { StoredMessage } from '../mail/mailboxStore';

/** The property set of Office.js custom properties (`PS_PUBLIC_STRINGS`). */
export const CUSTOM_PROPERTIES_SET = '00020329-0000-0000-c000-000000000046';

export interface ExtendedProperty {
  id: string;
  value: string;
}

/**
 * Normalises an extended property id (`String 0x001A`, `String {guid} Name cecp-…`) to the form
 * Graph returns, so ids compare equal however the request spelled the tag or the GUID.
 * Graph returns tags in lower-case hex without leading zeros, for example `String 0x1a`.
 */
export function normalizePropertyId(id: string): string | null {
  const tagged = /^\s*(\w+)\s+0x([0-9a-f]{1,4})\s*$/i.exec(id);
  if (tagged) return `${capitalize(tagged[1] ?? '')} 0x${parseInt(tagged[2] ?? '0', 16).toString(16)}`;
  const named = /^\s*(\w+)\s+\{([0-9a-f-]{36})\}\s+(Name|Id)\s+(.+?)\s*$/i.exec(id);
  if (!named) return null;
  const kind = named[3]?.toLowerCase() === 'name' ? 'Name' : 'Id';
  const rest =
    kind === 'Id' ? `0x${parseInt((named[4] ?? '').replace(/^0x/i, ''), 16).toString(16)}` : (named[4] ?? '');
  return `${capitalize(named[1] ?? '')} {${(named[2] ?? '').toLowerCase()}} ${kind} ${rest}`;
}

/** The extended properties the simulated Exchange keeps for a message. */
export function extendedPropertiesOf(message: StoredMessage): ExtendedProperty[] {
  const properties: ExtendedProperty[] = [{ id: 'String 0x1a', value: message.messageClass }];
  if (message.originalMessageId !== null) {
    properties.push({ id: 'String 0x1046', value: message.originalMessageId });
  }
  for (const [addinId, values] of Object.entries(message.customProperties)) {
    properties.push({
      id: `String {${CUSTOM_PROPERTIES_SET}} Name cecp-${addinId}`,
      value: JSON.stringify(values),
    });
  }
  return properties;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
