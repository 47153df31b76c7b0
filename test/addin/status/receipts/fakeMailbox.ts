import type { TrackedMessage } from '../../../../src/shared/api';
import type {
  ReportMailbox,
  ReportMessage,
  SentCopy,
} from '../../../../src/addin/status/receipts/graphReports';
import type { KeyValueStore } from '../../../../src/addin/status/receipts/collectorState';
import type { Logger } from '../../../../src/addin/logger';

export interface MdnFields {
  messageId?: string;
  originalMessageId?: string;
  inReplyTo?: string;
  references?: string;
  disposition?: string;
  finalRecipient?: string;
  date?: string;
}

/** Builds a small RFC 8098 receipt; a field left out is not written. */
export function mdn(fields: MdnFields): string {
  const header = [
    fields.messageId === undefined ? null : `Message-ID: ${fields.messageId}`,
    `Date: ${fields.date ?? 'Mon, 2 Mar 2026 10:15:00 +0000'}`,
    'From: Dana Recipient <dana@example.net>',
    'To: Alice Sender <alice@example.com>',
    'Subject: Read: Quarterly figures',
    fields.inReplyTo === undefined ? null : `In-Reply-To: ${fields.inReplyTo}`,
    fields.references === undefined ? null : `References: ${fields.references}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=disposition-notification; boundary="b1"',
  ];
  const part = [
    'Reporting-UA: mail.example.net; Example Mail 3.1',
    `Final-Recipient: rfc822; ${fields.finalRecipient ?? 'dana@example.net'}`,
    fields.originalMessageId === undefined ? null : `Original-Message-ID: ${fields.originalMessageId}`,
    `Disposition: manual-action/MDN-sent-manually; ${fields.disposition ?? 'displayed'}`,
  ];
  const lines = (list: (string | null)[]) =>
    list.filter((line): line is string => line !== null).join('\r\n');
  return [
    lines(header),
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'The message was displayed.',
    '--b1',
    'Content-Type: message/disposition-notification',
    '',
    lines(part),
    '--b1--',
    '',
  ].join('\r\n');
}

export interface FakeReport {
  id: string;
  receivedDateTime: string;
  messageClass: string;
  mime: string;
  internetMessageId?: string;
}

/** An in-memory stand-in for the Graph reads, recording each call. */
export class FakeReportMailbox implements ReportMailbox {
  readonly reports: FakeReport[] = [];
  readonly sentCopies = new Map<string, SentCopy>();
  readonly listCalls: Date[] = [];
  readonly mimeCalls: string[] = [];
  failNextList: Error | null = null;

  listReportMessages(since: Date): Promise<ReportMessage[]> {
    this.listCalls.push(since);
    if (this.failNextList !== null) {
      const failure = this.failNextList;
      this.failNextList = null;
      return Promise.reject(failure);
    }
    return Promise.resolve(
      this.reports
        .filter((report) => Date.parse(report.receivedDateTime) >= since.getTime())
        .map((report) => ({
          id: report.id,
          internetMessageId: report.internetMessageId ?? null,
          receivedDateTime: report.receivedDateTime,
          singleValueExtendedProperties: [{ id: 'String 0x1a', value: report.messageClass }],
        })),
    );
  }

  fetchMime(messageId: string): Promise<string> {
    this.mimeCalls.push(messageId);
    const report = this.reports.find((candidate) => candidate.id === messageId);
    return report === undefined
      ? Promise.reject(new Error(`no message ${messageId}`))
      : Promise.resolve(report.mime);
  }

  findSentCopy(internetMessageId: string): Promise<SentCopy | null> {
    return Promise.resolve(this.sentCopies.get(internetMessageId) ?? null);
  }
}

export class MemoryStorage implements KeyValueStore {
  readonly values = new Map<string, string>();

  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function trackedMessage(id: string, internetMessageId: string | null): TrackedMessage {
  return {
    id,
    subject: null,
    recipientCount: 2,
    internetMessageId,
    sentAt: '2026-03-02T09:00:00.000Z',
    createdAt: '2026-03-02T08:59:00.000Z',
    lastActivityAt: '2026-03-02T09:00:00.000Z',
    stoppedAt: null,
    readReceiptRequested: null,
    opens: {
      firstOpenAt: null,
      lastOpenAt: null,
      counts: { human: 0, 'human-via-proxy': 0, prefetch: 0, scanner: 0, self: 0, unknown: 0 },
      peopleOpens: 0,
      automatedOpens: 0,
      selfViews: 0,
    },
    receipts: { read: 0, notRead: 0, other: 0 },
  };
}
