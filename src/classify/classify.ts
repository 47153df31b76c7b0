import type { OpenKind } from '../shared/api';
import {
  comesFromSenderNetwork,
  followsSenderView,
  keyOf,
  secondsAfterSend,
  weighEarlierHits,
} from './evidence';
import { resolveClassifyOptions, type ClassifyOptions } from './options';
import type { Hit, HitContext, Verdict } from './types';
import { readUserAgent, type UserAgentEvidence } from './userAgentMatch';

const HEAD_CONFIDENCE = 0.8;
const SENDER_VIEW_CONFIDENCE = 0.95;
const SENDER_NETWORK_CONFIDENCE = 0.6;
const ONE_SIGNAL_CONFIDENCE = 0.6;
const TWO_SIGNALS_CONFIDENCE = 0.75;
const SIGNAL_PENALTY = 0.2;
const MIN_CONFIDENCE = 0.3;

/**
 * Classifies one pixel hit from its request and the message's context. Pure: the time comes in
 * `hit.at` and the context, so equal input gives an equal verdict.
 *
 * Evidence is weighed in this order:
 * 1. A method other than GET is never an open.
 * 2. The user agent picks a kind.
 * 3. A hit soon after sending or in a burst turns user agents that scanners copy into `scanner`,
 *    and Apple Mail's into `prefetch`.
 * 4. A hit near a sender view, or from the sender's network, is `self`, unless the user agent
 *    names a proxy, a prefetcher or a scanner.
 * 5. A repeat from the same client keeps the kind of the hit it repeats and is not counted. A hit
 *    during one of the sender's views stays `self` even so, because a recipient on the sender's
 *    network can share the user agent and network, while the pane's report names the sender.
 * @throws ClassifyOptionsError when an option is negative or not a finite number.
 */
export function classifyOpen(
  hit: Hit,
  context: HitContext,
  overrides: Partial<ClassifyOptions> = {},
): Verdict {
  const options = resolveClassifyOptions(overrides);
  const { userAgent, evidence } = readUserAgent(
    hit.userAgent,
    options.maxUserAgentLength,
    options.userAgentRules,
  );
  const method = String(hit.method).trim().toUpperCase();

  if (method === 'HEAD') {
    return verdict('scanner', HEAD_CONFIDENCE, ['head-request', evidence.reason], false, evidence.ruleId);
  }
  if (method !== 'GET') {
    return verdict('unknown', HEAD_CONFIDENCE, ['method-not-get', evidence.reason], false, evidence.ruleId);
  }

  const { repeated, burst } = weighEarlierHits(hit, keyOf(userAgent, hit.clientNetwork), context, options);
  let result = weighAutomationSignals(hit, context, options, evidence, burst);
  result = weighSenderActivity(hit, context, options, evidence, result);

  if (repeated === null) return result;
  const duringSenderView = result.kind === 'self' && result.reasons[0] === 'sender-view';
  if (duringSenderView && repeated.kind !== 'self') return result;
  return { ...result, kind: repeated.kind, reasons: ['repeat', ...result.reasons], counted: false };
}

function weighAutomationSignals(
  hit: Hit,
  context: HitContext,
  options: ClassifyOptions,
  evidence: UserAgentEvidence,
  burst: boolean,
): Verdict {
  const seconds = secondsAfterSend(hit, context);
  // A hit timed before sending is clock skew between machines, so it counts as immediate.
  const soonAfterSend = seconds !== null && seconds <= options.scannerWindowSeconds;

  // Most hits: the lists below are built only when a signal needs them.
  if (!soonAfterSend && !burst) {
    const reasons = seconds === null ? [evidence.reason, 'time-unknown'] : [evidence.reason];
    return verdict(evidence.kind, evidence.confidence, reasons, true, evidence.ruleId);
  }
  const signals: string[] = [];
  if (soonAfterSend) signals.push('soon-after-send');
  if (burst) signals.push('burst');

  if (evidence.kind === 'scanner' || evidence.kind === 'prefetch') {
    // Automated fetchers are expected at delivery time: the timing only confirms them.
    return verdict(
      evidence.kind,
      evidence.confidence + 0.05,
      [evidence.reason, ...signals],
      true,
      evidence.ruleId,
    );
  }
  if (evidence.earlyKind !== null) {
    const confidence = signals.length > 1 ? TWO_SIGNALS_CONFIDENCE : ONE_SIGNAL_CONFIDENCE;
    return verdict(evidence.earlyKind, confidence, [...signals, evidence.reason], true, evidence.ruleId);
  }
  // A named mail client or a provider's image proxy stays a person: colleagues open mail quickly,
  // and filtering proxy opens loses real reads. Only the confidence drops.
  const confidence = Math.max(MIN_CONFIDENCE, evidence.confidence - SIGNAL_PENALTY);
  return verdict(evidence.kind, confidence, [evidence.reason, ...signals], true, evidence.ruleId);
}

function weighSenderActivity(
  hit: Hit,
  context: HitContext,
  options: ClassifyOptions,
  evidence: UserAgentEvidence,
  current: Verdict,
): Verdict {
  // The sender reads in Outlook, so a user agent naming a proxy, prefetcher or scanner is not them.
  if (evidence.kind !== 'human' && evidence.kind !== 'unknown') return current;

  if (followsSenderView(hit, context, options)) {
    return verdict('self', SENDER_VIEW_CONFIDENCE, ['sender-view', evidence.reason], true, evidence.ruleId);
  }
  if (comesFromSenderNetwork(hit, context, options)) {
    return verdict(
      'self',
      SENDER_NETWORK_CONFIDENCE,
      ['sender-network', evidence.reason],
      true,
      evidence.ruleId,
    );
  }
  return current;
}

function verdict(
  kind: OpenKind,
  confidence: number,
  reasons: string[],
  counted: boolean,
  ruleId: string | null,
): Verdict {
  const bounded = Math.min(1, Math.max(0, confidence));
  return { kind, confidence: Math.round(bounded * 100) / 100, reasons, counted, ruleId };
}
