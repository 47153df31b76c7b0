/**
 * Build-time configuration of the add-in. webpack replaces `READMARK_BUILD_CONFIG` with the values
 * that `build/addinConfig.js` read from the environment (defaults and variable names are documented
 * there and in the README) and the manifest's `<Id>`. A built page never reads configuration at run
 * time.
 */
export interface AddinConfig {
  /** Application (client) id of the add-in's own app registration (a single-page app). */
  clientId: string;
  /** Delegated scope of the Readmark API, for example `api://<api-client-id>/access_as_user`. */
  apiScope: string;
  /** Sign-in authority, for example `https://login.microsoftonline.com/organizations`. */
  authority: string;
  /** Microsoft Graph base URL including the version, without a trailing slash. */
  graphBaseUrl: string;
  /** Origin of the tracking server that serves the API, the pixel and the add-in files. */
  serverOrigin: string;
  /** URL of the Office JavaScript API script that every page loads first. */
  officeJsUrl: string;
  /** The manifest's `<Id>`, which names the add-in's custom properties (`cecp-<id>`) in Graph. */
  addInId: string;
}

declare const READMARK_BUILD_CONFIG: AddinConfig;

/** Returns the configuration the bundle was built with. */
export function getAddinConfig(): AddinConfig {
  return READMARK_BUILD_CONFIG;
}
