/** Build-time settings of the pane. */
export interface StatusConfig {
  /** Origin of the Readmark server; empty for the page's own origin. */
  serverOrigin: string;
  /** Application (client) id of the add-in's app registration (a single-page app). */
  clientId: string;
  authority: string;
  /** The Readmark API's delegated scope, `api://<api-client-id>/access_as_user`. */
  apiScope: string;
  graphBaseUrl: string;
  /** The manifest's `<Id>`, which names the add-in's custom properties in Graph; empty turns Graph off. */
  addInId: string;
}

/** Replaced by webpack's DefinePlugin with the add-in build's configuration object. */
declare const READMARK_BUILD_CONFIG: Partial<StatusConfig> | undefined;

// TODO: use the add-in's shared configuration module once it is on main, and add `addInId` to it:
// without it the pane cannot read tracking ids from Sent Items through Graph.
/** Returns the build-time settings, with public-cloud defaults for anything the build left out. */
export function readStatusConfig(): StatusConfig {
  const built = typeof READMARK_BUILD_CONFIG === 'undefined' ? {} : (READMARK_BUILD_CONFIG ?? {});
  return {
    serverOrigin: built.serverOrigin ?? '',
    clientId: built.clientId ?? '',
    authority: built.authority ?? 'https://login.microsoftonline.com/organizations',
    apiScope: built.apiScope ?? '',
    graphBaseUrl: built.graphBaseUrl ?? 'https://graph.microsoft.com/v1.0',
    addInId: built.addInId ?? '',
  };
}
