import { randomBytes, randomUUID } from 'node:crypto';
import type { OpenKind } from '../../../src/shared/api';
import type {
  HitContextQuery,
  NewOpen,
  NewReadReceipt,
  Sender,
  StoredTrackedMessage,
  TrackingStore,
} from '../../../src/server/store/trackingStore';
import { applyRetention } from '../../../src/server/privacy/retention';

/** A store opened for one test. `dispose` closes it and removes what the test created. */
export interface StoreFixture {
  store: TrackingStore;
  dispose(): Promise<void>;
}

const BASE_TIME = Date.parse('2026-03-02T09:00:00.000Z');

function at(offsetMs: number): Date {
  return new Date(BASE_TIME + offsetMs);
}

function newSender(): Sender {
  return { tenantId: randomUUID(), objectId: randomUUID() };
}

function newTrackingId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Defines the behaviour every `TrackingStore` backend must share. `openStore` must return an empty,
 * migrated store for each test: the retention methods act on every sender in it.
 */
export function describeTrackingStoreContract(name: string, openStore: () => Promise<StoreFixture>): void {
  describe(`${name} tracking store contract`, () => {
    let fixture: StoreFixture;
    let store: TrackingStore;

    beforeEach(async () => {
      fixture = await openStore();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.dispose();
    });

    async function createMessage(
      sender: Sender,
      overrides: { createdAt?: Date; clientRequestId?: string; subject?: string | null } = {},
    ): Promise<StoredTrackedMessage> {
      const result = await store.createTrackedMessage({
        trackingId: newTrackingId(),
        sender,
        clientRequestId: overrides.clientRequestId ?? randomUUID(),
        subject: overrides.subject === undefined ? 'Quarterly figures' : overrides.subject,
        recipientCount: 3,
        createdAt: overrides.createdAt ?? at(0),
      });
      return result.message;
    }

    function open(message: StoredTrackedMessage, offsetMs: number, kind: OpenKind = 'unknown'): NewOpen {
      return {
        trackingId: message.trackingId,
        tenantId: message.sender.tenantId,
        at: at(offsetMs),
        method: 'GET',
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
        clientNetwork: '203.0.113.0/24',
        kind,
        confidence: 0.5,
        reasons: ['test-reason'],
      };
    }

    function receipt(
      message: StoredTrackedMessage,
      receiptMessageId: string,
      kind: NewReadReceipt['kind'],
      offsetMs: number,
    ): NewReadReceipt {
      return {
        trackingId: message.trackingId,
        sender: message.sender,
        receiptMessageId,
        finalRecipient: 'rfc822;reader@example.com',
        kind,
        dispositionType: kind === 'read' ? 'displayed' : 'deleted',
        at: at(offsetMs),
      };
    }

    describe('migrate', () => {
      it('applies nothing when current', async () => {
        await expect(store.migrate()).resolves.toEqual({ applied: [] });
        await expect(store.migrate()).resolves.toEqual({ applied: [] });
      });
    });

    describe('createTrackedMessage', () => {
      it('stores every field and empty summaries', async () => {
        const sender = newSender();
        const trackingId = newTrackingId();
        const result = await store.createTrackedMessage({
          trackingId,
          sender,
          clientRequestId: 'draft-1',
          subject: 'Offer',
          recipientCount: 2,
          createdAt: at(123),
        });

        expect(result.created).toBe(true);
        expect(result.message).toEqual({
          trackingId,
          sender,
          clientRequestId: 'draft-1',
          subject: 'Offer',
          recipientCount: 2,
          internetMessageId: null,
          sentAt: null,
          createdAt: at(123),
          lastActivityAt: at(123),
          stoppedAt: null,
          readReceiptRequested: null,
          opens: {
            firstOpenAt: null,
            lastOpenAt: null,
            counts: { human: 0, 'human-via-proxy': 0, prefetch: 0, scanner: 0, self: 0, unknown: 0 },
          },
          receipts: { read: 0, notRead: 0, other: 0 },
        });
      });

      it('returns the first record for a repeated clientRequestId', async () => {
        const sender = newSender();
        const first = await createMessage(sender, { clientRequestId: 'retry-me' });
        const second = await store.createTrackedMessage({
          trackingId: newTrackingId(),
          sender,
          clientRequestId: 'retry-me',
          subject: 'Different subject',
          recipientCount: 9,
          createdAt: at(5000),
        });

        expect(second.created).toBe(false);
        expect(second.message).toEqual(first);
      });

      it('keeps clientRequestId per sender', async () => {
        const first = await createMessage(newSender(), { clientRequestId: 'shared-id' });
        const other = await createMessage(newSender(), { clientRequestId: 'shared-id' });

        expect(other.trackingId).not.toBe(first.trackingId);
      });

      it('accepts null subject and recipient count', async () => {
        const result = await store.createTrackedMessage({
          trackingId: newTrackingId(),
          sender: newSender(),
          clientRequestId: randomUUID(),
          subject: null,
          recipientCount: null,
          createdAt: at(0),
        });

        expect(result.message.subject).toBeNull();
        expect(result.message.recipientCount).toBeNull();
      });
    });

    describe('getTrackedMessage', () => {
      it('returns null for an unknown id', async () => {
        await expect(store.getTrackedMessage(newSender(), newTrackingId())).resolves.toBeNull();
      });

      it('returns null for another sender', async () => {
        const owner = newSender();
        const message = await createMessage(owner);

        await expect(store.getTrackedMessage(newSender(), message.trackingId)).resolves.toBeNull();
        await expect(
          store.getTrackedMessage({ tenantId: owner.tenantId, objectId: randomUUID() }, message.trackingId),
        ).resolves.toBeNull();
        await expect(
          store.getTrackedMessage({ tenantId: randomUUID(), objectId: owner.objectId }, message.trackingId),
        ).resolves.toBeNull();
        await expect(store.getTrackedMessage(owner, message.trackingId)).resolves.toEqual(message);
      });
    });

    describe('updateTrackedMessage', () => {
      it('records sending and moves the activity time', async () => {
        const sender = newSender();
        const message = await createMessage(sender);

        const updated = await store.updateTrackedMessage(sender, message.trackingId, {
          internetMessageId: '<abc@example.com>',
          sentAt: at(60_000),
          readReceiptRequested: true,
        });

        expect(updated?.internetMessageId).toBe('<abc@example.com>');
        expect(updated?.sentAt).toEqual(at(60_000));
        expect(updated?.lastActivityAt).toEqual(at(60_000));
        expect(updated?.readReceiptRequested).toBe(true);
        expect(updated?.stoppedAt).toBeNull();
      });

      it('keeps the first stop time', async () => {
        const sender = newSender();
        const message = await createMessage(sender);

        await store.updateTrackedMessage(sender, message.trackingId, { stoppedAt: at(1000) });
        const again = await store.updateTrackedMessage(sender, message.trackingId, { stoppedAt: at(2000) });

        expect(again?.stoppedAt).toEqual(at(1000));
      });

      it('leaves unspecified fields unchanged', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.updateTrackedMessage(sender, message.trackingId, {
          internetMessageId: '<keep@example.com>',
        });

        const updated = await store.updateTrackedMessage(sender, message.trackingId, {
          readReceiptRequested: false,
        });

        expect(updated?.internetMessageId).toBe('<keep@example.com>');
        expect(updated?.readReceiptRequested).toBe(false);
        expect(updated?.lastActivityAt).toEqual(message.lastActivityAt);
      });

      it('returns null for another sender and changes nothing', async () => {
        const owner = newSender();
        const message = await createMessage(owner);

        const result = await store.updateTrackedMessage(newSender(), message.trackingId, {
          stoppedAt: at(10),
        });

        expect(result).toBeNull();
        await expect(store.getTrackedMessage(owner, message.trackingId)).resolves.toEqual(message);
      });
    });

    describe('findByInternetMessageId', () => {
      it('finds the sender’s message only', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.updateTrackedMessage(sender, message.trackingId, {
          internetMessageId: '<m1@example.com>',
        });

        const found = await store.findByInternetMessageId(sender, '<m1@example.com>');

        expect(found?.trackingId).toBe(message.trackingId);
        await expect(store.findByInternetMessageId(newSender(), '<m1@example.com>')).resolves.toBeNull();
        await expect(store.findByInternetMessageId(sender, '<other@example.com>')).resolves.toBeNull();
      });
    });

    describe('listTrackedMessages', () => {
      it('pages by most recent activity without gaps or repeats', async () => {
        const sender = newSender();
        const created: StoredTrackedMessage[] = [];
        for (let index = 0; index < 5; index += 1) {
          created.push(await createMessage(sender, { createdAt: at(index * 1000) }));
        }
        // An open makes the oldest message the most recently active one.
        const oldest = created[0]!;
        await store.recordOpens([open(oldest, 10_000)]);
        await createMessage(newSender());

        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await store.listTrackedMessages(sender, { limit: 2, cursor });
          seen.push(...page.items.map((item) => item.trackingId));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor !== null && pages < 10);

        expect(pages).toBe(3);
        expect(seen).toEqual([
          oldest.trackingId,
          created[4]!.trackingId,
          created[3]!.trackingId,
          created[2]!.trackingId,
          created[1]!.trackingId,
        ]);
      });

      it('orders equal activity times by tracking id', async () => {
        const sender = newSender();
        const messages = [
          await createMessage(sender, { createdAt: at(0) }),
          await createMessage(sender, { createdAt: at(0) }),
          await createMessage(sender, { createdAt: at(0) }),
        ];
        const expected = messages
          .map((message) => message.trackingId)
          .sort()
          .reverse();

        const first = await store.listTrackedMessages(sender, { limit: 1, cursor: null });
        const rest = await store.listTrackedMessages(sender, { limit: 5, cursor: first.nextCursor });

        expect([...first.items, ...rest.items].map((item) => item.trackingId)).toEqual(expected);
        expect(rest.nextCursor).toBeNull();
      });

      it('returns an empty page for a sender without messages', async () => {
        await createMessage(newSender());

        await expect(store.listTrackedMessages(newSender(), { limit: 10, cursor: null })).resolves.toEqual({
          items: [],
          nextCursor: null,
        });
      });

      it('rejects a damaged cursor with CURSOR_INVALID', async () => {
        const sender = newSender();

        for (const cursor of ['not a cursor', 'eyJ4IjoxfQ', '']) {
          await expect(store.listTrackedMessages(sender, { limit: 10, cursor })).rejects.toMatchObject({
            code: 'CURSOR_INVALID',
          });
        }
      });
    });

    describe('findPixelTarget', () => {
      it('returns what the pixel path needs', async () => {
        const sender = newSender();
        const message = await createMessage(sender, { createdAt: at(5) });
        await store.updateTrackedMessage(sender, message.trackingId, { sentAt: at(50) });

        await expect(store.findPixelTarget(message.trackingId)).resolves.toEqual({
          trackingId: message.trackingId,
          sender,
          active: true,
          sentAt: at(50),
          createdAt: at(5),
        });
      });

      it('reports a stopped message as inactive', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.updateTrackedMessage(sender, message.trackingId, { stoppedAt: at(1) });

        const target = await store.findPixelTarget(message.trackingId);

        expect(target?.active).toBe(false);
      });

      it('returns null for an unknown id', async () => {
        await expect(store.findPixelTarget(newTrackingId())).resolves.toBeNull();
      });
    });

    describe('recordOpens', () => {
      it('updates counters, person open times and activity', async () => {
        const sender = newSender();
        const message = await createMessage(sender);

        await store.recordOpens([
          open(message, 3000, 'prefetch'),
          open(message, 5000, 'human'),
          open(message, 4000, 'human-via-proxy'),
          open(message, 9000, 'scanner'),
        ]);
        await store.recordOpens([open(message, 1000, 'unknown'), open(message, 2000, 'self')]);

        const stored = await store.getTrackedMessage(sender, message.trackingId);
        expect(stored?.opens).toEqual({
          firstOpenAt: at(4000),
          lastOpenAt: at(5000),
          counts: { human: 1, 'human-via-proxy': 1, prefetch: 1, scanner: 1, self: 1, unknown: 1 },
        });
        expect(stored?.lastActivityAt).toEqual(at(9000));
      });

      it('stores each open with its fields', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        const hit = { ...open(message, 700, 'human'), reasons: ['desktop-client', 'after-send'] };

        await store.recordOpens([hit]);
        const page = await store.listOpens(sender, message.trackingId, { limit: 10, cursor: null });

        expect(page.items).toHaveLength(1);
        expect(page.items[0]).toMatchObject({ ...hit, sequence: expect.any(Number) });
      });

      it('skips stopped, unknown and foreign-tenant ids without failing the batch', async () => {
        const sender = newSender();
        const active = await createMessage(sender);
        const stopped = await createMessage(sender);
        await store.updateTrackedMessage(sender, stopped.trackingId, { stoppedAt: at(1) });

        await store.recordOpens([
          open(stopped, 100),
          { ...open(active, 200), trackingId: newTrackingId() },
          { ...open(active, 300), tenantId: randomUUID() },
          open(active, 400),
        ]);

        const stoppedAfter = await store.getTrackedMessage(sender, stopped.trackingId);
        expect(stoppedAfter?.opens.counts.unknown).toBe(0);
        await expect(
          store.listOpens(sender, stopped.trackingId, { limit: 5, cursor: null }),
        ).resolves.toEqual({
          items: [],
          nextCursor: null,
        });
        const activeAfter = await store.getTrackedMessage(sender, active.trackingId);
        expect(activeAfter?.opens.counts.unknown).toBe(1);
        // The open of the other tenant named the active message, and must not have been kept either.
        const activeOpens = await store.listOpens(sender, active.trackingId, { limit: 5, cursor: null });
        expect(activeOpens.items.map((item) => item.at)).toEqual([at(400)]);
      });

      it('writes an open once however often its hit id is written', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        const first = { ...open(message, 100, 'human'), hitId: randomUUID() };
        const second = { ...open(message, 200, 'human'), hitId: randomUUID() };

        await store.recordOpens([first, first]);
        // The retry of a batch whose commit was applied, although the caller saw it fail.
        await store.recordOpens([first, second], { retry: true });

        const page = await store.listOpens(sender, message.trackingId, { limit: 5, cursor: null });
        expect(page.items.map((item) => item.at)).toEqual([at(200), at(100)]);
        const after = await store.getTrackedMessage(sender, message.trackingId);
        expect(after?.opens.counts.human).toBe(2);
      });

      it('keeps an open timed before the stop that is written after it', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.updateTrackedMessage(sender, message.trackingId, { stoppedAt: at(1000) });

        // Written late, as from the group-commit queue or the queue kept while the database was away.
        await store.recordOpens([open(message, 999), open(message, 1000), open(message, 1001)]);

        const page = await store.listOpens(sender, message.trackingId, { limit: 5, cursor: null });
        expect(page.items.map((item) => item.at)).toEqual([at(999)]);
        const after = await store.getTrackedMessage(sender, message.trackingId);
        expect(after?.opens.counts.unknown).toBe(1);
      });

      it('accepts an empty batch', async () => {
        await expect(store.recordOpens([])).resolves.toBeUndefined();
      });
    });

    describe('listOpens', () => {
      it('pages newest first', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordOpens([open(message, 1), open(message, 2), open(message, 3)]);
        await store.recordOpens([open(message, 4), open(message, 5)]);

        const first = await store.listOpens(sender, message.trackingId, { limit: 2, cursor: null });
        const second = await store.listOpens(sender, message.trackingId, {
          limit: 2,
          cursor: first.nextCursor,
        });
        const third = await store.listOpens(sender, message.trackingId, {
          limit: 2,
          cursor: second.nextCursor,
        });

        const times = [...first.items, ...second.items, ...third.items].map(
          (item) => item.at.getTime() - BASE_TIME,
        );
        expect(times).toEqual([5, 4, 3, 2, 1]);
        expect(third.nextCursor).toBeNull();
        const sequences = [...first.items, ...second.items, ...third.items].map((item) => item.sequence);
        expect([...sequences].sort((a, b) => b - a)).toEqual(sequences);
      });

      it('returns nothing to another sender', async () => {
        const message = await createMessage(newSender());
        await store.recordOpens([open(message, 1)]);

        await expect(
          store.listOpens(newSender(), message.trackingId, { limit: 10, cursor: null }),
        ).resolves.toEqual({
          items: [],
          nextCursor: null,
        });
      });

      it('rejects a damaged cursor with CURSOR_INVALID', async () => {
        const sender = newSender();
        const message = await createMessage(sender);

        await expect(
          store.listOpens(sender, message.trackingId, { limit: 10, cursor: '%%%' }),
        ).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
      });
    });

    describe('recordReadReceipt', () => {
      it('records once per receipt message id', async () => {
        const sender = newSender();
        const message = await createMessage(sender);

        await expect(
          store.recordReadReceipt(receipt(message, '<r1@example.com>', 'read', 100)),
        ).resolves.toEqual({
          recorded: true,
        });
        await expect(
          store.recordReadReceipt(receipt(message, '<r1@example.com>', 'read', 100)),
        ).resolves.toEqual({
          recorded: false,
        });

        const stored = await store.getTrackedMessage(sender, message.trackingId);
        expect(stored?.receipts).toEqual({ read: 1, notRead: 0, other: 0 });
        expect(stored?.lastActivityAt).toEqual(at(100));
        const list = await store.listReadReceipts(sender, message.trackingId);
        expect(list).toHaveLength(1);
        expect(list[0]).toMatchObject({
          trackingId: message.trackingId,
          sender,
          receiptMessageId: '<r1@example.com>',
          finalRecipient: 'rfc822;reader@example.com',
          kind: 'read',
          dispositionType: 'displayed',
          at: at(100),
        });
        expect(list[0]?.receivedAt).toBeInstanceOf(Date);
      });

      it('never downgrades read to not-read', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordReadReceipt(receipt(message, '<r2@example.com>', 'read', 100));

        const later = await store.recordReadReceipt(receipt(message, '<r2@example.com>', 'not-read', 200));

        expect(later.recorded).toBe(false);
        const list = await store.listReadReceipts(sender, message.trackingId);
        expect(list.map((item) => item.kind)).toEqual(['read']);
        const stored = await store.getTrackedMessage(sender, message.trackingId);
        expect(stored?.receipts).toEqual({ read: 1, notRead: 0, other: 0 });
      });

      it('upgrades not-read to read', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordReadReceipt(receipt(message, '<r3@example.com>', 'not-read', 100));

        const later = await store.recordReadReceipt(receipt(message, '<r3@example.com>', 'read', 200));

        expect(later.recorded).toBe(true);
        const stored = await store.getTrackedMessage(sender, message.trackingId);
        expect(stored?.receipts).toEqual({ read: 1, notRead: 0, other: 0 });
        const list = await store.listReadReceipts(sender, message.trackingId);
        expect(list.map((item) => [item.kind, item.at])).toEqual([['read', at(200)]]);
      });

      it('counts receipts by kind', async () => {
        const sender = newSender();
        const message = await createMessage(sender);

        await store.recordReadReceipt(receipt(message, '<a@example.com>', 'read', 1));
        await store.recordReadReceipt(receipt(message, '<b@example.com>', 'not-read', 2));
        await store.recordReadReceipt(receipt(message, '<c@example.com>', 'other', 3));

        const stored = await store.getTrackedMessage(sender, message.trackingId);
        expect(stored?.receipts).toEqual({ read: 1, notRead: 1, other: 1 });
      });

      it('records nothing for another sender', async () => {
        const owner = newSender();
        const message = await createMessage(owner);
        const stranger = newSender();

        const result = await store.recordReadReceipt({
          ...receipt(message, '<x@example.com>', 'read', 1),
          sender: stranger,
        });

        expect(result.recorded).toBe(false);
        await expect(store.listReadReceipts(owner, message.trackingId)).resolves.toEqual([]);
        await expect(store.listReadReceipts(stranger, message.trackingId)).resolves.toEqual([]);
      });
    });

    describe('deleteTrackedMessage', () => {
      it('removes the message, its opens and its receipts', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordOpens([open(message, 1)]);
        await store.recordReadReceipt(receipt(message, '<d@example.com>', 'read', 2));

        await expect(store.deleteTrackedMessage(sender, message.trackingId)).resolves.toBe(true);

        await expect(store.getTrackedMessage(sender, message.trackingId)).resolves.toBeNull();
        await expect(store.findPixelTarget(message.trackingId)).resolves.toBeNull();
        await expect(
          store.listOpens(sender, message.trackingId, { limit: 5, cursor: null }),
        ).resolves.toEqual({
          items: [],
          nextCursor: null,
        });
        await expect(store.listReadReceipts(sender, message.trackingId)).resolves.toEqual([]);
        await expect(store.deleteTrackedMessage(sender, message.trackingId)).resolves.toBe(false);
      });

      it('does not delete another sender’s message', async () => {
        const owner = newSender();
        const message = await createMessage(owner);

        await expect(store.deleteTrackedMessage(newSender(), message.trackingId)).resolves.toBe(false);
        await expect(store.getTrackedMessage(owner, message.trackingId)).resolves.not.toBeNull();
      });
    });

    describe('deleteSender', () => {
      it('removes everything of one sender only', async () => {
        const sender = newSender();
        const other = newSender();
        const first = await createMessage(sender);
        await createMessage(sender);
        const kept = await createMessage(other);
        await store.recordOpens([open(first, 1), open(kept, 2)]);
        await store.recordReadReceipt(receipt(first, '<s@example.com>', 'read', 3));

        await expect(store.deleteSender(sender)).resolves.toBe(2);

        await expect(store.listTrackedMessages(sender, { limit: 10, cursor: null })).resolves.toEqual({
          items: [],
          nextCursor: null,
        });
        await expect(store.findPixelTarget(first.trackingId)).resolves.toBeNull();
        await expect(
          store.listOpens(other, kept.trackingId, { limit: 5, cursor: null }),
        ).resolves.toMatchObject({
          items: [expect.objectContaining({ trackingId: kept.trackingId })],
        });
        await expect(store.deleteSender(sender)).resolves.toBe(0);
      });
    });

    describe('purgeOpensBefore', () => {
      it('deletes old opens in batches and keeps counters', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordOpens([1, 2, 3, 4, 5, 10_000].map((offset) => open(message, offset, 'human')));

        await expect(store.purgeOpensBefore(at(5000), 2)).resolves.toBe(5);

        const page = await store.listOpens(sender, message.trackingId, { limit: 10, cursor: null });
        expect(page.items.map((item) => item.at)).toEqual([at(10_000)]);
        const stored = await store.getTrackedMessage(sender, message.trackingId);
        expect(stored?.opens.counts.human).toBe(6);
        await expect(store.purgeOpensBefore(at(5000), 2)).resolves.toBe(0);
      });
    });

    describe('stopMessagesCreatedBefore', () => {
      it('stops old active messages only', async () => {
        const sender = newSender();
        const old = await createMessage(sender, { createdAt: at(0) });
        const alreadyStopped = await createMessage(sender, { createdAt: at(0) });
        await store.updateTrackedMessage(sender, alreadyStopped.trackingId, { stoppedAt: at(1) });
        const recent = await createMessage(sender, { createdAt: at(50_000) });

        await expect(store.stopMessagesCreatedBefore(at(10_000), at(60_000))).resolves.toBe(1);

        const oldAfter = await store.getTrackedMessage(sender, old.trackingId);
        expect(oldAfter?.stoppedAt).toEqual(at(60_000));
        const stoppedAfter = await store.getTrackedMessage(sender, alreadyStopped.trackingId);
        expect(stoppedAfter?.stoppedAt).toEqual(at(1));
        await expect(store.findPixelTarget(recent.trackingId)).resolves.toMatchObject({ active: true });
      });
    });

    describe('uncounted opens', () => {
      it('stores a repeat without counting it', async () => {
        const sender = newSender();
        const message = await createMessage(sender);

        await store.recordOpens([
          open(message, 1000, 'human'),
          { ...open(message, 2000, 'human'), reasons: ['repeat', 'thunderbird'], counted: false },
        ]);

        const stored = await store.getTrackedMessage(sender, message.trackingId);
        expect(stored?.opens).toEqual({
          firstOpenAt: at(1000),
          lastOpenAt: at(1000),
          counts: { human: 1, 'human-via-proxy': 0, prefetch: 0, scanner: 0, self: 0, unknown: 0 },
        });
        expect(stored?.lastActivityAt).toEqual(at(2000));
        const page = await store.listOpens(sender, message.trackingId, { limit: 10, cursor: null });
        expect(page.items.map((item) => item.counted)).toEqual([false, true]);
      });
    });

    describe('loadHitContext', () => {
      function query(
        message: StoredTrackedMessage,
        overrides: Partial<HitContextQuery> = {},
      ): HitContextQuery {
        return {
          sender: message.sender,
          trackingId: message.trackingId,
          opensSince: at(0),
          maxOpens: 50,
          viewsSince: at(0),
          maxViews: 20,
          clientNetwork: '203.0.113.0/24',
          networkSeenSince: at(0),
          ...overrides,
        };
      }

      it('returns recent opens newest first within the bounds', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordOpens([500, 1000, 3000, 2000].map((offset) => open(message, offset, 'human')));

        const context = await store.loadHitContext(query(message, { opensSince: at(1000), maxOpens: 2 }));

        expect(context.recentOpens.map((item) => item.at)).toEqual([at(3000), at(2000)]);
        expect(context.recentOpens[0]).toMatchObject({ kind: 'human', counted: true, method: 'GET' });
      });

      it('orders opens recorded out of time order', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordOpens([open(message, 1000, 'human'), open(message, 3000, 'human')]);
        await store.recordOpens([open(message, 2000, 'prefetch')]);

        const context = await store.loadHitContext(query(message, { opensSince: at(1000) }));

        expect(context.recentOpens.map((item) => item.at)).toEqual([at(3000), at(2000), at(1000)]);
      });

      it('reads only opens after a sequence when asked', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordOpens([open(message, 1000, 'human'), open(message, 2000, 'human')]);
        const first = await store.loadHitContext(query(message));
        await store.recordOpens([open(message, 3000, 'prefetch'), open(message, 1500, 'scanner')]);

        const newest = Math.max(...first.recentOpens.map((item) => item.sequence));
        const newer = await store.loadHitContext(query(message, { opensAfterSequence: newest }));

        expect(newer.recentOpens.map((item) => item.at)).toEqual([at(3000), at(1500)]);
        expect(newer.recentOpens.every((item) => item.sequence > newest)).toBe(true);
      });

      it('returns the message’s recent sender views only', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        const other = await createMessage(sender);
        await store.recordSenderView(sender, message.trackingId, at(1000));
        await store.recordSenderView(sender, message.trackingId, at(5000));
        await store.recordSenderView(sender, other.trackingId, at(6000));

        const context = await store.loadHitContext(query(message, { viewsSince: at(2000) }));

        expect(context.senderViews).toEqual([at(5000)]);
      });

      it('returns the hit’s network when the sender used it recently', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordSenderNetwork(sender, '203.0.113.0/24', at(4000));
        await store.recordSenderNetwork(sender, '198.51.100.0/24', at(4000));

        const recent = await store.loadHitContext(query(message, { networkSeenSince: at(3000) }));
        const stale = await store.loadHitContext(query(message, { networkSeenSince: at(5000) }));
        const none = await store.loadHitContext(query(message, { clientNetwork: null }));

        expect(recent.senderNetworks).toEqual([{ network: '203.0.113.0/24', lastSeenAt: at(4000) }]);
        expect(stale.senderNetworks).toEqual([]);
        expect(none.senderNetworks).toEqual([]);
      });

      it('returns nothing for another sender', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordOpens([open(message, 1000)]);
        await store.recordSenderView(sender, message.trackingId, at(1000));
        const stranger = { ...message, sender: { ...sender, objectId: randomUUID() } };
        await store.recordSenderNetwork(stranger.sender, '203.0.113.0/24', at(1000));

        await expect(store.loadHitContext(query(stranger))).resolves.toEqual({
          recentOpens: [],
          senderViews: [],
          senderNetworks: [],
        });
      });
    });

    describe('recordSenderView', () => {
      it('records the sender’s own message once per time', async () => {
        const sender = newSender();
        const message = await createMessage(sender);

        await expect(store.recordSenderView(sender, message.trackingId, at(1000))).resolves.toBe(true);
        await expect(store.recordSenderView(sender, message.trackingId, at(1000))).resolves.toBe(true);

        const context = await store.loadHitContext({
          sender,
          trackingId: message.trackingId,
          opensSince: at(0),
          maxOpens: 10,
          viewsSince: at(0),
          maxViews: 10,
          clientNetwork: null,
          networkSeenSince: at(0),
        });
        expect(context.senderViews).toEqual([at(1000)]);
      });

      it('records nothing for another sender or an unknown id', async () => {
        const message = await createMessage(newSender());

        await expect(store.recordSenderView(newSender(), message.trackingId, at(1000))).resolves.toBe(false);
        await expect(store.recordSenderView(message.sender, newTrackingId(), at(1000))).resolves.toBe(false);
      });
    });

    describe('listSenderActivity', () => {
      it('lists the sender’s views and networks oldest first, and nobody else’s', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        const other = await createMessage(sender);
        const stranger = await createMessage(newSender());
        await store.recordSenderView(sender, other.trackingId, at(3000));
        await store.recordSenderView(sender, message.trackingId, at(1000));
        await store.recordSenderView(stranger.sender, stranger.trackingId, at(2000));
        await store.recordSenderNetwork(sender, '203.0.113.0/24', at(5000));
        await store.recordSenderNetwork(sender, '198.51.100.0/24', at(4000));
        await store.recordSenderNetwork(stranger.sender, '192.0.2.0/24', at(4000));

        const activity = await store.listSenderActivity(sender);

        expect(activity.views).toEqual([
          { trackingId: message.trackingId, viewedAt: at(1000) },
          { trackingId: other.trackingId, viewedAt: at(3000) },
        ]);
        expect(activity.networks).toEqual([
          { network: '198.51.100.0/24', lastSeenAt: at(4000) },
          { network: '203.0.113.0/24', lastSeenAt: at(5000) },
        ]);
      });

      it('is empty after the sender is deleted', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordSenderView(sender, message.trackingId, at(1000));
        await store.recordSenderNetwork(sender, '203.0.113.0/24', at(1000));

        await store.deleteSender(sender);

        await expect(store.listSenderActivity(sender)).resolves.toEqual({ views: [], networks: [] });
      });
    });

    describe('recordSenderNetwork', () => {
      it('keeps the latest time a network was seen', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordSenderNetwork(sender, '203.0.113.0/24', at(5000));
        await store.recordSenderNetwork(sender, '203.0.113.0/24', at(2000));
        await store.recordSenderNetwork(sender, '203.0.113.0/24', at(7000));

        const context = await store.loadHitContext({
          sender,
          trackingId: message.trackingId,
          opensSince: at(0),
          maxOpens: 10,
          viewsSince: at(0),
          maxViews: 10,
          clientNetwork: '203.0.113.0/24',
          networkSeenSince: at(0),
        });
        expect(context.senderNetworks).toEqual([{ network: '203.0.113.0/24', lastSeenAt: at(7000) }]);
      });
    });

    describe('reclassifyOpens', () => {
      async function storedOpens(message: StoredTrackedMessage) {
        const page = await store.listOpens(message.sender, message.trackingId, { limit: 50, cursor: null });
        return [...page.items].reverse();
      }

      it('moves counters and person open times with the new verdicts', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordOpens([
          open(message, 1000, 'human'),
          open(message, 2000, 'human'),
          open(message, 3000, 'human-via-proxy'),
          { ...open(message, 4000, 'human'), counted: false },
        ]);
        const [first, second, , fourth] = await storedOpens(message);

        const changed = await store.reclassifyOpens(sender, message.trackingId, [
          {
            sequence: first!.sequence,
            kind: 'self',
            confidence: 0.95,
            reasons: ['sender-view'],
            counted: true,
          },
          {
            sequence: second!.sequence,
            kind: 'self',
            confidence: 0.95,
            reasons: ['sender-view'],
            counted: true,
          },
          { sequence: fourth!.sequence, kind: 'self', confidence: 0.95, reasons: ['repeat'], counted: false },
        ]);

        expect(changed).toBe(3);
        const stored = await store.getTrackedMessage(sender, message.trackingId);
        expect(stored?.opens).toEqual({
          firstOpenAt: at(3000),
          lastOpenAt: at(3000),
          counts: { human: 0, 'human-via-proxy': 1, prefetch: 0, scanner: 0, self: 2, unknown: 0 },
        });
        const after = await storedOpens(message);
        expect(after.map((item) => [item.kind, item.counted])).toEqual([
          ['self', true],
          ['self', true],
          ['human-via-proxy', true],
          ['self', false],
        ]);
        expect(after[0]).toMatchObject({ confidence: 0.95, reasons: ['sender-view'] });
      });

      it('clears person open times when no person open is left', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordOpens([open(message, 1000, 'human')]);
        const [only] = await storedOpens(message);

        await store.reclassifyOpens(sender, message.trackingId, [
          {
            sequence: only!.sequence,
            kind: 'self',
            confidence: 0.95,
            reasons: ['sender-view'],
            counted: true,
          },
        ]);

        const stored = await store.getTrackedMessage(sender, message.trackingId);
        expect(stored?.opens.firstOpenAt).toBeNull();
        expect(stored?.opens.lastOpenAt).toBeNull();
        expect(stored?.opens.counts.self).toBe(1);
      });

      it('skips unknown sequences and other senders', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        await store.recordOpens([open(message, 1000, 'human')]);
        const [only] = await storedOpens(message);
        const change = {
          sequence: only!.sequence,
          kind: 'self' as const,
          confidence: 1,
          reasons: [],
          counted: true,
        };

        await expect(store.reclassifyOpens(newSender(), message.trackingId, [change])).resolves.toBe(0);
        await expect(
          store.reclassifyOpens(sender, message.trackingId, [{ ...change, sequence: only!.sequence + 100 }]),
        ).resolves.toBe(0);

        const stored = await store.getTrackedMessage(sender, message.trackingId);
        expect(stored?.opens.counts.human).toBe(1);
      });
    });

    describe('sender activity deletion', () => {
      it('goes with the message, the sender and retention', async () => {
        const sender = newSender();
        const message = await createMessage(sender);
        const kept = await createMessage(sender);
        const contextOf = (target: StoredTrackedMessage, network: string) =>
          store.loadHitContext({
            sender,
            trackingId: target.trackingId,
            opensSince: at(0),
            maxOpens: 10,
            viewsSince: at(0),
            maxViews: 10,
            clientNetwork: network,
            networkSeenSince: at(0),
          });
        await store.recordSenderView(sender, message.trackingId, at(1000));
        await store.recordSenderView(sender, kept.trackingId, at(1000));
        await store.recordSenderView(sender, kept.trackingId, at(9000));
        await store.recordSenderNetwork(sender, '203.0.113.0/24', at(1000));
        await store.recordSenderNetwork(sender, '198.51.100.0/24', at(9000));

        await store.deleteTrackedMessage(sender, message.trackingId);
        await store.purgeOpensBefore(at(5000), 10);

        const context = await contextOf(kept, '203.0.113.0/24');
        expect(context.senderViews).toEqual([at(9000)]);
        expect(context.senderNetworks).toEqual([]);
        await expect(contextOf(kept, '198.51.100.0/24')).resolves.toMatchObject({
          senderNetworks: [{ network: '198.51.100.0/24' }],
        });

        await store.deleteSender(sender);
        const replacement = await createMessage(sender);
        await expect(contextOf(replacement, '198.51.100.0/24')).resolves.toEqual({
          recentOpens: [],
          senderViews: [],
          senderNetworks: [],
        });
      });
    });

    describe('retention policy', () => {
      const DAY = 24 * 60 * 60 * 1000;
      const policy = { openRetentionDays: 90, trackingMaxAgeDays: 180, purgeBatchSize: 2 };

      it('deletes old opens and stops old messages once; a second run changes nothing', async () => {
        const sender = newSender();
        const old = await createMessage(sender, { createdAt: at(0) });
        const recent = await createMessage(sender, { createdAt: at(100 * DAY) });
        await store.recordOpens([
          open(old, 1 * DAY),
          open(old, 2 * DAY),
          open(old, 3 * DAY),
          open(old, 150 * DAY),
          open(recent, 150 * DAY),
        ]);

        const first = await applyRetention(store, policy, at(200 * DAY));
        const second = await applyRetention(store, policy, at(200 * DAY));

        expect(first).toMatchObject({ opensDeleted: 3, messagesStopped: 1 });
        expect(second).toMatchObject({ opensDeleted: 0, messagesStopped: 0 });
        const kept = await store.listOpens(sender, old.trackingId, { limit: 10, cursor: null });
        expect(kept.items.map((item) => item.at)).toEqual([at(150 * DAY)]);
        await expect(store.findPixelTarget(old.trackingId)).resolves.toMatchObject({ active: false });
        await expect(store.findPixelTarget(recent.trackingId)).resolves.toMatchObject({ active: true });
        await store.recordOpens([open(old, 200 * DAY)]);
        const afterStop = await store.getTrackedMessage(sender, old.trackingId);
        expect(afterStop?.opens.counts.unknown).toBe(4);
      });
    });

    describe('ping', () => {
      it('resolves on a usable database', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });
  });
}
