import type { ReceiptKind } from '../shared/api';
import { decodeUndeclaredByteString } from './bytes';
import { removeComments } from './comments';
import { findField, type HeaderField } from './headers';
import { extractMessageIds } from './messageId';
import type { Disposition, ParseWarning } from './types';

/** The per-recipient fields of a `message/disposition-notification` body (RFC 8098 section 3.2). */
export interface DispositionFields {
  reportingUa: string | null;
  originalRecipient: string | null;
  finalRecipient: string | null;
  originalMessageId: string | null;
  disposition: Disposition | null;
}

/**
 * Returns the address of a recipient field, `address-type ";" generic-address` (RFC 8098
 * sections 3.2.3 and 3.2.4). The type is dropped; a value without `;` is taken as the address.
 */
function recipientAddress(value: string | null): string | null {
  if (value === null) {
    return null;
  }
  const semicolon = value.indexOf(';');
  const address = (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim().replace(/^<(.*)>$/, '$1');
  return address === '' ? null : decodeUndeclaredByteString(address.trim());
}

const TOKEN = /^[a-z0-9][a-z0-9._-]*$/i;

/**
 * Parses a `Disposition` value leniently (RFC 8098 section 3.2.6):
 * `action-mode "/" sending-mode ";" disposition-type [ "/" modifier *( "," modifier ) ]`.
 * Comments and any spacing are accepted. A value without `;` but starting with an `…-action` mode
 * (seen when a mailer drops the semicolon) is still split into mode and type.
 */
export function parseDisposition(rawValue: string, warnings: ParseWarning[]): Disposition {
  const raw = decodeUndeclaredByteString(rawValue.replace(/\s+/g, ' ').trim());
  const value = removeComments(raw).trim();

  let modePart = '';
  let typePart = value;
  const semicolon = value.indexOf(';');
  if (semicolon >= 0) {
    modePart = value.slice(0, semicolon);
    typePart = value.slice(semicolon + 1);
  } else {
    const noSemicolon = /^([a-z-]*-action\s*\/\s*[a-z-]+)\s+(.*)$/i.exec(value);
    if (noSemicolon !== null) {
      modePart = noSemicolon[1] ?? '';
      typePart = noSemicolon[2] ?? '';
    }
  }

  const [actionMode = '', sendingMode = ''] = modePart.split('/').map((mode) => mode.trim());
  const slash = typePart.indexOf('/');
  const typeToken = (slash >= 0 ? typePart.slice(0, slash) : typePart).trim().toLowerCase();
  const modifiers =
    slash >= 0
      ? typePart
          .slice(slash + 1)
          .split(',')
          .map((modifier) => modifier.trim().toLowerCase())
          .filter((modifier) => modifier !== '')
      : [];

  const disposition: Disposition = {
    actionMode: actionMode === '' ? null : actionMode,
    sendingMode: sendingMode === '' ? null : sendingMode,
    type: TOKEN.test(typeToken) ? typeToken : null,
    modifiers,
    raw,
  };
  if (disposition.actionMode === null || disposition.sendingMode === null) {
    warnings.push({
      code: 'disposition-mode-missing',
      message: `The Disposition field "${raw}" has no action-mode/sending-mode part.`,
    });
  }
  if (disposition.type === null) {
    warnings.push({
      code: 'disposition-type-missing',
      message: `The Disposition field "${raw}" has no readable disposition type.`,
    });
  }
  return disposition;
}

/**
 * Classes a disposition: `displayed` is read and `deleted` is not read. Every other type, known
 * (`dispatched`, `processed`, the RFC 3798 `denied` and `failed`) or not, is `other`. So is any
 * disposition with the `error` modifier, because RFC 8098 says an error prevented the message from
 * being processed, and a read that may not have happened must not be reported as one.
 */
export function receiptKindOf(disposition: Disposition, warnings: ParseWarning[]): ReceiptKind {
  if (disposition.modifiers.includes('error')) {
    warnings.push({
      code: 'disposition-error-modifier',
      message: `The disposition "${disposition.raw}" carries the error modifier, so it is classed as other.`,
    });
    return 'other';
  }
  if (disposition.type === 'displayed') {
    return 'read';
  }
  return disposition.type === 'deleted' ? 'not-read' : 'other';
}

/** Reads the MDN fields; `disposition` is null when the fields contain no `Disposition`. */
export function readDispositionFields(
  fields: readonly HeaderField[],
  warnings: ParseWarning[],
): DispositionFields {
  const dispositionValue = findField(fields, 'Disposition');
  const reportingUa = findField(fields, 'Reporting-UA');
  return {
    reportingUa: reportingUa === null || reportingUa === '' ? null : decodeUndeclaredByteString(reportingUa),
    originalRecipient: recipientAddress(findField(fields, 'Original-Recipient')),
    finalRecipient: recipientAddress(findField(fields, 'Final-Recipient')),
    originalMessageId: extractMessageIds(findField(fields, 'Original-Message-ID'))[0] ?? null,
    disposition: dispositionValue === null ? null : parseDisposition(dispositionValue, warnings),
  };
}

/** True when the fields include a `Disposition` field, the one field every MDN must carry. */
export function hasDispositionField(fields: readonly HeaderField[]): boolean {
  return findField(fields, 'Disposition') !== null;
}
