import { extractMessageIds, normalizeMessageId } from '../../src/receipts/messageId';

describe('extractMessageIds', () => {
  test('single id', () => {
    expect(extractMessageIds(' <a1@mail.example.com> ')).toEqual(['<a1@mail.example.com>']);
  });

  test('several ids with comments and folding', () => {
    expect(extractMessageIds('<a@example.com> (first)\r\n <b@example.com>')).toEqual([
      '<a@example.com>',
      '<b@example.com>',
    ]);
  });

  test('whitespace inside brackets is removed', () => {
    expect(extractMessageIds('<a1@mail.\r\n example.com>')).toEqual(['<a1@mail.example.com>']);
  });

  test('id without brackets is accepted', () => {
    expect(extractMessageIds('a1@mail.example.com')).toEqual(['<a1@mail.example.com>']);
  });

  test('text without an id gives none', () => {
    expect(extractMessageIds('no id here')).toEqual([]);
    expect(extractMessageIds(null)).toEqual([]);
    expect(extractMessageIds('<>')).toEqual([]);
  });
});

describe('normalizeMessageId', () => {
  test('brackets removed and domain lower-cased', () => {
    expect(normalizeMessageId('<AbC.123@Mail.Example.COM>')).toBe('AbC.123@mail.example.com');
  });

  test('left part keeps its case', () => {
    expect(normalizeMessageId('ABC@example.com')).not.toBe(normalizeMessageId('abc@example.com'));
  });

  test('id without brackets equals the bracketed one', () => {
    expect(normalizeMessageId('x@EXAMPLE.com')).toBe(normalizeMessageId('<x@example.com>'));
  });

  test('id without @ is kept', () => {
    expect(normalizeMessageId('<local-only>')).toBe('local-only');
  });

  test.each([null, undefined, '', '<>', '  '])('%j is null', (value) => {
    expect(normalizeMessageId(value)).toBeNull();
  });
});

describe('extractMessageIds with nested comments', () => {
  test('nested comment is removed whole', () => {
    expect(extractMessageIds('(a (nested <x@example.com>) comment) <y@example.com>')).toEqual([
      '<y@example.com>',
    ]);
  });
});
