import { classifyOpen, resolveClassifyOptions, type ClassifyOptions } from '../../classify';
import type { OpenClassifier } from './classification';

/**
 * Builds the pixel path's classifier from the open classifier of `src/classify`. The options are
 * checked here, once, so a bad window fails at start-up.
 * @throws ClassifyOptionsError for a negative or non-finite window.
 */
export function createOpenClassifier(overrides: Partial<ClassifyOptions> = {}): OpenClassifier {
  const options = resolveClassifyOptions(overrides);
  return (hit, context) => {
    const verdict = classifyOpen(
      { method: hit.method, userAgent: hit.userAgent, clientNetwork: hit.clientNetwork, at: hit.at },
      context,
      options,
    );
    return {
      kind: verdict.kind,
      confidence: verdict.confidence,
      reasons: verdict.reasons,
      counted: verdict.counted,
    };
  };
}
