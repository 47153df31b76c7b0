import { randomBytes } from 'node:crypto';

/**
 * Item ids in the two formats Outlook uses. Office.js hands out EWS ids (standard base64, with `+`
 * and `/`); Microsoft Graph uses REST ids, the same bytes with `-` and `_`, which is the conversion
 * `Office.context.mailbox.convertToRestId` performs. The prefix `AAMk` matches real Exchange ids.
 */
export interface ItemIds {
  ewsId: string;
  restId: string;
}

const EXCHANGE_ID_PREFIX = Buffer.from([0x00, 0x03, 0x24]);

export function newItemIds(): ItemIds {
  const ewsId = Buffer.concat([EXCHANGE_ID_PREFIX, randomBytes(49)]).toString('base64');
  return { ewsId, restId: ewsToRestId(ewsId) };
}

export function ewsToRestId(ewsId: string): string {
  return ewsId.replace(/\+/g, '-').replace(/\//g, '_');
}

export function restToEwsId(restId: string): string {
  return restId.replace(/-/g, '+').replace(/_/g, '/');
}
