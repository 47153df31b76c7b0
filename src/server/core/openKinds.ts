import type { OpenKind } from '../../shared/api';

/** Kinds that count as a person reading the message; the open summary's first and last open use them. */
export const PERSON_OPEN_KINDS: ReadonlySet<OpenKind> = new Set<OpenKind>(['human', 'human-via-proxy']);

/** Kinds that a machine produced without anybody reading. */
export const AUTOMATED_OPEN_KINDS: ReadonlySet<OpenKind> = new Set<OpenKind>(['prefetch', 'scanner']);
