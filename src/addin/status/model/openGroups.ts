import type { Open, OpenKind } from '../../../shared/api';

/** Kinds shown only on request, because none of them is a person reading the message. */
const HIDDEN_KINDS: ReadonlySet<OpenKind> = new Set<OpenKind>(['prefetch', 'scanner', 'self']);

export interface OpenGroups {
  /** People opens and the unclear ones, which are not hidden so that no real open goes unseen. */
  shown: Open[];
  /** Automated fetches and the sender's own views. */
  hidden: Open[];
}

/** Splits opens into the timeline's two groups, keeping their order. */
export function groupOpens(opens: readonly Open[]): OpenGroups {
  const shown: Open[] = [];
  const hidden: Open[] = [];
  for (const open of opens) {
    (HIDDEN_KINDS.has(open.kind) ? hidden : shown).push(open);
  }
  return { shown, hidden };
}

export function isPeopleOpen(open: Open): boolean {
  return open.kind === 'human' || open.kind === 'human-via-proxy';
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** Buckets the classifier's 0-to-1 confidence into the three words the pane shows. */
export function confidenceLevel(confidence: number): ConfidenceLevel {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.5) return 'medium';
  return 'low';
}
