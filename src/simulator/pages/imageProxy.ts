/**
 * The user agent Gmail's image proxy sends when it fetches a remote image for a reader, as
 * published in Google's Gmail image proxy announcement and seen in mail-server logs.
 */
export const GOOGLE_IMAGE_PROXY_USER_AGENT =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';

/**
 * Fetches every image of an HTML body that lives on the tracking server, with a provider proxy's
 * user agent, as a webmail provider's proxy does when its user opens the message. Other hosts are
 * never fetched, so this is no open proxy.
 */
export async function fetchImagesThroughProxy(html: string, trackingServerUrl: string): Promise<number> {
  const origin = new URL(trackingServerUrl).origin;
  const sources = [...html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi)].map(
    (match) => match[1] ?? '',
  );
  let fetched = 0;
  for (const source of sources) {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      continue;
    }
    if (url.origin !== origin) continue;
    const response = await fetch(url, {
      headers: { 'User-Agent': GOOGLE_IMAGE_PROXY_USER_AGENT, Accept: 'image/*' },
    });
    await response.arrayBuffer();
    fetched += 1;
  }
  return fetched;
}
