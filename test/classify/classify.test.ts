import { classifyOpen, ClassifyOptionsError, parseUserAgentRules } from '../../src/classify';
import { makeContext, makeEarlierHit, makeHit, secondsAfterSend, SENT_AT } from './fixtures';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.136 Safari/537.36';
const OUTLOOK = 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)';
const GMAIL_PROXY =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const MS = 0.001;

describe('scanner window', () => {
  test.each([
    [0, 'scanner'],
    [59.999, 'scanner'],
    [60, 'scanner'],
    [60 + MS, 'human'],
    [61, 'human'],
  ])('browser hit %s s after sending is %s', (seconds, kind) => {
    const verdict = classifyOpen(
      makeHit({ userAgent: CHROME, at: secondsAfterSend(seconds) }),
      makeContext(),
    );
    expect(verdict.kind).toBe(kind);
  });

  test('hit timed before sending counts as immediate', () => {
    const verdict = classifyOpen(makeHit({ userAgent: CHROME, at: secondsAfterSend(-5) }), makeContext());
    expect(verdict.kind).toBe('scanner');
    expect(verdict.reasons).toEqual(['soon-after-send', 'web-browser']);
  });

  test('named mail client stays human with lower confidence', () => {
    const early = classifyOpen(makeHit({ userAgent: OUTLOOK, at: secondsAfterSend(5) }), makeContext());
    const late = classifyOpen(makeHit({ userAgent: OUTLOOK, at: secondsAfterSend(3600) }), makeContext());
    expect(early.kind).toBe('human');
    expect(early.reasons).toEqual(['outlook-windows', 'soon-after-send']);
    expect(early.confidence).toBeLessThan(late.confidence);
  });

  test('Gmail proxy fetch on delivery is still a person', () => {
    const verdict = classifyOpen(makeHit({ userAgent: GMAIL_PROXY, at: secondsAfterSend(3) }), makeContext());
    expect(verdict.kind).toBe('human-via-proxy');
    expect(verdict.counted).toBe(true);
  });

  test('missing user agent soon after sending is a scanner', () => {
    const verdict = classifyOpen(makeHit({ userAgent: null, at: secondsAfterSend(2) }), makeContext());
    expect(verdict.kind).toBe('scanner');
    expect(verdict.reasons).toEqual(['soon-after-send', 'no-user-agent']);
  });

  test('missing user agent later is unknown', () => {
    const verdict = classifyOpen(makeHit({ userAgent: null }), makeContext());
    expect(verdict.kind).toBe('unknown');
    expect(verdict.reasons).toEqual(['no-user-agent']);
  });

  test('creation time is used while the send time is unknown', () => {
    const context = makeContext({ sentAt: null, createdAt: SENT_AT });
    const early = classifyOpen(makeHit({ userAgent: CHROME, at: secondsAfterSend(30) }), context);
    const late = classifyOpen(makeHit({ userAgent: CHROME, at: secondsAfterSend(90) }), context);
    expect(early.kind).toBe('scanner');
    expect(late.kind).toBe('human');
  });

  test('custom window moves the boundary', () => {
    const hit = makeHit({ userAgent: CHROME, at: secondsAfterSend(100) });
    expect(classifyOpen(hit, makeContext(), { scannerWindowSeconds: 100 }).kind).toBe('scanner');
    expect(classifyOpen(hit, makeContext(), { scannerWindowSeconds: 99 }).kind).toBe('human');
  });

  test('invalid times skip timing and say so', () => {
    const hit = makeHit({ userAgent: CHROME, at: new Date(Number.NaN) });
    const verdict = classifyOpen(hit, makeContext({ sentAt: null, createdAt: new Date('not a date') }));
    expect(verdict.kind).toBe('human');
    expect(verdict.reasons).toEqual(['web-browser', 'time-unknown']);
  });
});

