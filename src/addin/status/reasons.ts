/**
 * Reason codes in plain words come from the open classifier, which owns the codes, so a new rule
 * and its sentence arrive together. Unknown codes (an admin's own rules) get a generic sentence.
 */
export { describeReason } from '../../classify/reasons';
