import type { RawServerOptions } from '../server/config/options';
import { SIMULATED_API_CLIENT_ID } from './defaults';

/**
 * Returns the tracking server options for running beside the simulator at `simulatorUrl`, used by
 * `readmark dev` and the end-to-end tests. The server trusts the simulator as the token issuer and
 * verifies its tokens on the same path as Entra ID's, and lets it frame the add-in pages.
 *
 * The simulated recipient reads the message seconds after it was sent, from the sender's own
 * machine. With the default windows such a hit is a security gateway's check or the sender's own
 * view, so the windows that judge by timing and by network are switched off here. Hits from 10
 * seconds before to two minutes after a view the pinned pane reported are still `self`. The lead
 * is shorter than the default 30 seconds, so a recipient's open in one tab is not taken for the
 * sender's view that follows it in another.
 */
export function trackingServerOptionsFor(simulatorUrl: string): RawServerOptions {
  return {
    scannerWindowSeconds: '0',
    burstWindowSeconds: '0',
    senderNetworkWindowHours: '0',
    selfViewLeadSeconds: '10',
    apiClientId: SIMULATED_API_CLIENT_ID,
    authority: simulatorUrl,
    issuerTemplate: `${simulatorUrl}/{tenantid}/v2.0`,
    jwksUrl: `${simulatorUrl}/common/discovery/v2.0/keys`,
    // The simulator frames the add-in pages and serves their Office.js stand-in.
    simulatorOrigin: simulatorUrl,
  };
}
