import { OPEN_KINDS, type OpenCounts, type OpenKind } from '../shared/api';
import type { Verdict } from './types';

/** Totals shown to the sender: people, automated fetches and their own views, kept apart. */
export interface OpenTotals {
  /** `human` + `human-via-proxy`. */
  peopleOpens: number;
  /** `prefetch` + `scanner`. */
  automatedOpens: number;
  selfViews: number;
  unknownOpens: number;
}

export function emptyOpenCounts(): OpenCounts {
  const counts = {} as OpenCounts;
  for (const kind of OPEN_KINDS) counts[kind] = 0;
  return counts;
}

/** Returns true for the kinds that are opens by a person. First and last open times use only these. */
export function isPeopleOpen(kind: OpenKind): boolean {
  return kind === 'human' || kind === 'human-via-proxy';
}

/** Returns true for the kinds that are fetches by a machine: a privacy prefetch or a security scanner. */
export function isAutomatedOpen(kind: OpenKind): boolean {
  return kind === 'prefetch' || kind === 'scanner';
}

/** Returns new counts with the verdict added, or the same counts when the verdict is not counted. */
export function addVerdict(counts: OpenCounts, verdict: Pick<Verdict, 'kind' | 'counted'>): OpenCounts {
  if (!verdict.counted) return counts;
  return { ...counts, [verdict.kind]: counts[verdict.kind] + 1 };
}

export function summariseOpenCounts(counts: OpenCounts): OpenTotals {
  return {
    peopleOpens: counts.human + counts['human-via-proxy'],
    automatedOpens: counts.prefetch + counts.scanner,
    selfViews: counts.self,
    unknownOpens: counts.unknown,
  };
}
