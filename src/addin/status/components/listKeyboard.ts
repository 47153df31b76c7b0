import type { KeyboardEvent } from 'react';

const STEPS: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (index, count) => Math.min(index + 1, count - 1),
  ArrowUp: (index) => Math.max(index - 1, 0),
  Home: () => 0,
  End: (_index, count) => count - 1,
};

/**
 * Moves focus between the rows of a list with the arrow keys, Home and End. Each row is one
 * button, so Tab leaves the list and Enter or Space opens the focused row.
 */
export function onListKeyDown(event: KeyboardEvent<HTMLElement>): void {
  const step = STEPS[event.key];
  if (step === undefined) return;
  const rows = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>(':scope > li > button'));
  const index = rows.findIndex((row) => row === document.activeElement);
  if (index === -1) return;
  event.preventDefault();
  rows[step(index, rows.length)]?.focus();
}
