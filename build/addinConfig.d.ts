import type { AddinConfig } from '../src/addin/config';

export interface AddinBuildConfig extends AddinConfig {
  /** Origin that serves the add-in under /addin/; every manifest URL uses it. */
  publicUrl: string;
}

export interface AddinSetting {
  variable: string;
  fallback: string | null;
  meaning: string;
}

export const SETTINGS: Record<keyof AddinBuildConfig, AddinSetting>;

/** Reads the add-in configuration from environment variables; throws naming an invalid variable. */
export function readAddinConfig(environment: Record<string, string | undefined>): AddinBuildConfig;
