import type { NewOpen } from '../../../../src/server/store/trackingStore';
import { describeWithPostgres, queryDatabase } from '../../../support/postgres';
import { newMessage, newOpen, newSender, useMigratedStore } from './fixtures';

describeWithPostgres('PostgreSQL store opens', (databaseUrl) => {
  const fixture = useMigratedStore(databaseUrl, 'opens');
  const store = () => fixture.current.store;

  test('recordOpens updates counters of every message in a batch', async () => {
    const sender = newSender();
    const first = newMessage(sender);
    const second = newMessage(sender);
    await store().createTrackedMessage(first);
    await store().createTrackedMessage(second);

    await store().recordOpens([
      newOpen(first, { kind: 'prefetch', at: new Date('2026-03-02T09:00:00.000Z') }),
      newOpen(first, { kind: 'human', at: new Date('2026-03-02T11:00:00.000Z') }),
      newOpen(second, { kind: 'scanner', at: new Date('2026-03-02T09:30:00.000Z') }),
      newOpen(first, { kind: 'human-via-proxy', at: new Date('2026-03-02T10:00:00.000Z') }),
      newOpen(first, { kind: 'self', at: new Date('2026-03-02T12:00:00.000Z') }),
    ]);

    const firstStored = await store().getTrackedMessage(sender, first.trackingId);
    expect(firstStored?.opens).toEqual({
      firstOpenAt: new Date('2026-03-02T10:00:00.000Z'),
      lastOpenAt: new Date('2026-03-02T11:00:00.000Z'),
      counts: { human: 1, 'human-via-proxy': 1, prefetch: 1, scanner: 0, self: 1, unknown: 0 },
    });
    expect(firstStored?.lastActivityAt).toEqual(new Date('2026-03-02T12:00:00.000Z'));
    const secondStored = await store().getTrackedMessage(sender, second.trackingId);
    expect(secondStored?.opens).toEqual({
      firstOpenAt: null,
      lastOpenAt: null,
      counts: { human: 0, 'human-via-proxy': 0, prefetch: 0, scanner: 1, self: 0, unknown: 0 },
    });
  });

  test('recordOpens adds to counters across batches', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);

    await store().recordOpens([newOpen(input, { at: new Date('2026-03-04T00:00:00.000Z') })]);
    await store().recordOpens([
      newOpen(input, { at: new Date('2026-03-03T00:00:00.000Z') }),
      newOpen(input, { at: new Date('2026-03-05T00:00:00.000Z') }),
    ]);

    const stored = await store().getTrackedMessage(sender, input.trackingId);
    expect(stored?.opens.counts.human).toBe(3);
    expect(stored?.opens.firstOpenAt).toEqual(new Date('2026-03-03T00:00:00.000Z'));
    expect(stored?.opens.lastOpenAt).toEqual(new Date('2026-03-05T00:00:00.000Z'));
  });

  test('recordOpens stores every field of an open', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);
    const open = newOpen(input, {
      method: 'GET',
      userAgent: null,
      clientNetwork: null,
      kind: 'unknown',
      confidence: 0.123456789,
      reasons: ['no-user-agent', 'quote"and,comma', ''],
    });

    await store().recordOpens([open]);

    const page = await store().listOpens(sender, input.trackingId, { limit: 10, cursor: null });
    expect(page.items).toEqual([{ ...open, sequence: 1, counted: true }]);
  });

  test('recordOpens of an empty batch does nothing', async () => {
    await expect(store().recordOpens([])).resolves.toBeUndefined();
  });

  test('recordOpens skips unknown messages and opens after the stop', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);
    await store().updateTrackedMessage(sender, input.trackingId, {
      stoppedAt: new Date('2026-03-02T12:00:00.000Z'),
    });

    await store().recordOpens([
      newOpen(input, { at: new Date('2026-03-02T11:59:59.999Z') }),
      newOpen(input, { at: new Date('2026-03-02T12:00:00.000Z') }),
      newOpen(newMessage(sender), { at: new Date('2026-03-02T11:00:00.000Z') }),
      newOpen(input, { tenantId: 'another-tenant' }),
    ]);

    const stored = await store().getTrackedMessage(sender, input.trackingId);
    expect(stored?.opens.counts.human).toBe(1);
    const page = await store().listOpens(sender, input.trackingId, { limit: 10, cursor: null });
    expect(page.items.map((item) => item.at)).toEqual([new Date('2026-03-02T11:59:59.999Z')]);
  });

  test('recordOpens with an invalid kind rejects and writes nothing', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);
    const invalid = { ...newOpen(input), kind: 'robot' } as unknown as NewOpen;

    await expect(store().recordOpens([newOpen(input), invalid])).rejects.toThrow();

    const stored = await store().getTrackedMessage(sender, input.trackingId);
    expect(stored?.opens.counts.human).toBe(0);
    expect((await store().listOpens(sender, input.trackingId, { limit: 10, cursor: null })).items).toEqual(
      [],
    );
  });

  test('concurrent batches on shared messages keep exact counts', async () => {
    const sender = newSender();
    const messages = [newMessage(sender), newMessage(sender), newMessage(sender)];
    for (const message of messages) await store().createTrackedMessage(message);

    // Each batch names the messages in a different order, the classic setup for a deadlock.
    const batches = Array.from({ length: 12 }, (_, batchIndex) =>
      Array.from({ length: 30 }, (_, openIndex) => {
        const message = messages[(batchIndex + openIndex) % messages.length];
        if (message === undefined) throw new Error('unreachable');
        return newOpen(message, { at: new Date(Date.UTC(2026, 2, 2, 0, batchIndex, openIndex)) });
      }).reverse(),
    );
    await Promise.all(batches.map((batch) => store().recordOpens(batch)));

    for (const message of messages) {
      const stored = await store().getTrackedMessage(sender, message.trackingId);
      expect(stored?.opens.counts.human).toBe(120);
      const sequences = await queryDatabase<{ sequence: string }>(
        databaseUrl,
        `SELECT sequence FROM ${fixture.current.schema}.opens WHERE tracking_id = $1 ORDER BY sequence`,
        [message.trackingId],
      );
      expect(sequences.map((row) => Number(row.sequence))).toEqual(
        Array.from({ length: 120 }, (_, i) => i + 1),
      );
    }
  });

  test('listOpens pages newest first', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);
    const opens = Array.from({ length: 5 }, (_, index) =>
      newOpen(input, { at: new Date(Date.UTC(2026, 2, 2, 10, index)) }),
    );
    await store().recordOpens(opens.slice(0, 3));
    await store().recordOpens(opens.slice(3));

    const first = await store().listOpens(sender, input.trackingId, { limit: 2, cursor: null });
    const second = await store().listOpens(sender, input.trackingId, { limit: 2, cursor: first.nextCursor });
    const third = await store().listOpens(sender, input.trackingId, { limit: 2, cursor: second.nextCursor });

    expect(first.items.map((item) => item.sequence)).toEqual([5, 4]);
    expect(second.items.map((item) => item.sequence)).toEqual([3, 2]);
    expect(third.items.map((item) => item.sequence)).toEqual([1]);
    expect(third.nextCursor).toBeNull();
  });

  test('listOpens of another sender is empty', async () => {
    const owner = newSender();
    const input = newMessage(owner);
    await store().createTrackedMessage(input);
    await store().recordOpens([newOpen(input)]);

    const page = await store().listOpens({ ...owner, objectId: 'intruder' }, input.trackingId, {
      limit: 10,
      cursor: null,
    });

    expect(page).toEqual({ items: [], nextCursor: null });
  });

  test('listOpens rejects a malformed cursor', async () => {
    const sender = newSender();
    const negative = Buffer.from(JSON.stringify({ o: -1 })).toString('base64url');

    await expect(store().listOpens(sender, 'any', { limit: 5, cursor: negative })).rejects.toMatchObject({
      code: 'CURSOR_INVALID',
    });
  });

  test('recordOpens creates the partition of an uncovered month', async () => {
    const sender = newSender();
    const input = newMessage(sender);
    await store().createTrackedMessage(input);

    await store().recordOpens([newOpen(input, { at: new Date('2031-07-31T23:59:59.999Z') })]);

    const rows = await queryDatabase<{ partition: string }>(
      databaseUrl,
      `SELECT tableoid::regclass::text AS partition FROM ${fixture.current.schema}.opens WHERE tracking_id = $1`,
      [input.trackingId],
    );
    expect(rows).toEqual([{ partition: `${fixture.current.schema}.opens_p203107` }]);
  });
});
