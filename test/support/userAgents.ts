/**
 * Real user agents as published, for server tests that send pixel hits. The classifier's own
 * tests (test/classify) cover many more; these are the few the server tests need.
 */

/** Source: https://github.com/browscap/browscap/issues/204 */
export const THUNDERBIRD =
  'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:24.0) Gecko/20100101 Thunderbird/24.4.0 Lightning/2.6.4';

/** Source: https://github.com/DannyBoyNg/UserAgentService/issues/4 */
export const OUTLOOK_WINDOWS = 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.15225; Pro)';

/** Source: https://github.com/browscap/browscap/issues/1108 */
export const GMAIL_IMAGE_PROXY =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';

/** Apple Mail Privacy Protection. Source: https://github.com/ua-parser/uap-core/issues/509 */
export const APPLE_MPP = 'Mozilla/5.0';

/** Source: https://github.com/oalders/http-browserdetect/issues/183 */
export const HEADLESS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/79.0.3945.0 Safari/537.36';