describe('repeats', () => {
  const hitAt = 3600;

  test.each([
    [300, false],
    [299, false],
    [300 + MS, true],
    [0, false],
  ])('same client %s s earlier gives counted=%s', (secondsEarlier, counted) => {
    const earlier = makeEarlierHit({ at: secondsAfterSend(hitAt - secondsEarlier) });
    const verdict = classifyOpen(
      makeHit({ at: secondsAfterSend(hitAt) }),
      makeContext({ earlierHits: [earlier] }),
    );
    expect(verdict.counted).toBe(counted);
    if (!counted) expect(verdict.reasons[0]).toBe('repeat');
  });

  test.each([
    [10, false],
    [400, true],
  ])('time given as atMs %s s earlier gives counted=%s', (secondsEarlier, counted) => {
    const at = secondsAfterSend(hitAt - secondsEarlier);
    const earlier = makeEarlierHit({ at, atMs: at.getTime() });
    const verdict = classifyOpen(
      makeHit({ at: secondsAfterSend(hitAt) }),
      makeContext({ earlierHits: [earlier] }),
    );
    expect(verdict.counted).toBe(counted);
  });

  test('other network is not a repeat', () => {
    const earlier = makeEarlierHit({ clientNetwork: '198.51.100.0/24', at: secondsAfterSend(hitAt - 10) });
    const verdict = classifyOpen(
      makeHit({ at: secondsAfterSend(hitAt) }),
      makeContext({ earlierHits: [earlier] }),
    );
    expect(verdict.counted).toBe(true);
  });

  test('other user agent is not a repeat', () => {
    const earlier = makeEarlierHit({ userAgent: CHROME, at: secondsAfterSend(hitAt - 10) });
    const verdict = classifyOpen(
      makeHit({ at: secondsAfterSend(hitAt) }),
      makeContext({ earlierHits: [earlier] }),
    );
    expect(verdict.counted).toBe(true);
  });

  test('later hit is not treated as earlier', () => {
    const later = makeEarlierHit({ at: secondsAfterSend(hitAt + 10) });
    const verdict = classifyOpen(
      makeHit({ at: secondsAfterSend(hitAt) }),
      makeContext({ earlierHits: [later] }),
    );
    expect(verdict.counted).toBe(true);
  });

  test('user agent whitespace and case of network do not matter', () => {
    const earlier = makeEarlierHit({
      userAgent: `  ${OUTLOOK}  `,
      clientNetwork: '2001:DB8:1::/48',
      at: secondsAfterSend(hitAt - 30),
    });
    const hit = makeHit({
      userAgent: OUTLOOK,
      clientNetwork: '2001:db8:1::/48',
      at: secondsAfterSend(hitAt),
    });
    expect(classifyOpen(hit, makeContext({ earlierHits: [earlier] })).counted).toBe(false);
  });

  test('repeat keeps the kind of the hit it repeats', () => {
    const first = makeEarlierHit({ userAgent: CHROME, kind: 'scanner', at: secondsAfterSend(30) });
    const hit = makeHit({ userAgent: CHROME, at: secondsAfterSend(90) });
    const verdict = classifyOpen(hit, makeContext({ earlierHits: [first] }));
    expect(verdict.kind).toBe('scanner');
    expect(verdict.counted).toBe(false);
    expect(verdict.reasons).toEqual(['repeat', 'web-browser']);
  });

  test('repeat matches the most recent earlier hit', () => {
    const older = makeEarlierHit({ kind: 'scanner', at: secondsAfterSend(hitAt - 200) });
    const newer = makeEarlierHit({ kind: 'self', at: secondsAfterSend(hitAt - 100) });
    const hit = makeHit({ at: secondsAfterSend(hitAt) });
    expect(classifyOpen(hit, makeContext({ earlierHits: [older, newer] })).kind).toBe('self');
  });
});

describe('bursts', () => {
  const hitAt = 3600;
  const otherClient = (index: number, secondsEarlier: number) =>
    makeEarlierHit({
      userAgent: CHROME,
      clientNetwork: `198.51.100.${index}/32`,
      at: secondsAfterSend(hitAt - secondsEarlier),
    });

  test('two other clients within ten seconds make a burst', () => {
    const context = makeContext({ earlierHits: [otherClient(1, 2), otherClient(2, 10)] });
    const verdict = classifyOpen(makeHit({ userAgent: CHROME, at: secondsAfterSend(hitAt) }), context);
    expect(verdict.kind).toBe('scanner');
    expect(verdict.reasons).toEqual(['burst', 'web-browser']);
  });

  test('hit just outside the burst window does not count', () => {
    const context = makeContext({ earlierHits: [otherClient(1, 2), otherClient(2, 10 + MS)] });
    const verdict = classifyOpen(makeHit({ userAgent: CHROME, at: secondsAfterSend(hitAt) }), context);
    expect(verdict.kind).toBe('human');
  });

  test('one other client is not a burst', () => {
    const context = makeContext({ earlierHits: [otherClient(1, 1)] });
    expect(classifyOpen(makeHit({ userAgent: CHROME, at: secondsAfterSend(hitAt) }), context).kind).toBe(
      'human',
    );
  });

  test('hits of one other client count once', () => {
    const context = makeContext({ earlierHits: [otherClient(1, 1), otherClient(1, 2), otherClient(1, 3)] });
    expect(classifyOpen(makeHit({ userAgent: CHROME, at: secondsAfterSend(hitAt) }), context).kind).toBe(
      'human',
    );
  });

  test('own hits spelled differently are not other clients', () => {
    const ownHit = (secondsEarlier: number, userAgent: string) =>
      makeEarlierHit({
        userAgent,
        clientNetwork: '203.0.113.0/24',
        at: secondsAfterSend(hitAt - secondsEarlier),
      });
    const context = makeContext({ earlierHits: [ownHit(1, ` ${CHROME}`), ownHit(2, `${CHROME}\t`)] });
    const hit = makeHit({ userAgent: CHROME, clientNetwork: '203.0.113.0/24', at: secondsAfterSend(hitAt) });
    const verdict = classifyOpen(hit, context);
    expect(verdict.reasons).toEqual(['repeat', 'web-browser']);
  });

  test('repeat inside a burst keeps both reasons', () => {
    const own = makeEarlierHit({ userAgent: CHROME, kind: 'scanner', at: secondsAfterSend(hitAt - 3) });
    const context = makeContext({ earlierHits: [otherClient(1, 2), own, otherClient(2, 4)] });
    const verdict = classifyOpen(makeHit({ userAgent: CHROME, at: secondsAfterSend(hitAt) }), context);
    expect(verdict.kind).toBe('scanner');
    expect(verdict.counted).toBe(false);
    expect(verdict.reasons).toEqual(['repeat', 'burst', 'web-browser']);
  });

  test('burst soon after sending raises scanner confidence', () => {
    const earlyHits = [otherClient(1, 1), otherClient(2, 2)].map((hit) => ({
      ...hit,
      at: new Date(hit.at.getTime() - (hitAt - 20) * 1000),
    }));
    const hit = makeHit({ userAgent: CHROME, at: secondsAfterSend(20) });
    const verdict = classifyOpen(hit, makeContext({ earlierHits: earlyHits }));
    expect(verdict.kind).toBe('scanner');
    expect(verdict.reasons).toEqual(['soon-after-send', 'burst', 'web-browser']);
    expect(verdict.confidence).toBe(0.75);
  });
});

