/**
 * What a token is for. One access token has one audience, so the Readmark API and Microsoft Graph
 * always get separate tokens, and the server only ever sees the Readmark API token.
 */
export type TokenPurpose = 'readmark-api' | 'graph-mail-read' | 'graph-mail-readwrite';

/** Returns the scopes to request for `purpose`; Graph scopes use their short names. */
export function scopesFor(purpose: TokenPurpose, apiScope: string): string[] {
  switch (purpose) {
    case 'readmark-api':
      return [apiScope];
    case 'graph-mail-read':
      return ['Mail.Read'];
    case 'graph-mail-readwrite':
      return ['Mail.ReadWrite'];
  }
}
