import fc from 'fast-check';
import { classifyOpen } from '../../src/classify';
import { OPEN_KINDS } from '../../src/shared/api';
import { makeContext, makeEarlierHit, makeHit, secondsAfterSend } from './fixtures';

const APPLE_MAIL = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';

function kindOf(userAgent: string | null, seconds = 3600): string {
  return classifyOpen(makeHit({ userAgent, at: secondsAfterSend(seconds) }), makeContext()).kind;
}

describe('user agents as they arrive in real traffic', () => {
  test.each([
    ['upper case', 'MOZILLA/5.0', 'prefetch'],
    ['lower case', 'mozilla/5.0', 'prefetch'],
    ['trailing space', 'Mozilla/5.0 ', 'prefetch'],
    ['tab and newline', '\tMozilla/5.0\r\n', 'prefetch'],
    ['quoted as in a log export', '"Mozilla/5.0"', 'prefetch'],
    ['lower-case proxy token', 'mozilla/5.0 (via ggpht.com googleimageproxy)', 'human-via-proxy'],
    [
      'URL-decoded Yahoo proxy',
      'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html',
      'human-via-proxy',
    ],
    ['Outlook with doubled spaces', 'Mozilla/4.0  (compatible;  ms-office;  MSOffice 16)', 'human'],
    [
      'Thunderbird with an extension token',
      'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.5.0 Lightning/115.5.0',
      'human',
    ],
    ['bare curl', 'curl', 'unknown'],
    ['empty string', '', 'unknown'],
    ['only spaces', '    ', 'unknown'],
    ['null', null, 'unknown'],
    ['dash written by web server logs', '-', 'unknown'],
    [
      'old Internet Explorer without engine token',
      'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1)',
      'human',
    ],
    ['bot with a suffix before its version', 'Googlebot-Image/1.0', 'scanner'],
    [
      'phone model ending in bot',
      'Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/88.0.4324.93 Mobile Safari/537.36',
      'human',
    ],
    ['unrelated word', 'hello', 'unknown'],
    [
      'truncated Chrome',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chr',
      'human',
    ],
    ['truncated Apple Mail', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15', 'human'],
    [
      'truncated proxy token',
      'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com',
      'human-via-proxy',
    ],
  ])('%s', (_case, userAgent, kind) => {
    expect(kindOf(userAgent)).toBe(kind);
  });

  test('Apple Mail with a newer WebKit build is still Apple Mail', () => {
    const userAgent =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/618.1.15.10.15 (KHTML, like Gecko)';
    expect(classifyOpen(makeHit({ userAgent }), makeContext()).ruleId).toBe('apple-mail');
  });

  test('Apple Mail plus app token is mail app', () => {
    expect(kindOf(`${APPLE_MAIL} Mobile/15E148 SomeMail/1.0`, 10)).toBe('human');
  });

  test('very long user agent is cut, not fatal', () => {
    const userAgent = `Mozilla/4.0 (compatible; ms-office; MSOffice 16)${' x'.repeat(50_000)}`;
    const verdict = classifyOpen(makeHit({ userAgent }), makeContext());
    expect(verdict.kind).toBe('human');
    expect(verdict.ruleId).toBe('outlook-windows');
  });

  test('token past the length limit is not matched', () => {
    const userAgent = `${'a'.repeat(2000)} curl/8.4.0`;
    expect(classifyOpen(makeHit({ userAgent }), makeContext()).ruleId).toBeNull();
    expect(classifyOpen(makeHit({ userAgent }), makeContext(), { maxUserAgentLength: 4000 }).ruleId).toBe(
      'http-library',
    );
  });

  test('pathological input finishes without catastrophic backtracking', () => {
    // Many unmatched parentheses and WebKit fragments exercise every pattern's worst path.
    const userAgent = `Mozilla/5.0 (${'(iPhone; AppleWebKit/1 '.repeat(60)}`;
    expect(OPEN_KINDS).toContain(classifyOpen(makeHit({ userAgent }), makeContext()).kind);
  });
});

describe('classifier invariants', () => {
  test('any input gives a valid verdict', () => {
    const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z') });
    fc.assert(
      fc.property(
        fc.option(fc.string({ maxLength: 300 }), { nil: null }),
        fc.constantFrom('GET', 'HEAD', 'get', 'POST', '', 'OPTIONS'),
        fc.option(fc.constantFrom('203.0.113.0/24', '2001:db8::/48', ''), { nil: null }),
        date,
        fc.option(date, { nil: null }),
        fc.array(date, { maxLength: 3 }),
        (userAgent, method, clientNetwork, at, sentAt, viewTimes) => {
          const verdict = classifyOpen(
            { method, userAgent, clientNetwork, at },
            makeContext({
              sentAt,
              senderViews: viewTimes,
              earlierHits: viewTimes.map((time) => makeEarlierHit({ at: time, userAgent })),
            }),
          );
          expect(OPEN_KINDS).toContain(verdict.kind);
          expect(verdict.confidence).toBeGreaterThanOrEqual(0);
          expect(verdict.confidence).toBeLessThanOrEqual(1);
          expect(verdict.reasons.length).toBeGreaterThan(0);
          if (method.toUpperCase() !== 'GET') expect(verdict.counted).toBe(false);
        },
      ),
      { numRuns: 300, seed: 20260302 },
    );
  });

  test('hit without a valid time repeats nothing', () => {
    const hit = makeHit({ at: new Date(Number.NaN) });
    const context = makeContext({ earlierHits: [makeEarlierHit({ at: secondsAfterSend(10) })] });

    const verdict = classifyOpen(hit, context);

    expect(verdict.counted).toBe(true);
    expect(verdict.reasons).toContain('time-unknown');
  });

  test('same input gives the same verdict', () => {
    const hit = makeHit({ at: secondsAfterSend(30) });
    const context = makeContext({ earlierHits: [makeEarlierHit({ at: secondsAfterSend(10) })] });
    expect(classifyOpen(hit, context)).toEqual(classifyOpen(hit, context));
  });
});
