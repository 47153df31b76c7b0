import { Command } from 'commander';
import { readFile } from 'fs/promises';
import { join } from 'path';
import { buildProgram } from '../../src/cli/main';
import { registerParseMdn, runParseMdn, type ParseMdnIo } from '../../src/cli/parseMdn';

const FIXTURES = join(__dirname, '..', 'fixtures', 'mdn');

function fixture(name: string): string {
  return join(FIXTURES, name);
}

function fakeIo(): ParseMdnIo & { lines: string[]; exitCodes: number[] } {
  const lines: string[] = [];
  const exitCodes: number[] = [];
  return {
    lines,
    exitCodes,
    readFile: async (path) => new Uint8Array(await readFile(path)),
    writeLine: (line) => lines.push(line),
    setExitCode: (code) => exitCodes.push(code),
  };
}

function parsedLines(io: { lines: string[] }): Record<string, unknown>[] {
  return io.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('runParseMdn', () => {
  test('read receipt prints the documented fields', async () => {
    const io = fakeIo();
    const exitCode = await runParseMdn([fixture('read-top-level.eml')], {}, io);

    expect(exitCode).toBe(0);
    expect(io.lines).toHaveLength(1);
    expect(parsedLines(io)[0]).toEqual({
      file: fixture('read-top-level.eml'),
      ok: true,
      kind: 'read',
      originalMessageId: '<tracked-0001@mail.example.com>',
      inReplyTo: '<tracked-0001@mail.example.com>',
      references: ['<thread-root-0001@mail.example.com>', '<tracked-0001@mail.example.com>'],
      finalRecipient: 'bob@example.net',
      originalRecipient: null,
      disposition: {
        actionMode: 'manual-action',
        sendingMode: 'MDN-sent-manually',
        type: 'displayed',
        modifiers: [],
      },
      reportingUa: 'pc-bob.example.net; ExampleMail 115.3',
      receiptMessageId: '<mdn-0001@mail.example.net>',
      date: '2026-03-03T09:15:00.000Z',
      warnings: [],
    });
  });

  test('unreadable file is reported and the rest still print', async () => {
    const io = fakeIo();
    const missing = fixture('does-not-exist.eml');
    const exitCode = await runParseMdn([missing, fixture('deleted-manual.eml')], {}, io);

    expect(exitCode).toBe(1);
    const [first, second] = parsedLines(io);
    expect(first).toMatchObject({ file: missing, ok: false, error: { code: 'file-unreadable' } });
    expect((first?.error as { message: string }).message).toContain('does-not-exist.eml');
    expect((first?.error as { message: string }).message).toContain('ENOENT');
    expect(second).toMatchObject({ ok: true, kind: 'not-read' });
  });

  test('parse failure prints its code and message', async () => {
    const io = fakeIo();
    const exitCode = await runParseMdn([fixture('error-missing-disposition.eml')], {}, io);

    expect(exitCode).toBe(1);
    expect(parsedLines(io)[0]).toEqual({
      file: fixture('error-missing-disposition.eml'),
      ok: false,
      error: { code: 'mdn-disposition-missing', message: expect.stringContaining('Disposition') as unknown },
    });
  });

  test('not-a-receipt is no failure', async () => {
    const io = fakeIo();
    expect(await runParseMdn([fixture('not-a-receipt-read-reply.eml')], {}, io)).toBe(0);
    expect(parsedLines(io)[0]).toMatchObject({ kind: 'not-a-receipt', disposition: null });
  });

  test('TNEF receipt shows the Outlook class', async () => {
    const io = fakeIo();
    await runParseMdn([fixture('exchange-tnef-receipt.eml')], {}, io);
    expect(parsedLines(io)[0]).toMatchObject({
      kind: 'other',
      outlookTnef: true,
      outlookMessageClass: 'REPORT.IPM.Note.IPNRN',
    });
  });

  test('message ids report the match field', async () => {
    const io = fakeIo();
    await runParseMdn(
      [fixture('no-original-message-id.eml'), fixture('read-top-level.eml')],
      { messageId: ['<TRACKED-0018@MAIL.EXAMPLE.COM>', 'tracked-0018@mail.EXAMPLE.com'] },
      io,
    );
    const [noOriginalId, unrelated] = parsedLines(io);
    expect(noOriginalId?.match).toEqual({
      matched: true,
      by: 'in-reply-to',
      messageId: 'tracked-0018@mail.example.com',
    });
    expect(unrelated?.match).toEqual({
      matched: false,
      triedIds: ['tracked-0001@mail.example.com', 'thread-root-0001@mail.example.com'],
    });
  });

  test('pretty output is indented JSON', async () => {
    const io = fakeIo();
    await runParseMdn([fixture('read-bare-lf.eml')], { pretty: true }, io);
    expect(io.lines[0]).toContain('\n  "file": ');
    expect(JSON.parse(io.lines[0] ?? '')).toMatchObject({ kind: 'read' });
  });
});

describe('parse-mdn command', () => {
  test('is registered on the readmark program', () => {
    const names = buildProgram().commands.map((command) => command.name());
    expect(names).toContain('parse-mdn');
  });

  test('commander passes options and files', async () => {
    const io = fakeIo();
    const program = new Command('readmark').exitOverride();
    registerParseMdn(program, io);

    await program.parseAsync(
      [
        'parse-mdn',
        '--message-id',
        '<tracked-0021@mail.example.com>',
        '--',
        fixture('exchange-not-read-late.eml'),
      ],
      { from: 'user' },
    );

    expect(io.exitCodes).toEqual([0]);
    expect(parsedLines(io)[0]).toMatchObject({
      kind: 'not-read',
      match: { matched: true, by: 'original-message-id' },
    });
  });

  test('failing file sets exit code 1', async () => {
    const io = fakeIo();
    const program = new Command('readmark').exitOverride();
    registerParseMdn(program, io);

    await program.parseAsync(['parse-mdn', fixture('error-empty.eml'), fixture('read-top-level.eml')], {
      from: 'user',
    });

    expect(io.exitCodes).toEqual([1]);
    expect(io.lines).toHaveLength(2);
  });
});
