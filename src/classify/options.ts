import { DEFAULT_USER_AGENT_RULES } from './defaultRules';
import type { UserAgentRule } from './types';

/** Time windows and limits of the classifier. Every duration carries its unit in its name. */
export interface ClassifyOptions {
  /**
   * A hit at most this many seconds after sending is treated as a possible security gateway
   * fetch. Gateways fetch on delivery, usually within seconds. Default 60.
   */
  scannerWindowSeconds: number;
  /** Window, in seconds before the hit, in which other clients' hits make a burst. Default 10. */
  burstWindowSeconds: number;
  /** Hits from other clients inside the burst window needed to call it a burst. Default 2. */
  burstMinOtherClients: number;
  /**
   * A hit from the same user agent and network as an earlier hit at most this many seconds
   * before is a repeat and is not counted again. Default 300 (five minutes).
   */
  repeatWindowSeconds: number;
  /** A hit at most this many seconds after a sender view is the sender's own view. Default 120. */
  selfViewWindowSeconds: number;
  /**
   * A hit at most this many seconds before a sender view also counts, because the image can load
   * before the pane's report reaches the server. Default 30.
   */
  selfViewLeadSeconds: number;
  /** A sender network seen within this many hours of the hit makes the hit a likely self view. Default 8. */
  senderNetworkWindowHours: number;
  /** User agents longer than this many characters are cut before matching, to bound regex time. Default 1024. */
  maxUserAgentLength: number;
  /** Rules tried in order; the first match wins. Default: the rules shipped in user-agents.json. */
  userAgentRules: readonly UserAgentRule[];
}

export const DEFAULT_CLASSIFY_OPTIONS: Readonly<ClassifyOptions> = Object.freeze({
  scannerWindowSeconds: 60,
  burstWindowSeconds: 10,
  burstMinOtherClients: 2,
  repeatWindowSeconds: 300,
  selfViewWindowSeconds: 120,
  selfViewLeadSeconds: 30,
  senderNetworkWindowHours: 8,
  maxUserAgentLength: 1024,
  userAgentRules: DEFAULT_USER_AGENT_RULES,
});

type NumericOption = Exclude<keyof ClassifyOptions, 'userAgentRules'>;

const NUMERIC_OPTIONS: readonly NumericOption[] = [
  'scannerWindowSeconds',
  'burstWindowSeconds',
  'burstMinOtherClients',
  'repeatWindowSeconds',
  'selfViewWindowSeconds',
  'selfViewLeadSeconds',
  'senderNetworkWindowHours',
  'maxUserAgentLength',
];

/** Raised for an option that is not a finite number of 0 or more; `option` names it. */
export class ClassifyOptionsError extends Error {
  readonly code = 'classify-option-invalid';

  constructor(
    readonly option: string,
    readonly received: unknown,
  ) {
    super(
      `Invalid classifier option ${option}: expected a finite number of 0 or more, received ${String(received)}.`,
    );
    this.name = 'ClassifyOptionsError';
  }
}

/** Options this module resolved and froze; resolving them again returns them as they are. */
const RESOLVED = new WeakSet<object>();

/**
 * Fills in defaults and checks every numeric option. Call it once at start-up so a bad setting
 * fails there; `classifyOpen` calls it too. The result is frozen.
 * @throws ClassifyOptionsError for a negative, NaN or infinite value.
 */
export function resolveClassifyOptions(overrides: Partial<ClassifyOptions> = {}): ClassifyOptions {
  // The pixel path passes the same resolved options to every classification.
  if (RESOLVED.has(overrides)) return overrides as ClassifyOptions;
  const resolved: ClassifyOptions = { ...DEFAULT_CLASSIFY_OPTIONS };
  for (const name of NUMERIC_OPTIONS) {
    const value = overrides[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ClassifyOptionsError(name, value);
    }
    resolved[name] = value;
  }
  if (overrides.userAgentRules !== undefined) resolved.userAgentRules = overrides.userAgentRules;
  // Frozen, so options checked once cannot be changed into unchecked ones.
  RESOLVED.add(Object.freeze(resolved));
  return resolved;
}
