import { randomBytes } from 'node:crypto';
import type { SimulatedUser } from '../users';
import type { StoredMessage } from './mailboxStore';

/** `displayed`: the recipient read it; `deleted`: the recipient deleted it unread. */
export type ReceiptDisposition = 'displayed' | 'deleted';

/**
 * Builds an RFC 8098 message disposition notification: `multipart/report` with a human-readable
 * part, the `message/disposition-notification` fields and the original message's headers.
 * A read after the recipient clicked is `manual-action/MDN-sent-manually`; a deletion unread is
 * reported automatically, as Outlook does when the sender asked for a receipt.
 */
export function buildReadReceipt(options: {
  reporter: SimulatedUser;
  original: StoredMessage;
  disposition: ReceiptDisposition;
  sentTo: string;
  at: Date;
}): { raw: string; messageId: string } {
  const { reporter, original, disposition, at } = options;
  const domain = reporter.address.split('@')[1] ?? 'simulator.test';
  const messageId = `<${randomBytes(12).toString('hex')}.mdn@${domain}>`;
  const boundary = `----=_readmark_mdn_${randomBytes(8).toString('hex')}`;
  const mode =
    disposition === 'displayed'
      ? 'manual-action/MDN-sent-manually'
      : 'automatic-action/MDN-sent-automatically';
  const humanText =
    disposition === 'displayed'
      ? `Your message to ${reporter.address} was displayed on ${at.toUTCString()}.`
      : `Your message to ${reporter.address} was deleted without being read on ${at.toUTCString()}.`;
  const subjectPrefix = disposition === 'displayed' ? 'Read' : 'Not read';
  const originalHeaders = headerBlock(original.mime ?? '');

  const lines = [
    `From: ${reporter.displayName} <${reporter.address}>`,
    `To: <${options.sentTo}>`,
    `Subject: ${subjectPrefix}: ${original.subject}`,
    `Date: ${at.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    ...(original.internetMessageId
      ? [`In-Reply-To: ${original.internetMessageId}`, `References: ${original.internetMessageId}`]
      : []),
    'MIME-Version: 1.0',
    'Auto-Submitted: auto-replied',
    `Content-Type: multipart/report; report-type=disposition-notification; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    humanText,
    '',
    `--${boundary}`,
    'Content-Type: message/disposition-notification',
    '',
    'Reporting-UA: webmail.fabrikam.test; Readmark simulated webmail',
    `Original-Recipient: rfc822;${reporter.address}`,
    `Final-Recipient: rfc822;${reporter.address}`,
    ...(original.internetMessageId ? [`Original-Message-ID: ${original.internetMessageId}`] : []),
    `Disposition: ${mode}; ${disposition}`,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    originalHeaders,
    '',
    `--${boundary}--`,
    '',
  ];
  return { raw: lines.join('\r\n'), messageId };
}

function headerBlock(mime: string): string {
  const end = mime.search(/\r?\n\r?\n/);
  return (end === -1 ? mime : mime.slice(0, end)).replace(/\r?\n/g, '\r\n');
}
