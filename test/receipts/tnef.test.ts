import { isTnefStream, readTnefMessageClass } from '../../src/receipts/tnef';

/** Builds a TNEF stream: signature, key, then attributes (level, id, length, data, checksum). */
function tnefStream(attributes: { level: number; id: number; data: Uint8Array }[]): Uint8Array {
  const bytes: number[] = [0x78, 0x9f, 0x3e, 0x22, 0x34, 0x12];
  const uint32 = (value: number): number[] => [
    value & 0xff,
    (value >>> 8) & 0xff,
    (value >>> 16) & 0xff,
    value >>> 24,
  ];
  for (const attribute of attributes) {
    const checksum = attribute.data.reduce((sum, byte) => (sum + byte) & 0xffff, 0);
    bytes.push(attribute.level, ...uint32(attribute.id), ...uint32(attribute.data.length));
    bytes.push(...attribute.data, checksum & 0xff, checksum >>> 8);
  }
  return new Uint8Array(bytes);
}

function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

const VERSION = { level: 1, id: 0x00089006, data: new Uint8Array([0, 0, 1, 0]) };

describe('readTnefMessageClass', () => {
  test('attMessageClass is read', () => {
    const stream = tnefStream([
      VERSION,
      { level: 1, id: 0x00078008, data: ascii('REPORT.IPM.Note.IPNNRN\0') },
    ]);
    expect(readTnefMessageClass(stream)).toBe('REPORT.IPM.Note.IPNNRN');
  });

  test('attachment-level class is not the message class', () => {
    const stream = tnefStream([{ level: 2, id: 0x00078008, data: ascii('IPM.Note\0') }]);
    expect(readTnefMessageClass(stream)).toBeNull();
  });

  test('class only in MAPI properties as UTF-16LE is found', () => {
    const utf16 = new Uint8Array([...'xxREPORT.IPM.Note.IPNRN'].flatMap((char) => [char.charCodeAt(0), 0]));
    const stream = tnefStream([VERSION, { level: 1, id: 0x00069003, data: utf16 }]);
    expect(readTnefMessageClass(stream)).toBe('REPORT.IPM.Note.IPNRN');
  });

  test('class only in MAPI properties as 8-bit text is found', () => {
    const stream = tnefStream([
      { level: 1, id: 0x00069003, data: ascii('\x01\x02REPORT.IPM.NOTE.IPNRN\0junk') },
    ]);
    expect(readTnefMessageClass(stream)).toBe('REPORT.IPM.NOTE.IPNRN');
  });

  test('truncated attribute stops the walk safely', () => {
    const stream = tnefStream([{ level: 1, id: 0x00078008, data: ascii('IPM.Note\0') }]).slice(0, 14);
    expect(readTnefMessageClass(stream)).toBeNull();
  });

  test('bytes without the signature are no TNEF', () => {
    expect(isTnefStream(ascii('not tnef at all'))).toBe(false);
    expect(readTnefMessageClass(new Uint8Array())).toBeNull();
  });
});
