import type { SecurityConfig } from '../config/serverConfig';

/** Microsoft's CDN for Office.js; the add-in pages load it first. */
export const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';

/**
 * Origins of the Office hosts that embed add-in pages in a frame: Outlook on the web (consumer and
 * work accounts, including the cloud.microsoft domain) and the Office web hosts. Desktop and mobile
 * Outlook load the page top-level in a web view, where `frame-ancestors` does not apply.
 * NOTE: not checked against a list published by Microsoft. A host missing here shows the pane
 * blank in that Outlook, so its origin then belongs in this list.
 */
export const OFFICE_FRAME_ANCESTORS = [
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.live.com',
  'https://outlook.cloud.microsoft',
  'https://*.office.com',
  'https://*.officeapps.live.com',
  'https://*.sharepoint.com',
];

/**
 * Response headers of every page and file under `/addin/`. No `X-Frame-Options`: Office frames
 * the pages, and `frame-ancestors` says by whom. Styles allow inline because Fluent UI inserts its
 * generated style rules at run time.
 */
export function addinSecurityHeaders(
  security: Pick<SecurityConfig, 'addinConnectOrigins' | 'simulatorOrigin'>,
  httpsOnly: boolean,
): Record<string, string> {
  const simulator = security.simulatorOrigin === null ? [] : [security.simulatorOrigin];
  // The simulator's origin is often among the connect origins too, and each is listed once.
  const connect = [...new Set([...security.addinConnectOrigins, ...simulator])];
  const policy = [
    "default-src 'self'",
    `script-src 'self' ${[OFFICE_JS_ORIGIN, ...simulator].join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${connect.join(' ')}`,
    `frame-src 'self' ${connect.join(' ')}`,
    `frame-ancestors 'self' ${[...OFFICE_FRAME_ANCESTORS, ...simulator].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cross-origin-resource-policy': 'same-site',
    ...(httpsOnly ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
