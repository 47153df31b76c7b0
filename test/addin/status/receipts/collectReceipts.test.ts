import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createReceiptCollector,
  type ReceiptServer,
} from '../../../../src/addin/status/receipts/collectReceipts';
import type {
  RecordReadReceiptRequest,
  RecordReadReceiptResponse,
  TrackedMessage,
  UpdateTrackedMessageRequest,
} from '../../../../src/shared/api';
import { FakeReportMailbox, mdn, MemoryStorage, silentLogger, trackedMessage } from './fakeMailbox';

const READ_CLASS = 'REPORT.IPM.Note.IPNRN';
const NOT_READ_CLASS = 'Report.IPM.NOTE.IPNNRN';

/** A stand-in for the Readmark server: exact message-id lookup, receipts idempotent by id. */
class FakeServer implements ReceiptServer {
  readonly messages: TrackedMessage[] = [];
  readonly posts: { id: string; receipt: RecordReadReceiptRequest }[] = [];
  readonly lookups: string[] = [];
  readonly links: { id: string; request: UpdateTrackedMessageRequest }[] = [];
  /** Tracked messages the server has but has not linked to a sent copy yet, by tracking id. */
  readonly unlinked = new Map<string, TrackedMessage>();
  private readonly stored = new Set<string>();
  /** The post with this 1-based number fails as if the server were unreachable. */
  failingPost: number | null = null;
  private postCount = 0;

  findByInternetMessageId(internetMessageId: string): Promise<TrackedMessage | null> {
    this.lookups.push(internetMessageId);
    return Promise.resolve(
      this.messages.find((message) => message.internetMessageId === internetMessageId) ?? null,
    );
  }

  updateTrackedMessage(id: string, request: UpdateTrackedMessageRequest): Promise<TrackedMessage> {
    this.links.push({ id, request });
    const message = this.unlinked.get(id);
    if (message === undefined) return Promise.reject(Object.assign(new Error('not found'), { status: 404 }));
    const linked = { ...message, ...request } as TrackedMessage;
    this.unlinked.delete(id);
    this.messages.push(linked);
    return Promise.resolve(linked);
  }

  recordReadReceipt(id: string, receipt: RecordReadReceiptRequest): Promise<RecordReadReceiptResponse> {
    this.postCount += 1;
    if (this.postCount === this.failingPost) return Promise.reject(new Error('server unreachable'));
    this.posts.push({ id, receipt });
    const key = `${id} ${receipt.receiptMessageId}`;
    const recorded = !this.stored.has(key);
    this.stored.add(key);
    return Promise.resolve({ recorded, receipts: { read: 0, notRead: 0, other: 0 } });
  }
}

