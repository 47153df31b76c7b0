import { splitLines } from '../../src/receipts/headers';
import { parseMimeTree } from '../../src/receipts/mimeTree';
import type { ParseWarning } from '../../src/receipts';

function tree(text: string): { root: ReturnType<typeof parseMimeTree>; warnings: string[] } {
  const warnings: ParseWarning[] = [];
  const root = parseMimeTree(splitLines(text), warnings);
  return { root, warnings: warnings.map((warning) => warning.code) };
}

describe('parseMimeTree', () => {
  test('preamble and epilogue are skipped', () => {
    const { root, warnings } = tree(
      'Content-Type: multipart/mixed; boundary=b\n\npreamble\n--b\n\none\n--b\n\ntwo\n--b--\nepilogue\n',
    );
    expect(root.parts.map((part) => part.bodyLines)).toEqual([['one'], ['two']]);
    expect(warnings).toEqual([]);
  });

  test('transport padding after a delimiter is allowed', () => {
    const { root } = tree('Content-Type: multipart/mixed; boundary=b\n\n--b  \t\n\none\n--b-- \n');
    expect(root.parts).toHaveLength(1);
  });

  test('line that only starts like the delimiter is body', () => {
    const { root } = tree(
      'Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--bx not a delimiter\n--b--\n',
    );
    expect(root.parts[0]?.bodyLines).toEqual(['--bx not a delimiter']);
  });

  test('nested multipart gets its own parts', () => {
    const { root } = tree(
      [
        'Content-Type: multipart/mixed; boundary=outer',
        '',
        '--outer',
        'Content-Type: multipart/report; boundary=inner',
        '',
        '--inner',
        'Content-Type: text/plain',
        '',
        'human',
        '--inner--',
        '--outer--',
      ].join('\r\n'),
    );
    expect(root.parts[0]?.contentType?.mediaType).toBe('multipart/report');
    expect(root.parts[0]?.parts[0]?.bodyLines).toEqual(['human']);
  });

  test('multipart without any delimiter warns', () => {
    const { root, warnings } = tree('Content-Type: multipart/mixed; boundary=b\n\nno parts here\n');
    expect(root.parts).toEqual([]);
    expect(warnings).toEqual(['boundary-not-found']);
  });

  test('message/rfc822 parts are not opened', () => {
    const { root } = tree(
      'Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\n' +
        'Content-Type: multipart/mixed; boundary=c\n\n--c\n\nx\n--c--\n--b--\n',
    );
    expect(root.parts[0]?.parts).toEqual([]);
  });
});
