import type { Open, OpenKind } from '../../../shared/api';

/** Kinds shown only on request, because none of them is a person reading the message. */
const HIDDEN_KINDS: ReadonlySet<OpenKind> = new Set<OpenKind>(['prefetch', 'scanner', 'self']);

export interface OpenGroups {
  /**
   * Counted people opens and counted unclear ones, which are not hidden so that no real open goes
   * unseen. Once every open is loaded, their number matches the server's people and unclear counts.
   */
  shown: Open[];
  /** Automated fetches, the sender's own views, and every repeat that was not counted. */
  hidden: Open[];
}

/** Splits opens into the timeline's two groups, keeping their order. */
export function groupOpens(opens: readonly Open[]): OpenGroups {
  const shown: Open[] = [];
  const hidden: Open[] = [];
  for (const open of opens) {
    (open.counted && !HIDDEN_KINDS.has(open.kind) ? shown : hidden).push(open);
  }
  return { shown, hidden };
}

/** Number of hidden timeline entries of each sort, for the button that reveals them. */
export interface HiddenTally {
  /** Counted prefetches and scanner fetches. */
  automated: number;
  /** Counted own views of the sender. */
  ownViews: number;
  /** Hits of any kind kept as evidence but not counted, such as a repeat from the same client. */
  repeats: number;
}

/** Counts the hidden group's entries by the sort the pane names them with. */
export function tallyHidden(hidden: readonly Open[]): HiddenTally {
  const tally: HiddenTally = { automated: 0, ownViews: 0, repeats: 0 };
  for (const open of hidden) {
    if (!open.counted) tally.repeats += 1;
    else if (open.kind === 'self') tally.ownViews += 1;
    else tally.automated += 1;
  }
  return tally;
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
