/**
 * Plain-English sentences for the classifier's reason codes, for the status pane. The codes are
 * stable; a rules file may add codes of its own, which `describeReason` covers with a fallback.
 */
export const REASON_TEXTS = {
  // Evidence from the request itself.
  'head-request': 'A HEAD request only checks that the image exists; it is never an open.',
  'method-not-get': 'The request was not a normal image download, so it is not an open.',
  'no-user-agent': 'The request did not say which program sent it.',
  'unrecognised-user-agent': 'The program that fetched the image is not one Readmark recognises.',
  'browser-like-client': 'A browser-like program fetched the image; Readmark could not tell which one.',

  // Evidence from timing and from other hits.
  'soon-after-send': 'Fetched within a minute of sending, which is when security scanners check new mail.',
  burst: 'Several different clients fetched the image within seconds, which looks automated.',
  repeat: 'The same client fetched the image again within a few minutes; it is counted once.',
  'time-unknown': 'The time of the fetch or of sending is missing, so timing was not checked.',

  // The sender's own activity.
  'sender-view':
    'You had this message open with the Readmark pane beside it around then, so this was most likely your own view.',
  'sender-network':
    'Came from the same network as your own Readmark use. Colleagues on the same network look the same, so this may not be you.',

  // Evidence from user-agent rules.
  'gmail-image-proxy': "Opened in Gmail, which loads images through Google's image proxy.",
  'yahoo-mail-proxy': "Opened in Yahoo Mail, which loads images through Yahoo's image proxy.",
  'gmail-prefetch': 'Loaded by Gmail when the message arrived, before anyone read it.',
  'gmail-content-sampling': "Fetched by Gmail's automatic content check, not by a person.",
  'apple-mpp': 'Loaded by Apple Mail Privacy Protection on arrival, not a read.',
  'security-gateway': 'Fetched by an email security gateway that checks new mail.',
  'headless-browser': 'Fetched by a browser running without a screen, as scanners do.',
  'link-preview-bot': 'Fetched by a link-preview service, not by a person.',
  'http-library': 'Fetched by a programming library or command-line tool, not by a mail program.',
  'automated-client': 'The program that fetched the image calls itself a bot, crawler or checker.',
  'outlook-windows': 'Opened in Outlook for Windows.',
  'outlook-mac': 'Opened in Outlook for Mac.',
  'outlook-mobile': 'Opened in the Outlook mobile app.',
  thunderbird: 'Opened in Thunderbird.',
  'apple-mail': 'Opened in Apple Mail or a program that presents itself the same way.',
  'mail-app': 'Opened in a mail app on a phone, tablet or computer.',
  'web-browser': 'Opened in a web browser, for example Outlook on the web.',
} as const satisfies Record<string, string>;

export type ReasonCode = keyof typeof REASON_TEXTS;

/** Returns the sentence for a reason code, or a generic sentence naming an unknown code. */
export function describeReason(code: string): string {
  if (Object.prototype.hasOwnProperty.call(REASON_TEXTS, code)) {
    return REASON_TEXTS[code as ReasonCode];
  }
  return `Matched the rule "${code}" of this server's user-agent rules.`;
}