describe('HEAD and other methods', () => {
  test('HEAD is never an open', () => {
    const verdict = classifyOpen(makeHit({ method: 'HEAD' }), makeContext());
    expect(verdict).toEqual({
      kind: 'scanner',
      confidence: 0.8,
      reasons: ['head-request', 'outlook-windows'],
      counted: false,
      ruleId: 'outlook-windows',
    });
  });

  test('lowercase head is a HEAD', () => {
    expect(classifyOpen(makeHit({ method: ' head ' }), makeContext()).counted).toBe(false);
  });

  test('HEAD right after a sender view is still not counted', () => {
    const hit = makeHit({ method: 'HEAD' });
    const verdict = classifyOpen(hit, makeContext({ senderViews: [hit.at] }));
    expect(verdict.counted).toBe(false);
    expect(verdict.kind).toBe('scanner');
  });

  test('POST is not an open', () => {
    const verdict = classifyOpen(makeHit({ method: 'POST' }), makeContext());
    expect(verdict.kind).toBe('unknown');
    expect(verdict.counted).toBe(false);
    expect(verdict.reasons[0]).toBe('method-not-get');
  });

  test('lowercase get is a GET', () => {
    expect(classifyOpen(makeHit({ method: 'get' }), makeContext()).counted).toBe(true);
  });
});

