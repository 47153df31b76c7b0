import fc from 'fast-check';
import { parseMdn } from '../../src/receipts';
import { fixtureNames, readFixture } from './fixtures';
import { contractViolation, receiptOf } from './resultShape';

function expectContract(input: string | Uint8Array): void {
  let violation: string | null;
  try {
    violation = contractViolation(parseMdn(input));
  } catch (error) {
    violation = `threw ${String(error)}`;
  }
  expect(violation).toBeNull();
}

const FIXTURES = fixtureNames().map((name) => readFixture(name));

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'remove-boundaries' }
  | { kind: 'remove-line'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'duplicate'; from: number; length: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.constant({ kind: 'remove-boundaries' as const }),
  fc.record({ kind: fc.constant('remove-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), from: fc.nat(), length: fc.nat({ max: 400 }) }),
);

function lines(bytes: Uint8Array): string[] {
  return new TextDecoder('latin1').decode(bytes).split('\n');
}

function fromLines(parts: string[]): Uint8Array {
  return Uint8Array.from(parts.join('\n'), (char) => char.charCodeAt(0) & 0xff);
}

function mutate(bytes: Uint8Array, mutation: Mutation): Uint8Array {
  const size = Math.max(bytes.length, 1);
  switch (mutation.kind) {
    case 'truncate':
      return bytes.slice(0, mutation.at % size);
    case 'flip': {
      const copy = bytes.slice();
      if (copy.length > 0)
        copy[mutation.at % copy.length] = (copy[mutation.at % copy.length] ?? 0) ^ mutation.mask;
      return copy;
    }
    case 'remove-boundaries':
      return fromLines(lines(bytes).filter((line) => !line.startsWith('--')));
    case 'remove-line': {
      const all = lines(bytes);
      all.splice(mutation.at % Math.max(all.length, 1), 1);
      return fromLines(all);
    }
    case 'insert': {
      const at = mutation.at % size;
      return Uint8Array.from([...bytes.slice(0, at), ...mutation.bytes, ...bytes.slice(at)]);
    }
    case 'duplicate': {
      const from = mutation.from % size;
      const slice = bytes.slice(from, from + mutation.length);
      return Uint8Array.from([
        ...bytes.slice(0, from),
        ...slice,
        ...slice,
        ...bytes.slice(from + slice.length),
      ]);
    }
  }
}

/** Lines that steer random text into the parser's interesting paths. */
const MIME_LINES = [
  'Content-Type: multipart/report; report-type=disposition-notification; boundary=b',
  'Content-Type: multipart/mixed; boundary=b',
  'Content-Type: multipart/mixed',
  'Content-Type: message/disposition-notification',
  'Content-Type: application/ms-tnef; name=winmail.dat',
  'Content-Transfer-Encoding: base64',
  'Content-Transfer-Encoding: quoted-printable',
  'Disposition: manual-action/MDN-sent-manually; displayed',
  'Disposition: ;/,',
  'Original-Message-ID: <a@example.com>',
  'Final-Recipient: rfc822;',
  'Subject: =?UTF-8?B?4oCZ?= =?x?Q?=ZZ?=',
  'Date: 31 Feb 99 99:99',
  'eJ+eIjQSAQaQCAAEAAAAAAABAAEAAQeQBgAIAAAA5AQAAAAAAADoAAEIgAcAGAAAAElQTS5NaWNyb3NvZnQgTWFpbC5Ob3RlADEIAQ2ABAACAAAAAgACAAEEgAEA',
  '--b',
  '--b--',
  '',
  ' folded',
  '=',
  'From nobody',
];

const mimeishArbitrary = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...MIME_LINES), fc.string({ maxLength: 30 })), { maxLength: 60 }),
    fc.constantFrom('\r\n', '\n'),
  )
  .map(([parts, lineEnd]) => parts.join(lineEnd));

describe('parseMdn never throws', () => {
  test('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), expectContract), { numRuns: 400 });
  });

  test('arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), expectContract), { numRuns: 400 });
  });

  test('MIME-like line soup', () => {
    fc.assert(fc.property(mimeishArbitrary, expectContract), { numRuns: 600 });
  });

  test('mutated fixtures', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: FIXTURES.length - 1 }),
        fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }),
        (index, mutations) => {
          const mutated = mutations.reduce(mutate, FIXTURES[index] ?? new Uint8Array());
          expectContract(mutated);
        },
      ),
      { numRuns: 800 },
    );
  });

  test('every fixture truncated at every 7th byte', () => {
    for (const fixture of FIXTURES) {
      for (let end = 0; end <= fixture.length; end += 7) {
        expectContract(fixture.slice(0, end));
      }
    }
  });

  test('deeply nested multiparts', () => {
    const levels = Array.from(
      { length: 5000 },
      (_, level) => `Content-Type: multipart/mixed; boundary=b${level}\n\n--b${level}\n`,
    );
    const result = parseMdn('Subject: nest\n' + levels.join(''));
    expect(contractViolation(result)).toBeNull();
    expect(receiptOf(result).warnings.map((warning) => warning.code)).toContain('nesting-too-deep');
  });

  test('many parts', () => {
    const body = '--b\nContent-Type: text/plain\n\nx\n'.repeat(5000);
    const result = parseMdn(`Content-Type: multipart/report; boundary=b\n\n${body}--b--\n`);
    expect(contractViolation(result)).toBeNull();
  });
});
