import { bytesToByteString } from '../../src/receipts/bytes';
import { decodeBase64, decodeQEncoding, decodeQuotedPrintable } from '../../src/receipts/transferEncoding';

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

describe('decodeBase64', () => {
  test.each([
    ['', ''],
    ['TWFu', 'Man'],
    ['TWE=', 'Ma'],
    ['TQ==', 'M'],
    ['TWE', 'Ma'],
    ['TW\r\nFu', 'Man'],
    ['  T W F u  ', 'Man'],
  ])('%j decodes to %j', (input, expected) => {
    expect(text(decodeBase64(input))).toBe(expected);
  });

  test('URL-safe alphabet is accepted', () => {
    expect([...decodeBase64('-_-_')]).toEqual([0xfb, 0xff, 0xbf]);
  });

  test('lone trailing character yields no byte', () => {
    expect(text(decodeBase64('TWFuT'))).toBe('Man');
  });
});

describe('decodeQuotedPrintable', () => {
  test('soft line break joins lines', () => {
    expect(text(decodeQuotedPrintable(['Example=', 'Mail']))).toBe('ExampleMail');
  });

  test('hex escapes decode in either case', () => {
    expect(text(decodeQuotedPrintable(['a=3Db=3db']))).toBe('a=b=b');
  });

  test('hard line breaks are kept', () => {
    expect(text(decodeQuotedPrintable(['one', 'two']))).toBe('one\ntwo');
  });

  test('trailing whitespace is transport padding', () => {
    expect(text(decodeQuotedPrintable(['value   ', 'next']))).toBe('value\nnext');
  });

  test('invalid escape is kept literally', () => {
    expect(text(decodeQuotedPrintable(['50=ZZ off', 'x=']))).toBe('50=ZZ off\nx');
  });

  test('8-bit escapes give the exact bytes', () => {
    expect(bytesToByteString(decodeQuotedPrintable(['=FC=E4']))).toBe('\u00fc\u00e4');
  });
});

describe('decodeQEncoding', () => {
  test('underscore is a space', () => {
    expect(text(decodeQEncoding('Read:_plan=21'))).toBe('Read: plan!');
  });
});
