/** The open classifier: pure functions from a pixel hit and its context to a verdict. */
export { classifyOpen } from './classify';
export { DEFAULT_USER_AGENT_RULES } from './defaultRules';
export {
  ClassifyOptionsError,
  DEFAULT_CLASSIFY_OPTIONS,
  resolveClassifyOptions,
  type ClassifyOptions,
} from './options';
export { REASON_TEXTS, describeReason, type ReasonCode } from './reasons';
export {
  describeProblem,
  parseUserAgentRules,
  type RuleProblem,
  type UserAgentRulesError,
  type UserAgentRulesResult,
} from './rules';
export {
  addVerdict,
  emptyOpenCounts,
  isAutomatedOpen,
  isPeopleOpen,
  summariseOpenCounts,
  type OpenTotals,
} from './summary';
export type { EarlierHit, Hit, HitContext, RuleKind, SenderNetwork, UserAgentRule, Verdict } from './types';
