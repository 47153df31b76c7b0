import { parseMdn } from '../../src/receipts';
import type { ParsedReceipt, ParseErrorCode, ParseWarningCode } from '../../src/receipts';
import { readFileSync } from 'fs';
import { join } from 'path';
import { FIXTURE_DIR, fixtureNames, readFixture } from './fixtures';
import { errorOf, receiptOf } from './resultShape';

/** The tracked message id that the fixture with this number refers to. */
function tracked(fixtureNumber: number): string {
  return `<tracked-${String(fixtureNumber).padStart(4, '0')}@mail.example.com>`;
}

const MANUAL_DISPLAYED = ['manual-action', 'MDN-sent-manually', 'displayed', []] as const;
const AUTOMATIC = (type: string, modifiers: string[] = []): unknown[] => [
  'automatic-action',
  'MDN-sent-automatically',
  type,
  modifiers,
];
const EXAMPLE_UA = 'pc-bob.example.net; ExampleMail 115.3';
const REPORT_DATE = '2026-03-03T09:15:00.000Z';

interface ReceiptExpectation {
  kind: ParsedReceipt['kind'];
  originalMessageId: string | null;
  inReplyTo: string | null;
  finalRecipient: string | null;
  /** [actionMode, sendingMode, type, modifiers], or null for no disposition part. */
  disposition: readonly unknown[] | null;
  warnings: ParseWarningCode[];
  originalRecipient?: string | null;
  subject?: string;
  date?: string;
  reportingUa?: string | null;
  references?: string[];
  outlookMessageClass?: string;
}

type Expectation = ReceiptExpectation | { error: ParseErrorCode };

function read(
  fixtureNumber: number,
  finalRecipient: string,
  extra: Partial<ReceiptExpectation> = {},
): Expectation {
  return {
    kind: 'read',
    originalMessageId: tracked(fixtureNumber),
    inReplyTo: tracked(fixtureNumber),
    finalRecipient,
    disposition: MANUAL_DISPLAYED,
    warnings: [],
    reportingUa: EXAMPLE_UA,
    date: REPORT_DATE,
    ...extra,
  };
}

