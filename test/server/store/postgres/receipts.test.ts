import { describeWithPostgres } from '../../../support/postgres';
import { FROZEN_NOW, newMessage, newReceipt, newSender, useMigratedStore } from './fixtures';

describeWithPostgres('PostgreSQL store read receipts', (databaseUrl) => {
  const fixture = useMigratedStore(databaseUrl, 'receipts');
  const store = () => fixture.current.store;

  async function createdMessage() {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);
    return input;
  }

  test('recordReadReceipt stores the receipt and counts it', async () => {
    const input = await createdMessage();
    const receipt = newReceipt(input, { at: new Date('2026-03-04T07:00:00.000Z') });

    expect(await store().recordReadReceipt(receipt)).toEqual({ recorded: true });

    expect(await store().listReadReceipts(input.sender, input.trackingId)).toEqual([
      { ...receipt, receivedAt: FROZEN_NOW },
    ]);
    const stored = await store().getTrackedMessage(input.sender, input.trackingId);
    expect(stored?.receipts).toEqual({ read: 1, notRead: 0, other: 0 });
    expect(stored?.lastActivityAt).toEqual(new Date('2026-03-04T07:00:00.000Z'));
  });

  test('recordReadReceipt twice with one receiptMessageId records once', async () => {
    const input = await createdMessage();
    const receipt = newReceipt(input);

    await store().recordReadReceipt(receipt);
    const again = await store().recordReadReceipt({
      ...receipt,
      kind: 'other',
      dispositionType: 'processed',
    });

    expect(again).toEqual({ recorded: false });
    expect(await store().listReadReceipts(input.sender, input.trackingId)).toHaveLength(1);
    expect((await store().getTrackedMessage(input.sender, input.trackingId))?.receipts.read).toBe(1);
  });

  test('later not-read never replaces an earlier read', async () => {
    const input = await createdMessage();
    const read = newReceipt(input, { finalRecipient: 'Alice@Example.org', kind: 'read' });
    await store().recordReadReceipt(read);

    const notRead = await store().recordReadReceipt(
      newReceipt(input, {
        finalRecipient: 'alice@example.org',
        kind: 'not-read',
        dispositionType: 'deleted',
      }),
    );

    expect(notRead).toEqual({ recorded: false });
    const receipts = await store().listReadReceipts(input.sender, input.trackingId);
    expect(receipts.map((receipt) => receipt.receiptMessageId)).toEqual([read.receiptMessageId]);
    expect((await store().getTrackedMessage(input.sender, input.trackingId))?.receipts).toEqual({
      read: 1,
      notRead: 0,
      other: 0,
    });
  });

  test('later read replaces an earlier not-read of the recipient', async () => {
    const input = await createdMessage();
    await store().recordReadReceipt(newReceipt(input, { kind: 'not-read', dispositionType: 'deleted' }));
    const read = newReceipt(input, { kind: 'read', at: new Date('2026-03-05T00:00:00.000Z') });

    expect(await store().recordReadReceipt(read)).toEqual({ recorded: true });

    const receipts = await store().listReadReceipts(input.sender, input.trackingId);
    expect(receipts.map((receipt) => [receipt.receiptMessageId, receipt.kind])).toEqual([
      [read.receiptMessageId, 'read'],
    ]);
    expect((await store().getTrackedMessage(input.sender, input.trackingId))?.receipts).toEqual({
      read: 1,
      notRead: 0,
      other: 0,
    });
  });

  test('receipts of different recipients are counted apart', async () => {
    const input = await createdMessage();

    await store().recordReadReceipt(newReceipt(input, { finalRecipient: 'alice@example.org', kind: 'read' }));
    await store().recordReadReceipt(
      newReceipt(input, { finalRecipient: 'bob@example.org', kind: 'not-read' }),
    );
    await store().recordReadReceipt(newReceipt(input, { finalRecipient: null, kind: 'other' }));
    await store().recordReadReceipt(newReceipt(input, { finalRecipient: null, kind: 'other' }));

    expect((await store().getTrackedMessage(input.sender, input.trackingId))?.receipts).toEqual({
      read: 1,
      notRead: 1,
      other: 2,
    });
    expect(await store().listReadReceipts(input.sender, input.trackingId)).toHaveLength(4);
  });

  test('recordReadReceipt for another sender message records nothing', async () => {
    const input = await createdMessage();
    const intruder = { ...input.sender, objectId: 'intruder' };

    const result = await store().recordReadReceipt(newReceipt(input, { sender: intruder }));

    expect(result).toEqual({ recorded: false });
    expect(await store().listReadReceipts(input.sender, input.trackingId)).toEqual([]);
    expect(await store().listReadReceipts(intruder, input.trackingId)).toEqual([]);
  });

  test('concurrent duplicate receipts record once', async () => {
    const input = await createdMessage();
    const receipt = newReceipt(input, { finalRecipient: null });

    const results = await Promise.all([1, 2, 3, 4].map(() => store().recordReadReceipt(receipt)));

    expect(results.filter((result) => result.recorded)).toHaveLength(1);
    expect((await store().getTrackedMessage(input.sender, input.trackingId))?.receipts.read).toBe(1);
  });
});
