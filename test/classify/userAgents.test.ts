import { classifyOpen, type Verdict } from '../../src/classify';
import type { OpenKind } from '../../src/shared/api';
import { makeContext, makeHit, secondsAfterSend } from './fixtures';

/**
 * Real user-agent strings as published, each with where it was published. `late` is the expected
 * kind an hour after sending, `early` ten seconds after sending (inside the scanner window).
 */
interface Row {
  userAgent: string;
  source: string;
  late: OpenKind;
  early: OpenKind;
  reason: string;
}

const ROWS: Row[] = [
  // Mail providers' image proxies: a person opened the message.
  {
    userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
    source: 'https://github.com/browscap/browscap/issues/1108',
    late: 'human-via-proxy',
    early: 'human-via-proxy',
    reason: 'gmail-image-proxy',
  },
  {
    userAgent: 'YahooMailProxy;%20https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html',
    source: 'https://github.com/faisalman/ua-parser-js/issues/494',
    late: 'human-via-proxy',
    early: 'human-via-proxy',
    reason: 'yahoo-mail-proxy',
  },
  // Privacy prefetchers.
  {
    userAgent: 'Mozilla/5.0',
    source: 'https://github.com/ua-parser/uap-core/issues/509',
    late: 'prefetch',
    early: 'prefetch',
    reason: 'apple-mpp',
  },
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.246 Mozilla/5.0',
    source: 'https://github.com/mautic/mautic/pull/10245',
    late: 'prefetch',
    early: 'prefetch',
    reason: 'gmail-prefetch',
  },
  // Scanners, gateways, previewers, headless browsers and HTTP libraries.
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.246 Gmail-content-sampling',
    source: 'https://github.com/mssola/user_agent/issues/71',
    late: 'scanner',
    early: 'scanner',
    reason: 'gmail-content-sampling',
  },
  {
    userAgent: 'Barracuda Sentinel (EE)',
    source: 'https://github.com/JayBizzle/Crawler-Detect/issues/552',
    late: 'scanner',
    early: 'scanner',
    reason: 'security-gateway',
  },
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/79.0.3945.0 Safari/537.36',
    source: 'https://github.com/oalders/http-browserdetect/issues/183',
    late: 'scanner',
    early: 'scanner',
    reason: 'headless-browser',
  },
  {
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/91.0.4472.114 Safari/537.36 Prerender (+https://github.com/prerender/prerender)',
    source: 'https://github.com/jitsucom/jitsu/issues/971',
    late: 'scanner',
    early: 'scanner',
    reason: 'headless-browser',
  },
  {
    userAgent:
      'Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1',
    source: 'https://github.com/matomo-org/device-detector/issues/5691',
    late: 'scanner',
    early: 'scanner',
    reason: 'headless-browser',
  },
  {
    userAgent: 'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/534+ (KHTML, like Gecko) BingPreview/1.0b',
    source: 'https://github.com/monperrus/crawler-user-agents/issues/36',
    late: 'scanner',
    early: 'scanner',
    reason: 'link-preview-bot',
  },
  {
    userAgent:
      'Mozilla/5.0 (Windows Phone 8.1; ARM; Trident/7.0; Touch; rv:11.0; IEMobile/11.0; NOKIA; Lumia 530) like Gecko BingPreview/1.0b',
    source: 'https://github.com/ua-parser/uap-core/issues/164',
    late: 'scanner',
    early: 'scanner',
    reason: 'link-preview-bot',
  },
  {
    userAgent: 'python-requests/2.27.1',
    source: 'https://github.com/ua-parser/uap-core/issues/526',
    late: 'scanner',
    early: 'scanner',
    reason: 'http-library',
  },
  {
    userAgent: 'python-requests/2.6.0 CPython/2.7.5 Linux/3.10.0-862.14.4.el7.x86_64',
    source: 'https://github.com/ua-parser/uap-core/issues/526',
    late: 'scanner',
    early: 'scanner',
    reason: 'http-library',
  },
  {
    userAgent: 'Go-http-client/1.1',
    source: 'https://github.com/ua-parser/uap-core/issues/526',
    late: 'scanner',
    early: 'scanner',
    reason: 'http-library',
  },
  {
    userAgent: 'curl/7.58.0',
    source: 'https://github.com/ua-parser/uap-core/issues/526',
    late: 'scanner',
    early: 'scanner',
    reason: 'http-library',
  },
  {
    userAgent: 'GuzzleHttp/6.3.3 curl/7.68.0 PHP/8.0.20',
    source: 'https://github.com/ua-parser/uap-core/issues/526',
    late: 'scanner',
    early: 'scanner',
    reason: 'http-library',
  },
  {
    userAgent: 'okhttp/3.11.0',
    source: 'https://github.com/atmire/COUNTER-Robots/issues/9',
    late: 'scanner',
    early: 'scanner',
    reason: 'http-library',
  },
  {
    userAgent: 'Java/1.7.0_65',
    source: 'https://github.com/mssola/user_agent/issues/18',
    late: 'scanner',
    early: 'scanner',
    reason: 'http-library',
  },
  {
    userAgent: 'Apache-HttpClient/4.3.3 (java 1.5)',
    source: 'https://github.com/mssola/user_agent/issues/18',
    late: 'scanner',
    early: 'scanner',
    reason: 'http-library',
  },
  {
    userAgent: 'urlwatch/2.25 (+https://thp.io/2008/urlwatch/info.html)',
    source: 'https://github.com/ua-parser/uap-core/issues/526',
    late: 'scanner',
    early: 'scanner',
    reason: 'automated-client',
  },
  {
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
    source: 'https://github.com/arcjet/well-known-bots/issues/36',
    late: 'scanner',
    early: 'scanner',
    reason: 'automated-client',
  },
  // Outlook for Windows, Mac and mobile.
  {
    userAgent:
      'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/8.0; .NET4.0C; .NET4.0E; .NET CLR 2.0.50727; .NET CLR 3.0.30729; .NET CLR 3.5.30729; Microsoft Outlook 16.0.6366; ms-office; MSOffice 16)',
    source: 'https://github.com/ua-parser/uap-core/issues/132',
    late: 'human',
    early: 'human',
    reason: 'outlook-windows',
  },
  {
    userAgent:
      'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; .NET CLR 2.0.50727; .NET CLR 3.0.30729; .NET CLR 3.5.30729; Microsoft Outlook 16.0.9126; Microsoft Outlook 16.0.9126; ms-office; MSOffice 16)',
    source: 'https://github.com/gophish/gophish/issues/1920',
    late: 'human',
    early: 'human',
    reason: 'outlook-windows',
  },
  {
    userAgent: 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)',
    source: 'https://github.com/browscap/browscap/issues/2795',
    late: 'human',
    early: 'human',
    reason: 'outlook-windows',
  },
  {
    userAgent:
      'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; Trident/7.0; SLCC2; .NET CLR 2.0.50727; .NET CLR 3.5.30729; .NET CLR 3.0.30729; Media Center PC 6.0; .NET4.0C; .NET4.0E; Microsoft Outlook 14.0.7149; ms-office; MSOffice 14)',
    source: 'https://github.com/browscap/browscap/issues/666',
    late: 'human',
    early: 'human',
    reason: 'outlook-windows',
  },
  {
    userAgent: 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.15225; Pro)',
    source: 'https://github.com/DannyBoyNg/UserAgentService/issues/4',
    late: 'human',
    early: 'human',
    reason: 'outlook-windows',
  },
  {
    userAgent:
      'Microsoft Office Outlook/16.0.12527.21378 (Windows/10.0; Desktop x64; en-GB; Desktop app; Hewlett-Packard/HP ProBook 650 G1)',
    source: 'https://github.com/browscap/browscap/issues/2468',
    late: 'human',
    early: 'human',
    reason: 'outlook-windows',
  },
  {
    userAgent: 'MacOutlook/16.12.0.180401 (Intelx64 Mac OS X Version 10.12.6 (build 16G29))',
    source: 'https://github.com/ua-parser/uap-core/pull/320',
    late: 'human',
    early: 'human',
    reason: 'outlook-mac',
  },
  {
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X) Outlook/0.0.0',
    source: 'https://github.com/browscap/browscap/issues/1634',
    late: 'human',
    early: 'human',
    reason: 'outlook-mac',
  },
  {
    userAgent: 'Outlook-iOS/711.2304115.prod.iphone (3.26.0)',
    source: 'https://github.com/3rd-Eden/useragent/issues/146',
    late: 'human',
    early: 'human',
    reason: 'outlook-mobile',
  },
  {
    userAgent: 'Outlook-iOS/719.3623017.prod.iphone (4.20.0)',
    source: 'https://github.com/fnando/browser/issues/439',
    late: 'human',
    early: 'human',
    reason: 'outlook-mobile',
  },
  // Apple Mail on macOS and iOS: the same user agent comes from Apple's privacy fetcher on arrival.
  {
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_6) AppleWebKit/605.1.15 (KHTML, like Gecko)',
    source: 'https://github.com/ua-parser/uap-core/issues/528',
    late: 'human',
    early: 'prefetch',
    reason: 'apple-mail',
  },
  {
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_6) AppleWebKit/603.3.8 (KHTML, like Gecko)',
    source: 'https://github.com/ua-parser/uap-core/issues/528',
    late: 'human',
    early: 'prefetch',
    reason: 'apple-mail',
  },
  {
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
    source: 'https://github.com/medama-io/go-useragent/issues/10',
    late: 'human',
    early: 'prefetch',
    reason: 'apple-mail',
  },
  {
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 10_1_1 like Mac OS X) AppleWebKit/602.2.14 (KHTML, like Gecko) Mobile/14B100',
    source: 'https://github.com/biggora/express-useragent/issues/78',
    late: 'human',
    early: 'prefetch',
    reason: 'apple-mail',
  },
  // Thunderbird.
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:24.0) Gecko/20100101 Thunderbird/24.4.0 Lightning/2.6.4',
    source: 'https://github.com/browscap/browscap/issues/204',
    late: 'human',
    early: 'human',
    reason: 'thunderbird',
  },
  {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:78.0) Gecko/20100101 Thunderbird/78.13.0',
    source: 'https://github.com/faisalman/ua-parser-js/issues/555',
    late: 'human',
    early: 'human',
    reason: 'thunderbird',
  },
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; WOW64; rv:52.0) Gecko/20100101 Thunderbird/52.9.1 Lightning/5.4.9.1',
    source: 'https://github.com/donatj/PhpUserAgent/issues/53',
    late: 'human',
    early: 'human',
    reason: 'thunderbird',
  },
  {
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.8; rv:45.0) Gecko/20100101 Thunderbird/45.0',
    source: 'https://github.com/ua-parser/uap-core/pull/158',
    late: 'human',
    early: 'human',
    reason: 'thunderbird',
  },
  // Mail apps on iOS and Android.
  {
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 13_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MailMaster/6.22.4.1582',
    source: 'https://github.com/fnando/browser/issues/473',
    late: 'human',
    early: 'human',
    reason: 'mail-app',
  },
  {
    userAgent:
      'Mozilla/5.0 (Linux; Android 10; LIO-AL00 Build/HUAWEILIO-AL00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 Mobile Safari/537.36 MailMaster_Android_Mobile/6.22.1',
    source: 'https://github.com/fnando/browser/issues/473',
    late: 'human',
    early: 'human',
    reason: 'mail-app',
  },
  {
    userAgent:
      'Mozilla/5.0 (Linux; Android 6.0.1; SM-G930R4 Build/MMB29M; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/57.0.2987.132 Mobile Safari/537.36 SamsungBrowser/CrossApp/0.1.88',
    source: 'https://github.com/browscap/browscap/issues/1408',
    late: 'human',
    early: 'human',
    reason: 'mail-app',
  },
  // Web browsers (Outlook on the web, webmail): scanners copy these, so an early hit is a scanner.
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/74.0.3729.48 Safari/537.36 Edg/74.1.96.24',
    source: 'https://github.com/matomo-org/matomo/issues/14327',
    late: 'human',
    early: 'scanner',
    reason: 'web-browser',
  },
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.9600',
    source: 'https://github.com/gshutler/useragent/issues/16',
    late: 'human',
    early: 'scanner',
    reason: 'web-browser',
  },
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.136 Safari/537.36',
    source: 'https://github.com/mssola/user_agent/issues/71 (seen making automated clicks from Microsoft)',
    late: 'human',
    early: 'scanner',
    reason: 'web-browser',
  },
  {
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.1 Safari/605.1.15',
    source: 'https://github.com/cisagov/XFD/issues/101 (a web scanner presenting Safari)',
    late: 'human',
    early: 'scanner',
    reason: 'web-browser',
  },
  {
    userAgent:
      'Mozilla/5.0 (Linux; Android 5.1.1; SAMSUNG SM-G920F Build/LMY47X) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/3.2 Chrome/38.0.2125.102 Mobile Safari/537.36',
    source: 'https://github.com/browscap/browscap/issues/726',
    late: 'human',
    early: 'scanner',
    reason: 'web-browser',
  },
  {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    source: 'https://github.com/Igalia/wolvic/pull/1751',
    late: 'human',
    early: 'scanner',
    reason: 'web-browser',
  },
  {
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 12_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.0 Mobile/15E148 Safari/604.1',
    source: 'https://github.com/atomantic/is-ua-webview/issues/2 (Gmail app on iPhone)',
    late: 'human',
    early: 'scanner',
    reason: 'web-browser',
  },
];

function classifyAt(userAgent: string, seconds: number): Verdict {
  return classifyOpen(makeHit({ userAgent, at: secondsAfterSend(seconds) }), makeContext());
}

describe('published user agents', () => {
  test.each(ROWS)('an hour after sending: $userAgent ($source)', (row) => {
    const verdict = classifyAt(row.userAgent, 3600);
    expect(verdict.kind).toBe(row.late);
    expect(verdict.reasons[0]).toBe(row.reason);
    expect(verdict.counted).toBe(true);
  });

  test.each(ROWS)('ten seconds after sending: $userAgent ($source)', (row) => {
    const verdict = classifyAt(row.userAgent, 10);
    expect(verdict.kind).toBe(row.early);
    expect(verdict.reasons).toContain(row.reason);
    expect(verdict.reasons).toContain('soon-after-send');
  });
});