const EXPECTATIONS: Record<string, Expectation> = {
  'read-top-level.eml': read(1, 'bob@example.net', {
    subject: 'Read: Quarterly plan',
    originalRecipient: null,
    references: ['<thread-root-0001@mail.example.com>', tracked(1)],
  }),
  'read-nested-in-mixed.eml': read(2, 'carol@example.net', { originalRecipient: 'team@example.net' }),
  'read-base64-disposition.eml': read(3, 'dave@example.org'),
  'read-quoted-printable-disposition.eml': read(4, 'erin@example.org', {
    reportingUa: 'pc-erin.example.org; ExampleMail 115.3 (build=42)',
  }),
  'read-disposition-part-without-content-type.eml': read(5, 'frank@example.net', {
    warnings: ['disposition-part-without-content-type'],
  }),
  'read-headerless-disposition-part.eml': read(6, 'grace@example.net', {
    warnings: ['disposition-part-without-content-type'],
  }),
  'read-missing-closing-boundary.eml': read(7, 'heidi@example.org', {
    warnings: ['closing-boundary-missing'],
  }),
  'read-bare-lf.eml': read(8, 'ivan@example.net'),
  'read-folded-fields.eml': read(9, 'judy@example.net', { subject: 'Read: Quarterly plan for the team' }),
  'read-odd-spacing.eml': read(10, 'mike@example.org', {
    subject: 'Read: Budget',
    disposition: ['Manual-Action', 'MDN-Sent-Manually', 'displayed', []],
  }),
  'subject-german-iso-8859-1.eml': read(11, 'bob@example.net', { subject: 'Gelesen: Übersicht für März' }),
  'subject-japanese-iso-2022-jp.eml': read(12, 'bob@example.net', { subject: '開封済み: Quarterly plan' }),
  'subject-french-utf-8.eml': read(13, 'bob@example.net', { subject: 'Lu : Réunion de lundi' }),
  'subject-spanish-windows-1252.eml': read(14, 'bob@example.net', { subject: 'Leído: Presupuesto año 2026' }),
  'subject-russian-koi8-r.eml': read(15, 'bob@example.net', { subject: 'Прочитано: План' }),
  'subject-chinese-gb2312.eml': read(16, 'bob@example.net', { subject: '已读: 计划' }),
  'subject-utf-8-split-words.eml': read(17, 'bob@example.net', { subject: 'Gelesen: Grüße' }),
  'no-original-message-id.eml': read(18, 'niaj@example.org', {
    originalMessageId: null,
    warnings: ['original-message-id-missing'],
  }),
  'references-only.eml': read(19, 'olivia@example.org', {
    originalMessageId: null,
    inReplyTo: null,
    references: ['<thread-root-0019@mail.example.com>', tracked(19)],
    warnings: ['original-message-id-missing'],
  }),
  'exchange-read.eml': read(20, 'erin@example.org', {
    disposition: AUTOMATIC('displayed'),
    reportingUa: null,
  }),
  'exchange-not-read-late.eml': {
    kind: 'not-read',
    originalMessageId: tracked(21),
    inReplyTo: tracked(21),
    finalRecipient: 'peggy@example.org',
    disposition: AUTOMATIC('deleted'),
    warnings: [],
    subject: 'Not read: Quarterly plan',
    date: '2026-09-14T07:02:11.000Z',
  },
  'exchange-tnef-receipt.eml': {
    kind: 'other',
    originalMessageId: null,
    inReplyTo: tracked(22),
    finalRecipient: null,
    disposition: null,
    warnings: ['outlook-tnef-receipt'],
    outlookMessageClass: 'REPORT.IPM.Note.IPNRN',
  },
  'not-a-receipt-ordinary-winmail.eml': {
    kind: 'not-a-receipt',
    originalMessageId: null,
    inReplyTo: null,
    finalRecipient: null,
    disposition: null,
    warnings: [],
  },
  'dispatched.eml': read(24, 'bob@example.net', { kind: 'other', disposition: AUTOMATIC('dispatched') }),
  'processed.eml': read(25, 'bob@example.net', { kind: 'other', disposition: AUTOMATIC('processed') }),
  'deleted-manual.eml': read(26, 'bob@example.net', {
    kind: 'not-read',
    disposition: ['manual-action', 'MDN-sent-manually', 'deleted', []],
  }),
  'displayed-error-modifier.eml': read(27, 'bob@example.net', {
    kind: 'other',
    disposition: ['manual-action', 'MDN-sent-manually', 'displayed', ['error']],
    warnings: ['disposition-error-modifier'],
  }),
  'modifiers-extension.eml': read(28, 'bob@example.net', {
    kind: 'other',
    disposition: AUTOMATIC('processed', ['x-archived', 'x-indexed']),
  }),
  'unknown-type.eml': read(29, 'bob@example.net', {
    kind: 'other',
    disposition: ['manual-action', 'MDN-sent-manually', 'x-acknowledged', []],
  }),
  'legacy-denied.eml': read(30, 'bob@example.net', {
    kind: 'other',
    disposition: ['manual-action', 'MDN-sent-manually', 'denied', []],
  }),
  'not-a-receipt-read-reply.eml': {
    kind: 'not-a-receipt',
    originalMessageId: null,
    inReplyTo: tracked(31),
    finalRecipient: null,
    disposition: null,
    warnings: [],
    subject: 'Read: Quarterly plan',
  },
  'not-a-receipt-delivery-status.eml': {
    kind: 'not-a-receipt',
    originalMessageId: null,
    inReplyTo: null,
    finalRecipient: null,
    disposition: null,
    warnings: [],
  },
  'global-disposition-utf-8.eml': read(33, 'jürgen@example.org', { subject: 'Läst: Projekt' }),
  'error-missing-disposition.eml': { error: 'mdn-disposition-missing' },
  'error-not-a-message.eml': { error: 'mdn-not-a-message' },
  'error-empty.eml': { error: 'mdn-empty-input' },
  'read-boundary-parameter-missing.eml': read(35, 'trent@example.net', { warnings: ['boundary-guessed'] }),
  'read-mbox-from-line.eml': read(36, 'bob@example.net'),
};

