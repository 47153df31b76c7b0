import { createReadmarkApi } from '../../../src/addin/api/client';
import type { RecordReadReceiptRequest } from '../../../src/shared/api';

describe('ReadmarkApi read receipts', () => {
  test('posts a receipt to the message’s receipts route', async () => {
    const calls: { url: string; method: string | undefined; body: unknown }[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      calls.push({
        url: input instanceof Request ? input.url : input.toString(),
        method: init?.method,
        body: init?.body,
      });
      const body = { recorded: true, receipts: { read: 1, notRead: 0, other: 0 } };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 201 }));
    };
    const api = createReadmarkApi({
      serverOrigin: 'https://readmark.example',
      getAccessToken: () => Promise.resolve('api-token'),
      fetch,
    });
    const receipt: RecordReadReceiptRequest = {
      receiptMessageId: '<mdn@example.net>',
      finalRecipient: 'dana@example.net',
      kind: 'read',
      dispositionType: 'displayed',
      at: '2026-12-04T10:00:00.000Z',
    };

    const answer = await api.recordReadReceipt('tid 9', receipt);

    expect(answer.recorded).toBe(true);
    expect(calls).toEqual([
      {
        url: 'https://readmark.example/api/v1/tracked-messages/tid%209/receipts',
        method: 'POST',
        body: JSON.stringify(receipt),
      },
    ]);
  });
});
