/**
 * Recognises report messages by their MAPI message class (PidTagMessageClass, tag 0x001A), which
 * the status pane reads through Microsoft Graph `singleValueExtendedProperties`.
 *
 * A report's class is `REPORT.<class of the original>.<report type>` (MS-OXOMSG section 2.2.2.1):
 * `IPNRN` is a read notification, `IPNNRN` a non-read notification, `DR` and `NDR` are delivery
 * reports. The stored casing is not fixed (`IPM.Note` or `IPM.NOTE`), so comparisons ignore case.
 */

/** Class of a message as its MAPI message class gives it. */
export type MessageClassKind = 'read' | 'not-read' | 'other-report' | 'not-a-report';

const REPORT_PREFIX = 'report.ipm.note.';

/** Classifies a message class string; null, undefined and empty values are `not-a-report`. */
export function classifyMessageClass(messageClass: string | null | undefined): MessageClassKind {
  const normalized = (messageClass ?? '').trim().toLowerCase();
  if (!normalized.startsWith(REPORT_PREFIX)) {
    return 'not-a-report';
  }
  const reportType = normalized.slice(normalized.lastIndexOf('.') + 1);
  if (reportType === 'ipnrn') {
    return 'read';
  }
  if (reportType === 'ipnnrn') {
    return 'not-read';
  }
  return 'other-report';
}

/** One entry of Graph's `singleValueExtendedProperties`. */
export interface SingleValueExtendedProperty {
  id: string;
  value?: string | null;
}

/** PidTagMessageClass as a Graph property id: type String, tag 0x001A. */
const MESSAGE_CLASS_TAG = 0x001a;

function isMessageClassPropertyId(id: string): boolean {
  // Graph echoes the id in its own spelling (for example `String 0x1a`), so compare the tag as a number.
  const match = /^\s*string\s+0x([0-9a-f]{1,4})\s*$/i.exec(id);
  return match !== null && parseInt(match[1] ?? '', 16) === MESSAGE_CLASS_TAG;
}

/** Finds the message class among Graph extended properties; null when it is not there. */
export function messageClassFromExtendedProperties(
  properties: readonly SingleValueExtendedProperty[] | null | undefined,
): string | null {
  const property = (properties ?? []).find((candidate) => isMessageClassPropertyId(candidate.id));
  return property?.value ?? null;
}

/** Classifies a Graph message from its `singleValueExtendedProperties`. */
export function classifyExtendedProperties(
  properties: readonly SingleValueExtendedProperty[] | null | undefined,
): MessageClassKind {
  return classifyMessageClass(messageClassFromExtendedProperties(properties));
}
