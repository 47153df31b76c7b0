import type { AddinConfig } from '../src/addin/config';

export interface AddinBuildConfig extends Omit<AddinConfig, 'addInId'> {
  /** Origin that serves the add-in under /addin/; every manifest URL uses it. */
  publicUrl: string;
}

export interface AddinSetting {
  variable: string;
  fallback: string | null;
  meaning: string;
}

export const SETTINGS: Record<keyof AddinBuildConfig, AddinSetting>;

/** Fallbacks of `--env simulator` builds: the values `readmark dev` runs with. */
export const SIMULATOR_FALLBACKS: Omit<AddinBuildConfig, 'serverOrigin'>;

/**
 * Reads the add-in configuration from environment variables; unset ones take the profile's
 * fallbacks. Throws naming an invalid variable.
 */
export function readAddinConfig(
  environment: Record<string, string | undefined>,
  profile?: 'microsoft' | 'simulator',
): AddinBuildConfig;
