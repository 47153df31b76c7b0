import { resolveClassifyOptions, type ClassifyOptions } from '../../classify';
import { loadUserAgentRules } from '../../classify/loadRules';
import { ConfigError, parseInteger } from './configError';
import type { ServerOptionName } from './options';
import type { ClassificationConfig } from './serverConfig';

type WindowOption = Extract<
  ServerOptionName,
  | 'scannerWindowSeconds'
  | 'burstWindowSeconds'
  | 'burstMinOtherClients'
  | 'repeatWindowSeconds'
  | 'selfViewWindowSeconds'
  | 'selfViewLeadSeconds'
  | 'senderNetworkWindowHours'
>;

/** Allowed range of each classifier window option. */
const WINDOW_RANGES: Record<WindowOption, [min: number, max: number]> = {
  scannerWindowSeconds: [0, 3600],
  burstWindowSeconds: [0, 600],
  burstMinOtherClients: [1, 100],
  repeatWindowSeconds: [0, 3600],
  selfViewWindowSeconds: [0, 3600],
  selfViewLeadSeconds: [0, 300],
  senderNetworkWindowHours: [0, 168],
};

/**
 * Parses the classifier windows and loads the user-agent rules file, so a bad value or a broken
 * rules file stops the server at start-up with every problem listed.
 * @throws ConfigError naming the option.
 */
export function parseClassificationConfig(
  value: (name: ServerOptionName) => string | undefined,
): ClassificationConfig {
  const overrides: Partial<ClassifyOptions> = {};
  for (const [name, [min, max]] of Object.entries(WINDOW_RANGES) as [WindowOption, [number, number]][]) {
    overrides[name] = parseInteger(name, value(name) ?? '', min, max);
  }

  const userAgentRulesPath = value('userAgentRules') ?? null;
  if (userAgentRulesPath !== null) {
    const loaded = loadUserAgentRules(userAgentRulesPath);
    if (!loaded.ok) {
      // The loader's message already names the file and lists every problem, one per line.
      throw new ConfigError(
        'userAgentRules',
        userAgentRulesPath,
        `a readable, valid user-agent rules file (${loaded.error.code}). ${loaded.error.message}`,
      );
    }
    overrides.userAgentRules = loaded.rules;
  }
  return { options: resolveClassifyOptions(overrides), userAgentRulesPath };
}
