import { indexByMessageId, matchReceipt } from '../../src/receipts';
import type { ReceiptMatch } from '../../src/receipts';

interface Tracked {
  trackingId: string;
  internetMessageId: string | null;
}

const TRACKED: Tracked[] = [
  { trackingId: 'first', internetMessageId: '<Tracked-0001@MAIL.example.com>' },
  { trackingId: 'second', internetMessageId: 'tracked-0002@mail.example.com' },
  { trackingId: 'thread-root', internetMessageId: '<root@mail.example.com>' },
  { trackingId: 'not-sent', internetMessageId: null },
];
const lookup = indexByMessageId(TRACKED, (message) => message.internetMessageId);

function ids(originalMessageId: string | null, inReplyTo: string | null, references: string[] = []) {
  return { originalMessageId, inReplyTo, references };
}

/** Returns the matched branch; fails the test with the tried ids when nothing matched. */
function matchedOf<T>(match: ReceiptMatch<T>): Extract<ReceiptMatch<T>, { matched: true }> {
  if (!match.matched) {
    throw new Error(`expected a match, tried ${match.triedIds.join(', ')}`);
  }
  return match;
}

describe('matchReceipt', () => {
  test('Original-Message-ID wins', () => {
    const match = matchReceipt(
      ids('<Tracked-0001@mail.example.com>', '<tracked-0002@mail.example.com>'),
      lookup,
    );
    expect(match).toEqual({
      matched: true,
      message: TRACKED[0],
      by: 'original-message-id',
      messageId: 'Tracked-0001@mail.example.com',
    });
  });

  test('domain case and brackets do not matter', () => {
    const match = matchReceipt(ids('Tracked-0001@Mail.Example.Com', null), lookup);
    expect(matchedOf(match).message.trackingId).toBe('first');
  });

  test('left part case does matter', () => {
    const match = matchReceipt(ids('<tracked-0001@mail.example.com>', null), lookup);
    expect(match.matched).toBe(false);
  });

  test('In-Reply-To when Original-Message-ID is missing', () => {
    const match = matchReceipt(ids(null, '<tracked-0002@mail.example.com>'), lookup);
    expect(matchedOf(match).by).toBe('in-reply-to');
    expect(matchedOf(match).message.trackingId).toBe('second');
  });

  test('In-Reply-To when Original-Message-ID names no tracked message', () => {
    const match = matchReceipt(ids('<unknown@example.net>', '<tracked-0002@mail.example.com>'), lookup);
    expect(matchedOf(match).by).toBe('in-reply-to');
  });

  test('References from the last id first', () => {
    const match = matchReceipt(
      ids(null, null, ['<root@mail.example.com>', '<tracked-0002@mail.example.com>']),
      lookup,
    );
    expect(matchedOf(match).by).toBe('references');
    expect(matchedOf(match).message.trackingId).toBe('second');
  });

  test('earlier References id when the last is unknown', () => {
    const match = matchReceipt(ids(null, null, ['<root@mail.example.com>', '<other@example.net>']), lookup);
    expect(matchedOf(match).message.trackingId).toBe('thread-root');
  });

  test('no match lists the ids tried once each', () => {
    const match = matchReceipt(
      ids('<a@example.net>', '<A@EXAMPLE.NET>', ['<b@example.net>', '<a@example.net>']),
      lookup,
    );
    expect(match).toEqual({ matched: false, triedIds: ['a@example.net', 'A@example.net', 'b@example.net'] });
  });

  test('receipt without any id matches nothing', () => {
    expect(matchReceipt(ids(null, null), lookup)).toEqual({ matched: false, triedIds: [] });
  });

  test('subject is never used', () => {
    const receipt = { ...ids(null, null), subject: 'Read: Quarterly plan' };
    expect(matchReceipt(receipt, () => TRACKED[0]).matched).toBe(false);
  });
});

describe('indexByMessageId', () => {
  test('first of two messages with one id is kept', () => {
    const index = indexByMessageId(
      [
        { name: 'a', id: '<x@example.com>' },
        { name: 'b', id: '<x@EXAMPLE.com>' },
      ],
      (message) => message.id,
    );
    expect(index('x@example.com')?.name).toBe('a');
  });
});
