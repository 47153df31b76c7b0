import { describeWithPostgres, queryDatabase } from '../../../support/postgres';
import { newMessage, newOpen, newReceipt, newSender, useMigratedStore } from './fixtures';

describeWithPostgres('PostgreSQL store retention and deletion', (databaseUrl) => {
  const fixture = useMigratedStore(databaseUrl, 'retention');
  const store = () => fixture.current.store;

  async function partitionNames(): Promise<string[]> {
    const rows = await queryDatabase<{ name: string }>(
      databaseUrl,
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = '${fixture.current.schema}.opens'::regclass ORDER BY c.relname`,
    );
    return rows.map((row) => row.name);
  }

  test('purgeOpensBefore drops old partitions and deletes the rest in batches', async () => {
    const sender = newSender();
    const input = newMessage(sender, { createdAt: new Date('2019-12-01T00:00:00.000Z') });
    await store().createTrackedMessage(input);
    const at = (iso: string) => newOpen(input, { at: new Date(iso) });
    await store().recordOpens([
      at('2020-01-05T00:00:00.000Z'),
      at('2020-01-25T00:00:00.000Z'),
      at('2020-02-10T00:00:00.000Z'),
      ...Array.from({ length: 7 }, (_, day) => at(`2020-03-0${day + 1}T00:00:00.000Z`)),
      at('2020-03-20T00:00:00.000Z'),
    ]);
    expect(await partitionNames()).toEqual(
      expect.arrayContaining(['opens_p202001', 'opens_p202002', 'opens_p202003']),
    );

    const removed = await store().purgeOpensBefore(new Date('2020-03-10T00:00:00.000Z'), 3);

    expect(removed).toBe(10);
    const names = await partitionNames();
    expect(names).not.toContain('opens_p202001');
    expect(names).not.toContain('opens_p202002');
    expect(names).toContain('opens_p202003');
    const left = await store().listOpens(sender, input.trackingId, { limit: 10, cursor: null });
    expect(left.items.map((item) => item.at)).toEqual([new Date('2020-03-20T00:00:00.000Z')]);
    // Counters keep their totals after the raw opens are gone.
    expect((await store().getTrackedMessage(sender, input.trackingId))?.opens.counts.human).toBe(11);
  });

  test('recordOpens writes again into a month that retention dropped', async () => {
    const sender = newSender();
    const input = newMessage(sender, { createdAt: new Date('2018-12-01T00:00:00.000Z') });
    await store().createTrackedMessage(input);
    await store().recordOpens([newOpen(input, { at: new Date('2019-01-10T00:00:00.000Z') })]);
    await store().purgeOpensBefore(new Date('2019-02-01T00:00:00.000Z'), 100);

    await store().recordOpens([newOpen(input, { at: new Date('2019-01-11T00:00:00.000Z') })]);

    const page = await store().listOpens(sender, input.trackingId, { limit: 10, cursor: null });
    expect(page.items.map((item) => item.at)).toEqual([new Date('2019-01-11T00:00:00.000Z')]);
  });

  test('purgeOpensBefore rejects a batch size below one', async () => {
    await expect(store().purgeOpensBefore(new Date(), 0)).rejects.toMatchObject({
      code: 'STORE_INVALID_LIMIT',
    });
  });

  test('deleteSender removes only that sender data', async () => {
    const leaving = newSender('leaving');
    const staying = { tenantId: leaving.tenantId, objectId: 'staying' };
    const leavingMessages = [newMessage(leaving), newMessage(leaving)];
    const stayingMessage = newMessage(staying);
    for (const message of [...leavingMessages, stayingMessage]) {
      await store().createTrackedMessage(message);
      await store().recordOpens([newOpen(message)]);
      await store().recordReadReceipt(newReceipt(message));
    }

    expect(await store().deleteSender(leaving)).toBe(2);

    expect((await store().listTrackedMessages(leaving, { limit: 10, cursor: null })).items).toEqual([]);
    const schema = fixture.current.schema;
    const leftovers = await queryDatabase<{ count: string }>(
      databaseUrl,
      `SELECT (SELECT count(*) FROM ${schema}.opens WHERE tracking_id = ANY($1))
            + (SELECT count(*) FROM ${schema}.read_receipts WHERE tracking_id = ANY($1)) AS count`,
      [leavingMessages.map((message) => message.trackingId)],
    );
    expect(Number(leftovers[0]?.count)).toBe(0);
    expect(await store().getTrackedMessage(staying, stayingMessage.trackingId)).not.toBeNull();
    expect(await store().listReadReceipts(staying, stayingMessage.trackingId)).toHaveLength(1);
    expect(await store().deleteSender(leaving)).toBe(0);
  });
});
