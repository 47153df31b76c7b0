import type { ReceiptKind } from '../shared/api';

/**
 * Class of a parsed message: a receipt kind, or `not-a-receipt` for a message without a
 * disposition part (a plain reply titled "Read: …", a delivery report, an ordinary message).
 */
export type ParsedReceiptKind = ReceiptKind | 'not-a-receipt';

/** The `Disposition` field of an MDN (RFC 8098 section 3.2.6). */
export interface Disposition {
  /** `manual-action` or `automatic-action` as written; null when the field has no mode part. */
  actionMode: string | null;
  /** `MDN-sent-manually` or `MDN-sent-automatically` as written; null when missing. */
  sendingMode: string | null;
  /** Lower-cased disposition type (`displayed`, `deleted`, …, or any unknown token); null when missing. */
  type: string | null;
  /** Lower-cased modifiers after the `/`, for example `["error"]`. */
  modifiers: string[];
  /** The whole field value as received, unfolded. */
  raw: string;
}

/** A condition the parser worked around; the receipt is still usable. */
export interface ParseWarning {
  code: ParseWarningCode;
  message: string;
}

export type ParseWarningCode =
  | 'closing-boundary-missing'
  | 'boundary-guessed'
  | 'boundary-not-found'
  | 'disposition-part-without-content-type'
  | 'disposition-mode-missing'
  | 'disposition-type-missing'
  | 'disposition-error-modifier'
  | 'original-message-id-missing'
  | 'outlook-tnef-receipt'
  | 'nesting-too-deep';

export interface ParsedReceipt {
  /** The receipt's own `Message-ID`, with angle brackets; null when the message has none. */
  receiptMessageId: string | null;
  /** `Original-Message-ID` of the disposition part, with angle brackets. */
  originalMessageId: string | null;
  /** First message id in the receipt's `In-Reply-To` field. */
  inReplyTo: string | null;
  /** Message ids in the receipt's `References` field, oldest first as written. */
  references: string[];
  /** Address part of `Final-Recipient` (the `rfc822;` address type removed). */
  finalRecipient: string | null;
  /** Address part of `Original-Recipient`. */
  originalRecipient: string | null;
  /** null when there is no disposition part (`not-a-receipt`, or an Outlook TNEF receipt). */
  disposition: Disposition | null;
  reportingUa: string | null;
  /** The receipt's `Subject`, RFC 2047 words decoded. Never used for matching or classing. */
  subject: string | null;
  /** The receipt's `Date` as ISO 8601 UTC; null when missing or unreadable. */
  date: string | null;
  kind: ParsedReceiptKind;
  /**
   * Set when the report arrived as an Outlook TNEF (`winmail.dat`) attachment whose message class
   * is a report class. Its disposition cannot be read from MIME, so `kind` is `other`.
   */
  outlookTnef?: boolean;
  /** The MAPI message class found inside the TNEF attachment, for example `REPORT.IPM.Note.IPNRN`. */
  outlookMessageClass?: string;
  warnings: ParseWarning[];
}

export type ParseErrorCode =
  | 'mdn-invalid-input'
  | 'mdn-empty-input'
  | 'mdn-too-large'
  | 'mdn-not-a-message'
  | 'mdn-disposition-missing'
  | 'mdn-internal-error';

export interface ParseError {
  code: ParseErrorCode;
  message: string;
}

export type ParseResult = { ok: true; receipt: ParsedReceipt } | { ok: false; error: ParseError };

export interface ParseOptions {
  /** Inputs longer than this many bytes are rejected with `mdn-too-large`. Default 64 MiB. */
  maxInputBytes?: number;
}
