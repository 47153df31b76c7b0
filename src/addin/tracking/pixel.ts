import { AddinError } from '../addinError';

/** Outlook rejects appendOnSendAsync data longer than this. */
export const APPEND_ON_SEND_MAX_CHARS = 5000;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Returns the tracking image markup for `pixelUrl`, after the tenant's visible notice when there
 * is one. Only attributes, no inline CSS and no
 * `display:none`: Outlook desktop drops inline sizing and some clients skip hidden images.
 * Throws `invalid-pixel-url` unless the URL is HTTPS (plain HTTP only on loopback, for tests).
 */
export function pixelMarkup(pixelUrl: string, notice: string | null = null): string {
  let url: URL;
  try {
    url = new URL(pixelUrl);
  } catch (error) {
    throw new AddinError(
      'invalid-pixel-url',
      `The server returned a pixel URL that is not a URL: "${pixelUrl}".`,
      {
        cause: error,
      },
    );
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new AddinError(
      'invalid-pixel-url',
      `The pixel URL must use HTTPS, got "${url.protocol}" in "${pixelUrl}".`,
    );
  }
  const image = `<img src="${escapeAttribute(url.href)}" width="1" height="1" alt="" border="0">`;
  const markup = notice === null ? image : `<p>${escapeAttribute(notice)}</p>${image}`;
  if (markup.length > APPEND_ON_SEND_MAX_CHARS) {
    throw new AddinError(
      'invalid-pixel-url',
      `The pixel markup is ${markup.length} characters; Outlook allows ${APPEND_ON_SEND_MAX_CHARS}.`,
    );
  }
  return markup;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
