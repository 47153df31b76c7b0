import { parseDisposition, receiptKindOf } from '../../src/receipts/dispositionFields';
import type { ParseWarning } from '../../src/receipts';

function parse(value: string): { disposition: ReturnType<typeof parseDisposition>; warnings: string[] } {
  const warnings: ParseWarning[] = [];
  const disposition = parseDisposition(value, warnings);
  return { disposition, warnings: warnings.map((warning) => warning.code) };
}

describe('parseDisposition', () => {
  test('standard form', () => {
    const { disposition, warnings } = parse('manual-action/MDN-sent-manually; displayed');
    expect(disposition).toEqual({
      actionMode: 'manual-action',
      sendingMode: 'MDN-sent-manually',
      type: 'displayed',
      modifiers: [],
      raw: 'manual-action/MDN-sent-manually; displayed',
    });
    expect(warnings).toEqual([]);
  });

  test('spaces everywhere and modifiers', () => {
    const { disposition } = parse(
      ' automatic-action / MDN-sent-automatically ; processed / error , X-Custom ',
    );
    expect(disposition.actionMode).toBe('automatic-action');
    expect(disposition.sendingMode).toBe('MDN-sent-automatically');
    expect(disposition.type).toBe('processed');
    expect(disposition.modifiers).toEqual(['error', 'x-custom']);
  });

  test('comments are ignored but kept in raw', () => {
    const { disposition } = parse('manual-action/MDN-sent-manually (user clicked); displayed (shown)');
    expect(disposition.type).toBe('displayed');
    expect(disposition.raw).toBe('manual-action/MDN-sent-manually (user clicked); displayed (shown)');
  });

  test('missing semicolon after the mode', () => {
    const { disposition, warnings } = parse('manual-action/MDN-sent-manually displayed');
    expect(disposition.actionMode).toBe('manual-action');
    expect(disposition.type).toBe('displayed');
    expect(warnings).toEqual([]);
  });

  test('type without mode warns', () => {
    const { disposition, warnings } = parse('displayed');
    expect(disposition.actionMode).toBeNull();
    expect(disposition.type).toBe('displayed');
    expect(warnings).toEqual(['disposition-mode-missing']);
  });

  test('unreadable type warns and stays null', () => {
    const { disposition, warnings } = parse('manual-action/MDN-sent-manually; ???');
    expect(disposition.type).toBeNull();
    expect(warnings).toEqual(['disposition-type-missing']);
  });
});

describe('receiptKindOf', () => {
  test.each([
    ['manual-action/MDN-sent-manually; displayed', 'read'],
    ['manual-action/MDN-sent-manually; DISPLAYED', 'read'],
    ['automatic-action/MDN-sent-automatically; deleted', 'not-read'],
    ['manual-action/MDN-sent-manually; deleted/expired', 'not-read'],
    ['automatic-action/MDN-sent-automatically; dispatched', 'other'],
    ['automatic-action/MDN-sent-automatically; processed', 'other'],
    ['manual-action/MDN-sent-manually; denied', 'other'],
    ['manual-action/MDN-sent-manually; failed', 'other'],
    ['manual-action/MDN-sent-manually; x-something', 'other'],
    ['manual-action/MDN-sent-manually; displayed/error', 'other'],
    ['manual-action/MDN-sent-manually; ', 'other'],
  ])('%s is %s', (value, expected) => {
    const warnings: ParseWarning[] = [];
    expect(receiptKindOf(parseDisposition(value, warnings), warnings)).toBe(expected);
  });
});
