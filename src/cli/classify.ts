import type { Command } from 'commander';
import { classifyOpen, describeReason, type Verdict } from '../classify';
import { loadUserAgentRules } from '../classify/loadRules';
import type { UserAgentRule } from '../classify/types';

const METHODS = ['GET', 'HEAD'] as const;
const DEFAULT_SECONDS_AFTER_SEND = 3600;

interface ClassifyCommandOptions {
  userAgent?: string;
  method: string;
  secondsAfterSend?: string;
  rules?: string;
}

/** Validated input of `readmark classify`. */
export interface ClassifyInput {
  method: (typeof METHODS)[number];
  userAgent: string | null;
  secondsAfterSend: number;
}

/** Printed by `readmark classify`: the input as understood, then the verdict with plain-words reasons. */
export interface ClassifyReport {
  input: ClassifyInput;
  kind: Verdict['kind'];
  confidence: number;
  counted: boolean;
  ruleId: string | null;
  reasons: Array<{ code: string; text: string }>;
}

/** Checks the command's options; returns the input or an error message naming the option. */
export function parseClassifyInput(
  options: Omit<ClassifyCommandOptions, 'rules'>,
): { ok: true; input: ClassifyInput } | { ok: false; message: string } {
  const method = options.method.trim().toUpperCase();
  const knownMethod = METHODS.find((candidate) => candidate === method);
  if (knownMethod === undefined) {
    return {
      ok: false,
      message: `Invalid --method "${options.method}": expected GET or HEAD, the methods the pixel responds to.`,
    };
  }

  let secondsAfterSend = DEFAULT_SECONDS_AFTER_SEND;
  if (options.secondsAfterSend !== undefined) {
    const text = options.secondsAfterSend.trim();
    const value = Number(text);
    if (text.length === 0 || !Number.isFinite(value) || value < 0) {
      return {
        ok: false,
        message: `Invalid --seconds-after-send "${options.secondsAfterSend}": expected a number of seconds, 0 or more.`,
      };
    }
    secondsAfterSend = value;
  }

  return { ok: true, input: { method: knownMethod, userAgent: options.userAgent ?? null, secondsAfterSend } };
}

/** Classifies one hit made `secondsAfterSend` seconds after sending, with no other hits or views. */
export function buildClassifyReport(
  input: ClassifyInput,
  rules: readonly UserAgentRule[] | undefined,
  now: Date,
): ClassifyReport {
  const sentAt = new Date(now.getTime() - input.secondsAfterSend * 1000);
  const verdict = classifyOpen(
    { method: input.method, userAgent: input.userAgent, clientNetwork: null, at: now },
    { sentAt, createdAt: sentAt, earlierHits: [], senderViews: [], senderNetworks: [] },
    rules === undefined ? {} : { userAgentRules: rules },
  );
  return {
    input,
    kind: verdict.kind,
    confidence: verdict.confidence,
    counted: verdict.counted,
    ruleId: verdict.ruleId,
    reasons: verdict.reasons.map((code) => ({ code, text: describeReason(code) })),
  };
}

/** Adds `readmark classify`, which prints the verdict for one hit so an admin can see why. */
export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('Classify one pixel hit and print the verdict as JSON, with the reasons behind it')
    .option('--user-agent <text>', 'User-Agent header of the hit; leave out for a hit without one')
    .option('--method <method>', 'HTTP method of the hit: GET or HEAD', 'GET')
    .option(
      '--seconds-after-send <seconds>',
      `time from sending to the hit, in seconds (default ${DEFAULT_SECONDS_AFTER_SEND}, outside every window)`,
    )
    .option('--rules <path>', 'user-agent rules file to use instead of the built-in rules')
    .action(function (this: Command, options: ClassifyCommandOptions) {
      const parsed = parseClassifyInput(options);
      if (!parsed.ok) {
        this.error(parsed.message, { exitCode: 2, code: 'readmark.invalidArgument' });
        return;
      }

      let rules: readonly UserAgentRule[] | undefined;
      if (options.rules !== undefined) {
        const loaded = loadUserAgentRules(options.rules);
        if (!loaded.ok) {
          // The usage text would bury the list of problems in the file, so it is left out here.
          process.stderr.write(`${loaded.error.message}\n`);
          process.exitCode = 2;
          return;
        }
        rules = loaded.rules;
      }

      const report = buildClassifyReport(parsed.input, rules, new Date());
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    });
}