describe('receipt collector', () => {
  let now: Date;
  let mailbox: FakeReportMailbox;
  let server: FakeServer;
  let storage: MemoryStorage;

  beforeEach(() => {
    now = new Date('2026-03-05T12:00:00.000Z');
    mailbox = new FakeReportMailbox();
    server = new FakeServer();
    storage = new MemoryStorage();
    server.messages.push(trackedMessage('tid-figures', '<sent-1@MAIL.example.com>'));
  });

  function collector() {
    return createReceiptCollector({ mailbox, server, storage, now: () => now, logger: silentLogger });
  }

  function addReport(
    id: string,
    mime: string,
    messageClass = READ_CLASS,
    receivedDateTime = '2026-03-04T10:00:00Z',
  ) {
    mailbox.reports.push({ id, mime, messageClass, receivedDateTime });
  }

  it('posts a read and a deleted-unread receipt to the tracked message', async () => {
    addReport(
      'g1',
      mdn({ messageId: '<mdn-1@example.net>', originalMessageId: '<sent-1@MAIL.example.com>' }),
    );
    addReport(
      'g2',
      mdn({
        messageId: '<mdn-2@example.org>',
        originalMessageId: '<sent-1@MAIL.example.com>',
        finalRecipient: 'eli@example.org',
        disposition: 'deleted',
        date: 'Tue, 3 Mar 2026 08:00:00 +0000',
      }),
      NOT_READ_CLASS,
    );

    const result = await collector().collect();

    expect(result).toMatchObject({ posted: 2, repeated: 0, unmatched: 0, skipped: 0, failure: null });
    expect(result.updatedTrackingIds).toEqual(['tid-figures', 'tid-figures']);
    expect(server.posts).toEqual([
      {
        id: 'tid-figures',
        receipt: {
          receiptMessageId: '<mdn-1@example.net>',
          finalRecipient: 'dana@example.net',
          kind: 'read',
          dispositionType: 'displayed',
          at: '2026-03-02T10:15:00.000Z',
        },
      },
      {
        id: 'tid-figures',
        receipt: {
          receiptMessageId: '<mdn-2@example.org>',
          finalRecipient: 'eli@example.org',
          kind: 'not-read',
          dispositionType: 'deleted',
          at: '2026-03-03T08:00:00.000Z',
        },
      },
    ]);
  });

  describe('matching', () => {
    it('falls back to In-Reply-To, then to References from the last id', async () => {
      server.messages.push(trackedMessage('tid-other', '<sent-2@mail.example.com>'));
      addReport(
        'g1',
        mdn({
          messageId: '<mdn-1@example.net>',
          inReplyTo: '<unknown@mail.example.com>',
          references: '<sent-2@mail.example.com> <sent-1@MAIL.example.com>',
        }),
      );
      addReport('g2', mdn({ messageId: '<mdn-2@example.net>', inReplyTo: '<sent-2@mail.example.com>' }));

      await collector().collect();

      expect(server.posts.map((post) => [post.receipt.receiptMessageId, post.id])).toEqual([
        ['<mdn-1@example.net>', 'tid-figures'],
        ['<mdn-2@example.net>', 'tid-other'],
      ]);
      expect(server.lookups).toEqual([
        '<unknown@mail.example.com>',
        '<sent-1@MAIL.example.com>',
        '<sent-2@mail.example.com>',
      ]);
    });

    it('prefers Original-Message-ID over In-Reply-To', async () => {
      server.messages.push(trackedMessage('tid-other', '<sent-2@mail.example.com>'));
      addReport(
        'g1',
        mdn({
          messageId: '<mdn-1@example.net>',
          originalMessageId: '<sent-1@MAIL.example.com>',
          inReplyTo: '<sent-2@mail.example.com>',
        }),
      );

      await collector().collect();

      expect(server.posts.map((post) => post.id)).toEqual(['tid-figures']);
    });

    it('counts a receipt for an untracked message as unmatched and posts nothing', async () => {
      addReport(
        'g1',
        mdn({ messageId: '<mdn-1@example.net>', originalMessageId: '<elsewhere@example.com>' }),
      );

      const result = await collector().collect();

      expect(result).toMatchObject({ posted: 0, unmatched: 1 });
      expect(server.posts).toEqual([]);
    });

    it('links an unlinked message, then posts', async () => {
      server.unlinked.set('tid-new', trackedMessage('tid-new', null));
      mailbox.sentCopies.set('<sent-9@mail.example.com>', {
        internetMessageId: '<sent-9@mail.example.com>',
        isReadReceiptRequested: true,
        sentAt: '2026-03-04T09:00:00Z',
        trackingId: 'tid-new',
      });
      addReport(
        'g1',
        mdn({ messageId: '<mdn-9@example.net>', originalMessageId: '<sent-9@mail.example.com>' }),
      );

      const result = await collector().collect();

      expect(result).toMatchObject({ posted: 1, unmatched: 0 });
      expect(server.links).toEqual([
        {
          id: 'tid-new',
          request: { internetMessageId: '<sent-9@mail.example.com>', sentAt: '2026-03-04T09:00:00Z' },
        },
      ]);
      expect(server.posts.map((post) => post.id)).toEqual(['tid-new']);
    });

    it('counts untracked or deleted copies as unmatched', async () => {
      mailbox.sentCopies.set('<plain@mail.example.com>', {
        internetMessageId: '<plain@mail.example.com>',
        isReadReceiptRequested: true,
        sentAt: null,
        trackingId: null,
      });
      mailbox.sentCopies.set('<deleted@mail.example.com>', {
        internetMessageId: '<deleted@mail.example.com>',
        isReadReceiptRequested: true,
        sentAt: null,
        trackingId: 'tid-deleted',
      });
      addReport(
        'g1',
        mdn({ messageId: '<mdn-1@example.net>', originalMessageId: '<plain@mail.example.com>' }),
      );
      addReport(
        'g2',
        mdn({ messageId: '<mdn-2@example.net>', originalMessageId: '<deleted@mail.example.com>' }),
      );

      const result = await collector().collect();

      expect(result).toMatchObject({ posted: 0, unmatched: 2, failure: null });
      expect(server.links).toEqual([
        { id: 'tid-deleted', request: { internetMessageId: '<deleted@mail.example.com>' } },
      ]);
    });

    it('classes an Outlook TNEF receipt by its message class and matches it by In-Reply-To', async () => {
      server.messages.push(trackedMessage('tid-plan', '<tracked-0022@mail.example.com>'));
      const tnef = readFileSync(join(__dirname, '../../../fixtures/mdn/exchange-tnef-receipt.eml'), 'utf8');
      addReport('g1', tnef, 'REPORT.IPM.NOTE.IPNRN');

      await collector().collect();

      expect(server.posts).toEqual([
        {
          id: 'tid-plan',
          receipt: expect.objectContaining({
            receiptMessageId: '<mdn-0022@mail.example.org>',
            kind: 'read',
            dispositionType: 'displayed',
          }) as unknown,
        },
      ]);
    });

    it('skips delivery reports without fetching them, and report messages that are no receipt', async () => {
      addReport('g1', 'never fetched', 'REPORT.IPM.Note.NDR');
      addReport('g2', 'not a message at all');

      const result = await collector().collect();

      expect(result).toMatchObject({ posted: 0, skipped: 2 });
      expect(mailbox.mimeCalls).toEqual(['g2']);
    });

    it('uses the report’s own internet message id when the MIME has no Message-ID', async () => {
      mailbox.reports.push({
        id: 'g1',
        mime: mdn({ originalMessageId: '<sent-1@MAIL.example.com>' }),
        messageClass: READ_CLASS,
        receivedDateTime: '2026-03-04T10:00:00Z',
        internetMessageId: '<graph-assigned@example.net>',
      });

      await collector().collect();

      expect(server.posts[0]?.receipt.receiptMessageId).toBe('<graph-assigned@example.net>');
    });
  });

  describe('last check and repeats', () => {
    it('looks back 30 days first, then from the last check less the overlap', async () => {
      await collector().collect();
      now = new Date('2026-03-05T13:00:00.000Z');
      await collector().collect();

      expect(mailbox.listCalls.map((since) => since.toISOString())).toEqual([
        '2026-02-03T12:00:00.000Z',
        '2026-03-05T11:45:00.000Z',
      ]);
    });

    it('never posts the same receipt twice, even inside the overlap', async () => {
      addReport(
        'g1',
        mdn({ messageId: '<mdn-1@example.net>', originalMessageId: '<sent-1@MAIL.example.com>' }),
        READ_CLASS,
        '2026-03-05T11:59:00Z',
      );
      await collector().collect();

      now = new Date('2026-03-05T12:05:00.000Z');
      const second = await collector().collect();

      expect(second).toMatchObject({ posted: 0, repeated: 0 });
      expect(server.posts).toHaveLength(1);
      expect(mailbox.mimeCalls).toEqual(['g1']);
    });

    it('keeps the last check when a check fails, and retries only what was not handled', async () => {
      addReport(
        'g1',
        mdn({ messageId: '<mdn-1@example.net>', originalMessageId: '<sent-1@MAIL.example.com>' }),
      );
      addReport(
        'g2',
        mdn({ messageId: '<mdn-2@example.net>', originalMessageId: '<sent-1@MAIL.example.com>' }),
        READ_CLASS,
        '2026-03-04T11:00:00Z',
      );
      server.failingPost = 2;

      const failed = await collector().collect();
      now = new Date('2026-03-05T13:00:00.000Z');
      const retried = await collector().collect();

      expect(failed).toMatchObject({ posted: 1, failure: new Error('server unreachable') });
      expect(retried).toMatchObject({ posted: 1, failure: null });
      // No check completed, so the retry looks back the full 30 days from its own start.
      expect(mailbox.listCalls[1]?.toISOString()).toBe('2026-02-03T13:00:00.000Z');
      expect(server.posts.map((entry) => entry.receipt.receiptMessageId)).toEqual([
        '<mdn-1@example.net>',
        '<mdn-2@example.net>',
      ]);
    });

    it('reports a Graph failure without rejecting', async () => {
      mailbox.failNextList = new Error('Graph down');

      const result = await collector().collect();

      expect(result.failure?.message).toBe('Graph down');
      expect(server.posts).toEqual([]);
    });

    it('joins a check that is already running', async () => {
      addReport(
        'g1',
        mdn({ messageId: '<mdn-1@example.net>', originalMessageId: '<sent-1@MAIL.example.com>' }),
      );
      const shared = collector();

      const [one, two] = await Promise.all([shared.collect(), shared.collect()]);

      expect(one).toBe(two);
      expect(mailbox.listCalls).toHaveLength(1);
    });

    it('starts afresh from damaged stored state', async () => {
      storage.setItem('readmark.receipts.collector.v1', '{not json');

      const result = await collector().collect();

      expect(result.since).toBe('2026-02-03T12:00:00.000Z');
    });
  });
});
