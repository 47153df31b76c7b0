import type { Command } from 'commander';
import { readFile } from 'fs/promises';
import { matchReceipt, normalizeMessageId, parseMdn } from '../receipts';
import type { ParsedReceipt, ReceiptMatch } from '../receipts';

/** Side effects of the command (file reads, output, exit code), replaceable so tests run it in-process. */
export interface ParseMdnIo {
  readFile(path: string): Promise<Uint8Array>;
  /** Writes one line of output; the line has no line end. */
  writeLine(line: string): void;
  setExitCode(code: number): void;
}

export interface ParseMdnOptions {
  pretty?: boolean;
  /** Internet message ids of tracked messages; each receipt reports which one it matches. */
  messageId?: string[];
}

const nodeIo: ParseMdnIo = {
  readFile: async (path) => new Uint8Array(await readFile(path)),
  writeLine: (line) => {
    process.stdout.write(`${line}\n`);
  },
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

type MatchReport = { matched: true; by: string; messageId: string } | { matched: false; triedIds: string[] };

function matchAgainst(receipt: ParsedReceipt, messageIds: readonly string[]): MatchReport {
  const known = new Set(messageIds.map((id) => normalizeMessageId(id)).filter((id) => id !== null));
  const match: ReceiptMatch<string> = matchReceipt(receipt, (id) => (known.has(id) ? id : undefined));
  return match.matched ? { matched: true, by: match.by, messageId: match.messageId } : match;
}

function describeReceipt(
  file: string,
  receipt: ParsedReceipt,
  options: ParseMdnOptions,
): Record<string, unknown> {
  const disposition = receipt.disposition;
  return {
    file,
    ok: true,
    kind: receipt.kind,
    originalMessageId: receipt.originalMessageId,
    inReplyTo: receipt.inReplyTo,
    references: receipt.references,
    finalRecipient: receipt.finalRecipient,
    originalRecipient: receipt.originalRecipient,
    disposition:
      disposition === null
        ? null
        : {
            actionMode: disposition.actionMode,
            sendingMode: disposition.sendingMode,
            type: disposition.type,
            modifiers: disposition.modifiers,
          },
    reportingUa: receipt.reportingUa,
    receiptMessageId: receipt.receiptMessageId,
    date: receipt.date,
    ...(receipt.outlookTnef === true
      ? { outlookTnef: true, outlookMessageClass: receipt.outlookMessageClass ?? null }
      : {}),
    warnings: receipt.warnings,
    ...(options.messageId === undefined ? {} : { match: matchAgainst(receipt, options.messageId) }),
  };
}

async function describeFile(
  file: string,
  options: ParseMdnOptions,
  io: ParseMdnIo,
): Promise<Record<string, unknown>> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      file,
      ok: false,
      error: {
        code: 'file-unreadable',
        message: `Cannot read ${file} (${reason}); check the path and permissions.`,
      },
    };
  }
  const result = parseMdn(bytes);
  return result.ok
    ? describeReceipt(file, result.receipt, options)
    : { file, ok: false, error: result.error };
}

/**
 * Parses each file as a read receipt and writes one JSON object per file, in the order given.
 * A file that cannot be read or parsed gets an object with `ok: false` and an error code, and the
 * others are still reported. Returns the exit code: 1 when any file failed, else 0.
 */
export async function runParseMdn(
  files: readonly string[],
  options: ParseMdnOptions,
  io: ParseMdnIo,
): Promise<number> {
  let exitCode = 0;
  for (const file of files) {
    const report = await describeFile(file, options, io);
    if (report.ok !== true) {
      exitCode = 1;
    }
    io.writeLine(options.pretty === true ? JSON.stringify(report, null, 2) : JSON.stringify(report));
  }
  return exitCode;
}

/** Adds `readmark parse-mdn FILE...`, the read-receipt diagnostics command. */
export function registerParseMdn(program: Command, io: ParseMdnIo = nodeIo): void {
  program
    .command('parse-mdn')
    .description(
      'Parse read receipts (RFC 8098 MDNs, raw .eml files) and print one JSON object per file, ' +
        'to see how Readmark classes a receipt and which ids it can be matched by',
    )
    .argument('<files...>', 'raw MIME files of receipt messages, for example saved .eml files')
    .option('--pretty', 'indent the JSON output')
    .option(
      '--message-id <ids...>',
      'internet message ids of tracked messages; each receipt reports which one it matches and by which field',
    )
    .action(async (files: string[], options: ParseMdnOptions) => {
      io.setExitCode(await runParseMdn(files, options, io));
    });
}
