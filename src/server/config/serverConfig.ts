import type { ClassifyOptions } from '../../classify';
import type { AddressMinimisation } from '../core/clientNetwork';
import type { ClientAddressHashing } from '../privacy/addressHashing';
import type { RetentionPolicy } from '../privacy/retention';
import type { StoredMessageFields } from '../privacy/storedFields';
import type { TenantPolicies } from '../privacy/tenantPolicy';
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
  privacy: PrivacyConfig;
  security: SecurityConfig;
}

/** The open classifier's windows and user-agent rules, checked at start-up. */
export interface ClassificationConfig {
  options: ClassifyOptions;
  /** The rules file given with `--user-agent-rules`; null uses the built-in rules. */
  userAgentRulesPath: string | null;
}

/** What is stored about tracked messages and opens, and for how long (docs/PRIVACY.md). */
export interface PrivacyConfig {
  retention: RetentionPolicy;
  /** Minutes between automatic retention runs; 0 runs it only through `readmark purge`. */
  purgeIntervalMinutes: number;
  storedMessageFields: StoredMessageFields;
  /** Null stores truncated networks (`addressMinimisation`); set, it stores keyed hashes instead. */
  clientAddressHashing: ClientAddressHashing | null;
  tenantPolicies: TenantPolicies;
}

/** Abuse limits and browser security (docs/SECURITY.md). */
export interface SecurityConfig {
  /** Recorded pixel hits per minute per client network; 0 for no limit. */
  pixelRateLimitPerMinute: number;
  /** API requests per minute per user; 0 for no limit. */
  apiRateLimitPerMinute: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
  /** Browser origins allowed to call the API across origins. */
  corsOrigins: readonly string[];
  /** Sign-in and Graph origins the add-in pages may call (Content Security Policy). */
  addinConnectOrigins: readonly string[];
  /** Development only: the simulator's origin, allowed to frame the add-in pages and serve Office.js. */
  simulatorOrigin: string | null;
}

/** Base of Microsoft's public cloud; sovereign clouds use another authority. */
export const PUBLIC_CLOUD_AUTHORITY = 'https://login.microsoftonline.com';

/** The scope every API access token must carry. */
export const REQUIRED_SCOPE = 'access_as_user';
