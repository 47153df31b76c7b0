import { parseMailDate } from '../../src/receipts/date';

describe('parseMailDate', () => {
  test.each([
    ['Tue, 3 Mar 2026 10:15:00 +0100', '2026-03-03T09:15:00.000Z'],
    ['3 Mar 2026 10:15 -0230', '2026-03-03T12:45:00.000Z'],
    ['Mon, 14 Sep 2026 07:02:11 GMT', '2026-09-14T07:02:11.000Z'],
    ['Fri, 06 Feb 26 18:00:00 EST', '2026-02-06T23:00:00.000Z'],
    ['Fri, 06 Feb 99 18:00:00 +0000', '1999-02-06T18:00:00.000Z'],
    ['Tue, 3 Mar 2026 10:15:00 +0000 (UTC)', '2026-03-03T10:15:00.000Z'],
    ['Tuesday, 3 March 2026 10:15:00 +0000', '2026-03-03T10:15:00.000Z'],
    ['Tue, 3 Mar 2026 10:15:00', '2026-03-03T10:15:00.000Z'],
    ['Wed, 31 Dec 2025 23:59:60 +0000', '2025-12-31T23:59:59.000Z'],
  ])('%s', (value, expected) => {
    expect(parseMailDate(value)).toBe(expected);
  });

  test.each([null, '', 'yesterday', '31 Feb 2026 10:00 +0000', '3 Foo 2026 10:00 +0000', '3 Mar 2026 25:00'])(
    '%j is no date',
    (value) => {
      expect(parseMailDate(value)).toBeNull();
    },
  );
});
