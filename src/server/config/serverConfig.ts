import type { ClassifyOptions } from '../../classify';
import type { AddressMinimisation } from '../core/clientNetwork';
import type { SqliteSynchronous } from '../store/sqlite/sqliteTrackingStore';

/** How API access tokens are checked. */
export interface AuthConfig {
  /** The token audience; null makes the API respond with 503 `AUTH_NOT_CONFIGURED`. */
  apiClientId: string | null;
  authority: string;
  jwksUrl: string;
  /** Expected `iss` with `{tid}` standing for the token's own tenant id. */
  issuerTemplate: string;
  /** Null allows every tenant. */
  tenantAllowlist: readonly string[] | null;
  clockSkewSeconds: number;
  jwksCacheMaxAgeSeconds: number;
}

export type DatabaseConfig =
  | { kind: 'sqlite'; path: string; synchronous: SqliteSynchronous }
  | {
      kind: 'postgres';
      /** `postgres://…`; it may contain a password, so it is never logged. */
      url: string;
      poolSize: number;
    };

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Opens held in memory awaiting a commit, the queue kept while the database is away included. */
  pendingOpensMax: number;
  /** Origin without a trailing slash, for example `https://track.example.com`. */
  publicUrl: string;
  auth: AuthConfig;
  addressMinimisation: AddressMinimisation;
  /** Proxy addresses or CIDR ranges whose X-Forwarded-For is trusted; empty trusts none. */
  trustProxy: readonly string[];
  logLevel: string;
  classification: ClassificationConfig;
}

/** The open classifier's windows and user-agent rules, checked at start-up. */
export interface ClassificationConfig {
  options: ClassifyOptions;
  /** The rules file given with `--user-agent-rules`; null uses the built-in rules. */
  userAgentRulesPath: string | null;
}

/** Base of Microsoft's public cloud; sovereign clouds use another authority. */
export const PUBLIC_CLOUD_AUTHORITY = 'https://login.microsoftonline.com';

/** The scope every API access token must carry. */
export const REQUIRED_SCOPE = 'access_as_user';
