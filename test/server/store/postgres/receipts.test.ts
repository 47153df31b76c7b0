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
    const read = newReceipt(input, { kind: 'read' });
    await store().recordReadReceipt(read);

    const notRead = await store().recordReadReceipt({
      ...read,
      kind: 'not-read',
      dispositionType: 'deleted',
    });

    expect(notRead).toEqual({ recorded: false });
    const receipts = await store().listReadReceipts(input.sender, input.trackingId);
    expect(receipts.map((receipt) => receipt.kind)).toEqual(['read']);
    expect((await store().getTrackedMessage(input.sender, input.trackingId))?.receipts).toEqual({
      read: 1,
      notRead: 0,
      other: 0,
    });
  });

  test('later read upgrades an earlier other', async () => {
    const input = await createdMessage();
    const other = newReceipt(input, { kind: 'other', dispositionType: 'processed', finalRecipient: null });
    await store().recordReadReceipt(other);
    const read = {
      ...other,
      kind: 'read' as const,
      dispositionType: 'displayed',
      finalRecipient: 'bob@example.org',
    };

    expect(await store().recordReadReceipt({ ...read, at: new Date('2026-03-05T00:00:00.000Z') })).toEqual({
      recorded: true,
    });

    expect(await store().listReadReceipts(input.sender, input.trackingId)).toEqual([
      { ...read, at: new Date('2026-03-05T00:00:00.000Z'), receivedAt: FROZEN_NOW },
    ]);
    expect((await store().getTrackedMessage(input.sender, input.trackingId))?.receipts).toEqual({
      read: 1,
      notRead: 0,
      other: 0,
    });
  });

  test('receipts with different ids are counted apart', async () => {
    const input = await createdMessage();

    await store().recordReadReceipt(newReceipt(input, { kind: 'read' }));
    await store().recordReadReceipt(newReceipt(input, { kind: 'not-read' }));
    await store().recordReadReceipt(newReceipt(input, { finalRecipient: null, kind: 'other' }));
    await store().recordReadReceipt(newReceipt(input, { finalRecipient: null, kind: 'other' }));

    expect((await store().getTrackedMessage(input.sender, input.trackingId))?.receipts).toEqual({
      read: 1,
      notRead: 1,
      other: 2,
    });
    expect(await store().listReadReceipts(input.sender, input.trackingId)).toHaveLength(4);
  });

  test('one receipt id on two messages records both', async () => {
    const first = await createdMessage();
    const second = newMessage(first.sender);
    await store().createTrackedMessage(second);
    const receiptMessageId = '<shared@mail.example.org>';

    expect(await store().recordReadReceipt(newReceipt(first, { receiptMessageId }))).toEqual({
      recorded: true,
    });
    expect(await store().recordReadReceipt(newReceipt(second, { receiptMessageId }))).toEqual({
      recorded: true,
    });
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
