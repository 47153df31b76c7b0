import {
  addVerdict,
  emptyOpenCounts,
  isAutomatedOpen,
  isPeopleOpen,
  summariseOpenCounts,
} from '../../src/classify';

describe('open summaries', () => {
  test('people, automated and self are counted apart', () => {
    const counts = { human: 3, 'human-via-proxy': 2, prefetch: 4, scanner: 1, self: 6, unknown: 7 };
    expect(summariseOpenCounts(counts)).toEqual({
      peopleOpens: 5,
      automatedOpens: 5,
      selfViews: 6,
      unknownOpens: 7,
    });
  });

  test('empty counts sum to zero', () => {
    expect(summariseOpenCounts(emptyOpenCounts())).toEqual({
      peopleOpens: 0,
      automatedOpens: 0,
      selfViews: 0,
      unknownOpens: 0,
    });
  });

  test('counted verdict adds one to its kind', () => {
    const counts = addVerdict(emptyOpenCounts(), { kind: 'human-via-proxy', counted: true });
    expect(counts['human-via-proxy']).toBe(1);
  });

  test('uncounted verdict changes nothing', () => {
    const before = emptyOpenCounts();
    expect(addVerdict(before, { kind: 'scanner', counted: false })).toBe(before);
  });

  test.each([
    ['human', true, false],
    ['human-via-proxy', true, false],
    ['prefetch', false, true],
    ['scanner', false, true],
    ['self', false, false],
    ['unknown', false, false],
  ] as const)('%s: person %s, automated %s', (kind, person, automated) => {
    expect(isPeopleOpen(kind)).toBe(person);
    expect(isAutomatedOpen(kind)).toBe(automated);
  });
});
