import { describeWithPostgres } from '../../../support/postgres';
import { newMessage, newOpen, newReceipt, newSender, useMigratedStore } from './fixtures';

describeWithPostgres('PostgreSQL store tracked messages', (databaseUrl) => {
  const fixture = useMigratedStore(databaseUrl, 'messages');
  const store = () => fixture.current.store;

  test('createTrackedMessage stores every field', async () => {
    const sender = newSender();
    const input = newMessage(sender, { subject: 'Budget', recipientCount: 3 });

    const result = await store().createTrackedMessage(input);

    expect(result.created).toBe(true);
    expect(result.message).toEqual({
      trackingId: input.trackingId,
      sender,
      clientRequestId: input.clientRequestId,
      subject: 'Budget',
      recipientCount: 3,
      internetMessageId: null,
      sentAt: null,
      createdAt: input.createdAt,
      lastActivityAt: input.createdAt,
      stoppedAt: null,
      readReceiptRequested: null,
      opens: {
        firstOpenAt: null,
        lastOpenAt: null,
        counts: { human: 0, 'human-via-proxy': 0, prefetch: 0, scanner: 0, self: 0, unknown: 0 },
      },
      receipts: { read: 0, notRead: 0, other: 0 },
    });
    expect(await store().getTrackedMessage(sender, input.trackingId)).toEqual(result.message);
  });

  test('createTrackedMessage with a known clientRequestId returns the first message', async () => {
    const sender = newSender();
    const first = newMessage(sender);
    await store().createTrackedMessage(first);

    const retry = await store().createTrackedMessage(
      newMessage(sender, { clientRequestId: first.clientRequestId }),
    );

    expect(retry.created).toBe(false);
    expect(retry.message.trackingId).toBe(first.trackingId);
  });

  test('createTrackedMessage racing on one clientRequestId creates one message', async () => {
    const sender = newSender();
    const clientRequestId = 'draft-race';

    const results = await Promise.all(
      [1, 2, 3, 4].map(() => store().createTrackedMessage(newMessage(sender, { clientRequestId }))),
    );

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.message.trackingId)).size).toBe(1);
  });

  test('same clientRequestId of two senders makes two messages', async () => {
    const alice = newSender('alice');
    const bob = { tenantId: alice.tenantId, objectId: 'bob' };

    const first = await store().createTrackedMessage(newMessage(alice, { clientRequestId: 'shared' }));
    const second = await store().createTrackedMessage(newMessage(bob, { clientRequestId: 'shared' }));

    expect(second.created).toBe(true);
    expect(second.message.trackingId).not.toBe(first.message.trackingId);
  });

  test('getTrackedMessage of another sender returns null', async () => {
    const owner = newSender();
    const input = newMessage(owner);
    await store().createTrackedMessage(input);

    expect(
      await store().getTrackedMessage({ ...owner, objectId: 'someone-else' }, input.trackingId),
    ).toBeNull();
    expect(
      await store().getTrackedMessage({ ...owner, tenantId: 'other-tenant' }, input.trackingId),
    ).toBeNull();
    expect(await store().getTrackedMessage(owner, 'unknown-id')).toBeNull();
  });

  test('updateTrackedMessage sets sent time and moves activity', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);
    const sentAt = new Date('2026-03-01T09:05:00.000Z');

    const updated = await store().updateTrackedMessage(sender, input.trackingId, {
      internetMessageId: '<abc@example.com>',
      sentAt,
      readReceiptRequested: true,
    });

    expect(updated).toMatchObject({
      internetMessageId: '<abc@example.com>',
      sentAt,
      lastActivityAt: sentAt,
      readReceiptRequested: true,
      stoppedAt: null,
    });
  });

  test('updateTrackedMessage keeps the first stop time', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);
    const firstStop = new Date('2026-03-05T00:00:00.000Z');

    await store().updateTrackedMessage(sender, input.trackingId, { stoppedAt: firstStop });
    const second = await store().updateTrackedMessage(sender, input.trackingId, {
      stoppedAt: new Date('2026-03-06T00:00:00.000Z'),
    });

    expect(second?.stoppedAt).toEqual(firstStop);
  });

  test('updateTrackedMessage with no changes returns the message', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    const { message } = await store().createTrackedMessage(input);

    expect(await store().updateTrackedMessage(sender, input.trackingId, {})).toEqual(message);
  });

  test('updateTrackedMessage of another sender returns null and changes nothing', async () => {
    const owner = newSender();
    const input = newMessage(owner);
    await store().createTrackedMessage(input);

    const result = await store().updateTrackedMessage({ ...owner, objectId: 'intruder' }, input.trackingId, {
      stoppedAt: new Date('2026-03-05T00:00:00.000Z'),
    });

    expect(result).toBeNull();
    expect((await store().getTrackedMessage(owner, input.trackingId))?.stoppedAt).toBeNull();
  });

  test('findByInternetMessageId finds only the sender message', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);
    await store().updateTrackedMessage(sender, input.trackingId, { internetMessageId: '<m1@example.com>' });

    expect((await store().findByInternetMessageId(sender, '<m1@example.com>'))?.trackingId).toBe(
      input.trackingId,
    );
    expect(await store().findByInternetMessageId(sender, '<m2@example.com>')).toBeNull();
    expect(
      await store().findByInternetMessageId({ ...sender, objectId: 'other' }, '<m1@example.com>'),
    ).toBeNull();
  });

  test('findPixelTarget returns owner and state', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);
    await store().updateTrackedMessage(sender, input.trackingId, {
      stoppedAt: new Date('2026-03-09T00:00:00Z'),
    });

    expect(await store().findPixelTarget(input.trackingId)).toEqual({
      trackingId: input.trackingId,
      sender,
      active: false,
      sentAt: null,
      createdAt: input.createdAt,
    });
    expect(await store().findPixelTarget('no-such-id')).toBeNull();
  });

  test('listTrackedMessages pages by activity then tracking id', async () => {
    const sender = newSender();
    const base = Date.parse('2026-02-01T00:00:00.000Z');
    const created = [];
    // Pairs of messages share a creation time, so the tracking id decides their order.
    for (let index = 0; index < 7; index++) {
      const input = newMessage(sender, {
        trackingId: `m${index}`,
        createdAt: new Date(base + Math.floor(index / 2) * 60_000),
      });
      await store().createTrackedMessage(input);
      created.push(input);
    }

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await store().listTrackedMessages(sender, { limit: 3, cursor });
      seen.push(...page.items.map((item) => item.trackingId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null);

    expect(seen).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
    expect(pages).toBe(3);
  });

  test('listTrackedMessages puts the latest open first', async () => {
    const sender = newSender();
    const older = newMessage(sender, { createdAt: new Date('2026-03-01T08:00:00.000Z') });
    const newer = newMessage(sender, { createdAt: new Date('2026-03-01T09:00:00.000Z') });
    await store().createTrackedMessage(older);
    await store().createTrackedMessage(newer);

    await store().recordOpens([newOpen(older, { at: new Date('2026-03-01T10:00:00.000Z') })]);
    const page = await store().listTrackedMessages(sender, { limit: 10, cursor: null });

    expect(page.items.map((item) => item.trackingId)).toEqual([older.trackingId, newer.trackingId]);
    expect(page.items[0]?.lastActivityAt).toEqual(new Date('2026-03-01T10:00:00.000Z'));
    expect(page.nextCursor).toBeNull();
  });

  test('listTrackedMessages shows only the sender messages', async () => {
    const alice = newSender('alice');
    const bob = { tenantId: alice.tenantId, objectId: 'bob' };
    const aliceMessage = newMessage(alice);
    await store().createTrackedMessage(aliceMessage);
    await store().createTrackedMessage(newMessage(bob));

    const page = await store().listTrackedMessages(alice, { limit: 10, cursor: null });

    expect(page.items.map((item) => item.trackingId)).toEqual([aliceMessage.trackingId]);
  });

  test('listTrackedMessages rejects a malformed cursor and limit', async () => {
    const sender = newSender();

    await expect(
      store().listTrackedMessages(sender, { limit: 10, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({
      code: 'CURSOR_INVALID',
    });
    const wrongShape = Buffer.from(JSON.stringify({ o: 4 })).toString('base64url');
    await expect(
      store().listTrackedMessages(sender, { limit: 10, cursor: wrongShape }),
    ).rejects.toMatchObject({
      code: 'CURSOR_INVALID',
    });
    await expect(store().listTrackedMessages(sender, { limit: 0, cursor: null })).rejects.toMatchObject({
      code: 'STORE_INVALID_LIMIT',
    });
  });

  test('deleteTrackedMessage removes message, opens and receipts', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);
    await store().recordOpens([newOpen(input)]);
    await store().recordReadReceipt(newReceipt(input));

    expect(await store().deleteTrackedMessage({ ...sender, objectId: 'intruder' }, input.trackingId)).toBe(
      false,
    );
    expect(await store().deleteTrackedMessage(sender, input.trackingId)).toBe(true);
    expect(await store().deleteTrackedMessage(sender, input.trackingId)).toBe(false);

    expect(await store().getTrackedMessage(sender, input.trackingId)).toBeNull();
    const opens = await store().listOpens(sender, input.trackingId, { limit: 10, cursor: null });
    expect(opens.items).toEqual([]);
    expect(await store().listReadReceipts(sender, input.trackingId)).toEqual([]);
    // A message created again with the same id starts from nothing.
    await store().createTrackedMessage(input);
    expect(await store().listReadReceipts(sender, input.trackingId)).toEqual([]);
    expect((await store().listOpens(sender, input.trackingId, { limit: 10, cursor: null })).items).toEqual(
      [],
    );
  });

  test('stopMessagesCreatedBefore stops only older active messages', async () => {
    const sender = newSender();
    const old = newMessage(sender, { createdAt: new Date('2000-01-01T00:00:00.000Z') });
    const recent = newMessage(sender, { createdAt: new Date('2000-03-01T00:00:00.000Z') });
    await store().createTrackedMessage(old);
    await store().createTrackedMessage(recent);
    const stopAt = new Date('2000-04-01T00:00:00.000Z');

    const stopped = await store().stopMessagesCreatedBefore(new Date('2000-02-01T00:00:00.000Z'), stopAt);

    expect(stopped).toBe(1);
    expect((await store().getTrackedMessage(sender, old.trackingId))?.stoppedAt).toEqual(stopAt);
    expect((await store().getTrackedMessage(sender, recent.trackingId))?.stoppedAt).toBeNull();
    expect(await store().stopMessagesCreatedBefore(new Date('2000-02-01T00:00:00.000Z'), stopAt)).toBe(0);
  });

  test('ping succeeds on a working database', async () => {
    await expect(store().ping()).resolves.toBeUndefined();
  });
});
