/** Strings every add-in surface uses. */
export const common = {
  /**
   * BCP 47 tag of the catalogue's language. Dates and relative times are formatted in it, not in
   * the browser's language, so that no sentence mixes two languages. Change it with the texts.
   */
  locale: 'en-US',
  productName: 'Readmark',
  details: 'Details',
  errorCode: (code: string): string => `Error code: ${code}`,
  /** Sentence shown for each failure, keyed by the error's stable code (read through `failureText`). */
  failures: {
    'sign-in-not-configured':
      'Readmark is not set up for sign-in yet. Ask your administrator to configure the add-in.',
    'sign-in-interaction-required': 'Sign in to Readmark to continue.',
    'sign-in-cancelled': 'Sign-in was cancelled.',
    'sign-in-blocked': 'Outlook blocked the sign-in window. Allow pop-ups for Outlook, then try again.',
    'sign-in-busy': 'Another sign-in window is still open. Finish it, then try again.',
    'sign-in-failed': 'Sign-in to Readmark failed. Try again, or sign out of Outlook and back in.',
    'api-unreachable': 'The Readmark server is unreachable.',
    'api-timed-out': 'The Readmark server did not answer in time.',
    'api-unauthorized': 'The Readmark server did not accept your sign-in. Sign in again.',
    'api-not-found': 'The Readmark server does not know this message.',
    'api-request-rejected': 'The Readmark server rejected the request.',
    'api-server-error': 'The Readmark server had a problem.',
    'api-invalid-response': 'The Readmark server sent an answer the add-in cannot read.',
    'office-call-failed': 'Outlook could not complete the request.',
    'graph-request-failed': 'Microsoft 365 rejected the request.',
    'graph-id-unavailable': 'Outlook on this device cannot hand the draft to Microsoft 365.',
    'invalid-pixel-url': 'The Readmark server sent an image address the add-in will not use.',
    'unexpected-error': 'Something went wrong.',
    'policy-tracking-off': 'Your organisation has switched tracking off.',
    'policy-internal-only': 'Your organisation does not track messages sent only to people inside it.',
    'policy-never-track-domain':
      'Your organisation does not track messages to one of these recipients’ domains.',
  } as Record<string, string>,
};

/** Returns the sentence for an error code, falling back to a generic one for unknown codes. */
export function failureText(code: string): string {
  return common.failures[code] ?? common.failures['unexpected-error'] ?? '';
}
