import type { ParsedMail } from 'mailparser';

/** What Exchange derives from a received message's MIME structure. */
export interface MessageClassification {
  messageClass: string;
  originalMessageId: string | null;
}

/**
 * Classifies a delivered message the way Exchange sets `PR_MESSAGE_CLASS`: an RFC 8098
 * disposition notification becomes `REPORT.IPM.Note.IPNRN` when the disposition is `displayed`
 * and `REPORT.IPM.Note.IPNNRN` otherwise; every other message is `IPM.Note`. This is deliberately
 * shallow: the add-in's own receipt parser does the real parsing.
 */
export function classifyDelivered(parsed: ParsedMail): MessageClassification {
  const contentType = parsed.headers.get('content-type');
  const isReport =
    typeof contentType === 'object' &&
    contentType !== null &&
    'value' in contentType &&
    typeof contentType.value === 'string' &&
    contentType.value.toLowerCase() === 'multipart/report';
  const notification = parsed.attachments.find(
    (attachment) => attachment.contentType.toLowerCase() === 'message/disposition-notification',
  );
  if (!isReport || !notification) return { messageClass: 'IPM.Note', originalMessageId: null };

  const fields = notification.content.toString('utf8');
  const disposition = /^Disposition:[^;\n]*;\s*([A-Za-z-]+)/im.exec(fields)?.[1]?.toLowerCase();
  const originalMessageId = /^Original-Message-ID:\s*(<[^>\r\n]+>)/im.exec(fields)?.[1] ?? null;
  return {
    messageClass: disposition === 'displayed' ? 'REPORT.IPM.Note.IPNRN' : 'REPORT.IPM.Note.IPNNRN',
    originalMessageId,
  };
}
