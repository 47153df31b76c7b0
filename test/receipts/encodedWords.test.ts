import { bytesToByteString } from '../../src/receipts/bytes';
import { decodeHeaderValue } from '../../src/receipts/encodedWords';

describe('decodeHeaderValue', () => {
  test('plain ASCII is unchanged', () => {
    expect(decodeHeaderValue('Read: Quarterly plan')).toBe('Read: Quarterly plan');
  });

  test('Q word in ISO-8859-1', () => {
    expect(decodeHeaderValue('=?iso-8859-1?q?Gelesen:_M=E4rz?=')).toBe('Gelesen: März');
  });

  test('B word in UTF-8', () => {
    expect(decodeHeaderValue('=?UTF-8?B?TGVpZG86IEHDsW8=?=')).toBe('Leido: Año');
  });

  test('whitespace between encoded words is dropped', () => {
    expect(decodeHeaderValue('=?UTF-8?Q?Read:?=  \t =?UTF-8?Q?_plan?=')).toBe('Read: plan');
  });

  test('whitespace between word and text is kept', () => {
    expect(decodeHeaderValue('=?UTF-8?Q?Lu?= : plan')).toBe('Lu : plan');
  });

  test('character split across two words is joined', () => {
    // "ü" is C3 BC in UTF-8; the first word ends after C3.
    expect(decodeHeaderValue('=?UTF-8?Q?Gr=C3?= =?UTF-8?Q?=BCn?=')).toBe('Grün');
  });

  test('words in different charsets decode separately', () => {
    expect(decodeHeaderValue('=?ISO-8859-1?Q?=E4?= =?UTF-8?Q?=C3=A4?=')).toBe('ää');
  });

  test('language suffix of RFC 2231 is ignored', () => {
    expect(decodeHeaderValue('=?UTF-8*en?Q?Read?=')).toBe('Read');
  });

  test('unknown charset keeps the word as written', () => {
    expect(decodeHeaderValue('=?x-unknown-charset?Q?abc?= tail')).toBe('=?x-unknown-charset?Q?abc?= tail');
  });

  test('raw UTF-8 bytes decode as UTF-8', () => {
    expect(decodeHeaderValue(bytesToByteString(new TextEncoder().encode('Läst: Projekt')))).toBe(
      'Läst: Projekt',
    );
  });

  test('raw 8-bit bytes that are not UTF-8 decode as windows-1252', () => {
    expect(decodeHeaderValue('Le\u00eddo')).toBe('Leído');
  });

  test('ISO-2022-JP word decodes', () => {
    expect(decodeHeaderValue('=?ISO-2022-JP?B?GyRCMytJdTpRJF8bKEI=?=')).toBe('開封済み');
  });
});
