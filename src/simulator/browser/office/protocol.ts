/**
 * Messages between the simulated Office.js inside an add-in frame and the simulated Outlook page
 * that hosts the frame. Real Outlook on the web also talks to add-in frames with `postMessage`;
 * only the message shapes here are the simulator's own.
 */

export const CHANNEL = 'readmark-office-simulator';

/** An Office.js error as `AsyncResult.error` carries it. */
export interface OfficeErrorShape {
  code: number;
  name: string;
  message: string;
}

export interface ReadItemSnapshot {
  mode: 'read';
  itemType: 'message';
  itemId: string;
  internetMessageId: string;
  subject: string;
  from: { emailAddress: string; displayName: string } | null;
  to: { emailAddress: string; displayName: string }[];
  dateTimeCreated: string;
}

export interface ComposeItemSnapshot {
  mode: 'compose';
  itemType: 'message';
}

export type ItemSnapshot = ReadItemSnapshot | ComposeItemSnapshot;

/** What the host tells a frame when it connects. */
export interface HostContext {
  /** Highest supported version per requirement set, for example `{Mailbox: '1.13'}`. */
  requirementSets: Record<string, string>;
  displayLanguage: string;
  officeTheme: {
    bodyBackgroundColor: string;
    bodyForegroundColor: string;
    controlBackgroundColor: string;
    controlForegroundColor: string;
    themeId?: string;
  };
  userProfile: { displayName: string; emailAddress: string; timeZone: string };
  tenantId: string;
  item: ItemSnapshot | null;
}

export type FrameToHost =
  | { channel: typeof CHANNEL; kind: 'hello' }
  | { channel: typeof CHANNEL; kind: 'call'; id: number; method: string; args: unknown[] }
  | { channel: typeof CHANNEL; kind: 'token'; id: number; scope: string; clientId: string }
  | { channel: typeof CHANNEL; kind: 'actionCompleted'; allowEvent: boolean };

export type HostToFrame =
  | { channel: typeof CHANNEL; kind: 'context'; context: HostContext }
  | { channel: typeof CHANNEL; kind: 'result'; id: number; ok: true; value: unknown }
  | { channel: typeof CHANNEL; kind: 'result'; id: number; ok: false; error: OfficeErrorShape }
  | { channel: typeof CHANNEL; kind: 'itemChanged'; item: ItemSnapshot | null }
  | { channel: typeof CHANNEL; kind: 'invokeAction'; name: string }
  | { channel: typeof CHANNEL; kind: 'tokenResult'; id: number; outcome: TokenOutcome };

/** Token endpoint answer forwarded to the frame: the v2 token response or the OAuth error. */
export type TokenOutcome =
  | { ok: true; accessToken: string; idToken: string; expiresIn: number; scope: string }
  | { ok: false; error: string; description: string };

export function isChannelMessage(data: unknown): data is { channel: string; kind: string } {
  return typeof data === 'object' && data !== null && (data as { channel?: unknown }).channel === CHANNEL;
}

/** Outlook's error names with their numeric codes. Add-ins should branch on the name. */
export const OFFICE_ERRORS = {
  InvalidFormatError: 9002,
  DataExceedsMaximumSize: 1000,
  DuplicateNotificationKey: 9023,
  NotificationKeyNotFound: 9024,
  NumberOfNotificationMessagesExceeded: 9025,
  ItemNotSaved: 9029,
  InvalidParameterValueError: 9031,
  GenericResponseError: 9020,
} as const;

export type OfficeErrorName = keyof typeof OFFICE_ERRORS;

export function officeError(name: OfficeErrorName, message: string): OfficeErrorShape {
  return { code: OFFICE_ERRORS[name], name, message };
}