describe('self views', () => {
  const hitAt = 3600;
  const viewAt = (secondsFromHit: number) => secondsAfterSend(hitAt + secondsFromHit);

  test.each([
    [-120, 'self'],
    [-120 - MS, 'human'],
    [0, 'self'],
    [30, 'self'],
    [30 + MS, 'human'],
  ])('sender view at %s s from the hit gives %s', (offset, kind) => {
    const verdict = classifyOpen(
      makeHit({ at: secondsAfterSend(hitAt) }),
      makeContext({ senderViews: [viewAt(offset)] }),
    );
    expect(verdict.kind).toBe(kind);
  });

  test('sender view verdict is confident and keeps the evidence', () => {
    const verdict = classifyOpen(
      makeHit({ at: secondsAfterSend(hitAt) }),
      makeContext({ senderViews: [viewAt(-5)] }),
    );
    expect(verdict).toEqual({
      kind: 'self',
      confidence: 0.95,
      reasons: ['sender-view', 'outlook-windows'],
      counted: true,
      ruleId: 'outlook-windows',
    });
  });

  test('sender view right after sending wins over the scanner window', () => {
    const hit = makeHit({ userAgent: CHROME, at: secondsAfterSend(8) });
    const verdict = classifyOpen(hit, makeContext({ senderViews: [secondsAfterSend(5)] }));
    expect(verdict.kind).toBe('self');
  });

  test.each([GMAIL_PROXY, 'Mozilla/5.0', 'curl/7.58.0'])('sender view does not claim %s', (userAgent) => {
    const hit = makeHit({ userAgent, at: secondsAfterSend(hitAt) });
    const verdict = classifyOpen(hit, makeContext({ senderViews: [viewAt(-1)] }));
    expect(verdict.kind).not.toBe('self');
  });

  test('sender network within eight hours is self with lower confidence', () => {
    const context = makeContext({
      senderNetworks: [{ network: '203.0.113.0/24', lastSeenAt: secondsAfterSend(hitAt - 8 * 3600) }],
    });
    const verdict = classifyOpen(makeHit({ at: secondsAfterSend(hitAt) }), context);
    expect(verdict.kind).toBe('self');
    expect(verdict.confidence).toBe(0.6);
    expect(verdict.reasons).toEqual(['sender-network', 'outlook-windows']);
  });

  test('sender network seen just over eight hours before is not self', () => {
    const context = makeContext({
      senderNetworks: [{ network: '203.0.113.0/24', lastSeenAt: secondsAfterSend(hitAt - 8 * 3600 - MS) }],
    });
    expect(classifyOpen(makeHit({ at: secondsAfterSend(hitAt) }), context).kind).toBe('human');
  });

  test('sender network seen after the hit is self', () => {
    const context = makeContext({
      senderNetworks: [{ network: '2001:DB8:1::/48', lastSeenAt: secondsAfterSend(hitAt + 600) }],
    });
    const hit = makeHit({ clientNetwork: '2001:db8:1::/48', at: secondsAfterSend(hitAt) });
    expect(classifyOpen(hit, context).kind).toBe('self');
  });

  test('other network is not self', () => {
    const context = makeContext({
      senderNetworks: [{ network: '198.51.100.0/24', lastSeenAt: secondsAfterSend(hitAt) }],
    });
    expect(classifyOpen(makeHit({ at: secondsAfterSend(hitAt) }), context).kind).toBe('human');
  });

  test('hit without a network is not matched to the sender network', () => {
    const context = makeContext({ senderNetworks: [{ network: '', lastSeenAt: secondsAfterSend(hitAt) }] });
    expect(classifyOpen(makeHit({ clientNetwork: null }), context).kind).toBe('human');
  });

  test('sender view outranks a repeat of a recipient open from the same client', () => {
    const recipientOpen = makeEarlierHit({ kind: 'human', at: secondsAfterSend(hitAt - 40) });
    const context = makeContext({ earlierHits: [recipientOpen], senderViews: [viewAt(1)] });

    const verdict = classifyOpen(makeHit({ at: secondsAfterSend(hitAt) }), context);

    expect(verdict).toMatchObject({
      kind: 'self',
      counted: true,
      reasons: ['sender-view', 'outlook-windows'],
    });
  });

  test('repeat of an own view during a sender view is not counted again', () => {
    const ownView = makeEarlierHit({ kind: 'self', at: secondsAfterSend(hitAt - 40) });
    const context = makeContext({ earlierHits: [ownView], senderViews: [viewAt(1)] });

    const verdict = classifyOpen(makeHit({ at: secondsAfterSend(hitAt) }), context);

    expect(verdict).toMatchObject({ kind: 'self', counted: false });
    expect(verdict.reasons[0]).toBe('repeat');
  });

  test('sender view outranks sender network', () => {
    const context = makeContext({
      senderViews: [viewAt(-1)],
      senderNetworks: [{ network: '203.0.113.0/24', lastSeenAt: secondsAfterSend(hitAt) }],
    });
    expect(classifyOpen(makeHit({ at: secondsAfterSend(hitAt) }), context).reasons[0]).toBe('sender-view');
  });
});

describe('options', () => {
  test.each([
    ['scannerWindowSeconds', -1],
    ['repeatWindowSeconds', Number.NaN],
    ['senderNetworkWindowHours', Number.POSITIVE_INFINITY],
  ])('%s of %s is rejected', (option, value) => {
    expect(() => classifyOpen(makeHit(), makeContext(), { [option]: value })).toThrow(ClassifyOptionsError);
    expect(() => classifyOpen(makeHit(), makeContext(), { [option]: value })).toThrow(
      `Invalid classifier option ${option}`,
    );
  });

  test('custom rules replace the shipped ones', () => {
    const parsed = parseUserAgentRules(
      {
        version: 1,
        rules: [
          {
            id: 'test-gateway',
            pattern: 'ExampleGateway/',
            kind: 'scanner',
            confidence: 0.7,
            reason: 'security-gateway',
            source: 'test',
          },
        ],
      },
      'test',
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    const verdict = classifyOpen(makeHit({ userAgent: 'ExampleGateway/2.0' }), makeContext(), {
      userAgentRules: parsed.rules,
    });
    expect(verdict.kind).toBe('scanner');
    expect(verdict.ruleId).toBe('test-gateway');
  });
});
