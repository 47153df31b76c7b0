/** Build-time settings of the pane, filled in by webpack's DefinePlugin (`process.env.READMARK_*`). */
export interface StatusConfig {
  /** Origin of the Readmark server; empty for the page's own origin. */
  apiBaseUrl: string;
  /** The add-in's app registration (a single-page app). */
  clientId: string;
  authority: string;
  /** The Readmark API's delegated scope, `api://<api-client-id>/access_as_user`. */
  apiScope: string;
  graphBaseUrl: string;
  /** The manifest's `<Id>`, which names the add-in's custom properties in Graph. */
  addInId: string;
}

// TODO: read these from the compose branch's shared add-in configuration once it is on main.
export function readStatusConfig(): StatusConfig {
  return {
    apiBaseUrl: process.env.READMARK_API_BASE_URL ?? '',
    clientId: process.env.READMARK_CLIENT_ID ?? '',
    authority: process.env.READMARK_AUTHORITY ?? 'https://login.microsoftonline.com/common',
    apiScope: process.env.READMARK_API_SCOPE ?? '',
    graphBaseUrl: process.env.READMARK_GRAPH_BASE_URL ?? 'https://graph.microsoft.com/v1.0',
    addInId: process.env.READMARK_ADDIN_ID ?? '',
  };
}