describe('parseMdn over the fixtures', () => {
  test('every fixture has an expectation', () => {
    expect(fixtureNames()).toEqual(Object.keys(EXPECTATIONS).sort());
  });

  test.each(Object.entries(EXPECTATIONS))('%s', (name, expected) => {
    const result = parseMdn(readFixture(name));

    if ('error' in expected) {
      const error = errorOf(result);
      expect(error.code).toBe(expected.error);
      expect(error.message.length).toBeGreaterThan(20);
      return;
    }
    const receipt = receiptOf(result);
    expect(receipt.kind).toBe(expected.kind);
    expect(receipt.originalMessageId).toBe(expected.originalMessageId);
    expect(receipt.inReplyTo).toBe(expected.inReplyTo);
    expect(receipt.finalRecipient).toBe(expected.finalRecipient);
    const disposition =
      receipt.disposition === null
        ? null
        : [
            receipt.disposition.actionMode,
            receipt.disposition.sendingMode,
            receipt.disposition.type,
            receipt.disposition.modifiers,
          ];
    expect(disposition).toEqual(expected.disposition);
    expect(receipt.warnings.map((warning) => warning.code)).toEqual(expected.warnings);
    if (expected.originalRecipient !== undefined) {
      expect(receipt.originalRecipient).toBe(expected.originalRecipient);
    }
    if (expected.subject !== undefined) {
      expect(receipt.subject).toBe(expected.subject);
    }
    if (expected.date !== undefined) {
      expect(receipt.date).toBe(expected.date);
    }
    if (expected.reportingUa !== undefined) {
      expect(receipt.reportingUa).toBe(expected.reportingUa);
    }
    if (expected.references !== undefined) {
      expect(receipt.references).toEqual(expected.references);
    }
    expect(receipt.outlookTnef === true).toBe(expected.outlookMessageClass !== undefined);
    expect(receipt.outlookMessageClass).toBe(expected.outlookMessageClass);
  });
});

describe('parseMdn input forms', () => {
  test('string and bytes give the same receipt', () => {
    const bytes = readFixture('subject-german-iso-8859-1.eml');
    // Every byte of this fixture is ASCII, so decoding it as UTF-8 loses nothing.
    const text = new TextDecoder().decode(bytes);
    expect(parseMdn(text)).toEqual(parseMdn(bytes));
  });

  test('ArrayBuffer is accepted', () => {
    const bytes = readFixture('read-top-level.eml');
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect(parseMdn(buffer)).toEqual(parseMdn(bytes));
  });

  test('Node.js Buffer from another realm is accepted', () => {
    const buffer = readFileSync(join(FIXTURE_DIR, 'read-top-level.eml'));
    expect(parseMdn(buffer)).toEqual(parseMdn(readFixture('read-top-level.eml')));
  });

  test('string with raw UTF-8 subject decodes it', () => {
    const result = parseMdn(new TextDecoder().decode(readFixture('global-disposition-utf-8.eml')));
    expect(receiptOf(result).subject).toBe('Läst: Projekt');
  });

  test('CRLF and LF versions parse alike', () => {
    const crlf = new TextDecoder().decode(readFixture('read-top-level.eml'));
    const lf = crlf.replace(/\r\n/g, '\n');
    expect(parseMdn(lf)).toEqual(parseMdn(crlf));
  });

  test.each([
    ['number', 42],
    ['null', null],
    ['undefined', undefined],
    ['object', { raw: 'x' }],
    ['array', [1, 2, 3]],
  ])('%s input is rejected with a code', (_label, input) => {
    expect(errorOf(parseMdn(input)).code).toBe('mdn-invalid-input');
  });

  test('input over the size limit is rejected', () => {
    const error = errorOf(parseMdn(readFixture('read-top-level.eml'), { maxInputBytes: 100 }));
    expect(error.code).toBe('mdn-too-large');
    expect(error.message).toContain('100 bytes');
  });

  test('whitespace-only input is empty', () => {
    expect(errorOf(parseMdn('\r\n  \n')).code).toBe('mdn-empty-input');
  });

  test('not-a-message error quotes the first line', () => {
    expect(errorOf(parseMdn('hello world\nsecond line')).message).toContain('"hello world"');
  });
});
