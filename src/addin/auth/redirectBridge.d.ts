// @azure/msal-browser 5 publishes this entry point through package.json "exports" only, which the
// project's `node10` module resolution does not read; webpack resolves it normally.
declare module '@azure/msal-browser/redirect-bridge' {
  /** Hands the authorization response in this page's URL to the MSAL instance that started the flow. */
  export function broadcastResponseToMainFrame(): Promise<void>;
}
