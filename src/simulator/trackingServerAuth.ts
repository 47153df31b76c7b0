import type { RawServerOptions } from '../server/config/options';
import { SIMULATED_API_CLIENT_ID } from './defaults';

/**
 * Returns the tracking server's authentication options that trust the simulator at `simulatorUrl`
 * as the token issuer. The server then verifies the simulator's tokens through its ordinary
 * settings, on the same path as with Entra ID. `readmark dev` and the end-to-end tests use this.
 */
export function trackingServerAuthFor(simulatorUrl: string): RawServerOptions {
  return {
    apiClientId: SIMULATED_API_CLIENT_ID,
    authority: simulatorUrl,
    issuerTemplate: `${simulatorUrl}/{tenantid}/v2.0`,
    jwksUrl: `${simulatorUrl}/common/discovery/v2.0/keys`,
  };
}
