import { statusStrings } from '../strings/status';

/**
 * Turns a classifier reason code into plain words. Codes the catalogue does not list still show,
 * named as a rule, so that a new classifier rule never disappears from the timeline.
 */
// NOTE: the texts are keyed by the reason codes expected from the open classifier; switch this
// lookup to the classifier's own reason texts once it exports them.
export function describeReason(code: string): string {
  return statusStrings.reasons[code] ?? statusStrings.reasonUnlisted(code);
}
