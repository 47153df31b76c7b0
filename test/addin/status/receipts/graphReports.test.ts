import { createGraphReportMailbox, GraphReadError } from '../../../../src/addin/status/receipts/graphReports';

interface Call {
  url: URL;
  authorization: string | null;
}

/** A fake Graph over `fetch`: answers each request from `respond` and records it. */
function fakeGraph(respond: (url: URL) => Response, addInId?: string) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    calls.push({ url, authorization: new Headers(init?.headers).get('authorization') });
    return Promise.resolve(respond(url));
  };
  const mailbox = createGraphReportMailbox({
    graphBaseUrl: 'https://graph.example.test/v1.0/',
    getToken: () => Promise.resolve('graph-token'),
    fetch,
    ...(addInId === undefined ? {} : { addInId }),
  });
  return { calls, mailbox };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

describe('Graph report mailbox', () => {
  it('filters report messages by class and time, expands the class and follows next links', async () => {
    const { calls, mailbox } = fakeGraph((url) =>
      url.searchParams.has('$skip')
        ? json({
            value: [{ id: 'r1', internetMessageId: '<a@x>', receivedDateTime: '2026-03-04T09:00:00Z' }],
          })
        : json({
            value: [
              {
                id: 'r2',
                receivedDateTime: '2026-03-04T10:00:00Z',
                singleValueExtendedProperties: [{ id: 'String 0x1a', value: 'REPORT.IPM.Note.IPNRN' }],
              },
              { receivedDateTime: 'an entry without an id is dropped' },
            ],
            '@odata.nextLink': 'https://graph.example.test/v1.0/me/messages?$skip=50',
          }),
    );

    const reports = await mailbox.listReportMessages(new Date('2026-03-01T00:00:00.000Z'));

    expect(reports.map((report) => report.id)).toEqual(['r1', 'r2']);
    expect(reports[1]?.singleValueExtendedProperties).toEqual([
      { id: 'String 0x1a', value: 'REPORT.IPM.Note.IPNRN' },
    ]);
    const first = calls[0]?.url;
    expect(first?.pathname).toBe('/v1.0/me/messages');
    expect(first?.searchParams.get('$filter')).toBe(
      "receivedDateTime ge 2026-03-01T00:00:00.000Z and singleValueExtendedProperties/any(ep: ep/id eq 'String 0x001A' and startswith(ep/value, 'REPORT.IPM.Note.'))",
    );
    expect(first?.searchParams.get('$expand')).toBe(
      "singleValueExtendedProperties($filter=id eq 'String 0x001A')",
    );
    expect(calls.map((call) => call.authorization)).toEqual(['Bearer graph-token', 'Bearer graph-token']);
  });

  it('reads the sent copy’s tracking id', async () => {
    const propertyId = 'String {00020329-0000-0000-C000-000000000046} Name cecp-addin-1';
    const { calls, mailbox } = fakeGraph(
      () =>
        json({
          value: [
            {
              internetMessageId: '<t@x>',
              isReadReceiptRequested: false,
              sentDateTime: '2026-03-02T09:00:00Z',
              singleValueExtendedProperties: [{ id: propertyId, value: '{"trackingId":"tid-7"}' }],
            },
          ],
        }),
      'addin-1',
    );

    await expect(mailbox.findSentCopy('<t@x>')).resolves.toEqual({
      internetMessageId: '<t@x>',
      isReadReceiptRequested: false,
      sentAt: '2026-03-02T09:00:00Z',
      trackingId: 'tid-7',
    });
    expect(calls[0]?.url.searchParams.get('$expand')).toBe(
      `singleValueExtendedProperties($filter=id eq '${propertyId}')`,
    );
  });

  it('fetches the MIME source', async () => {
    const { calls, mailbox } = fakeGraph(() => new Response('Message-ID: <m@x>\r\n\r\nbody'));

    await expect(mailbox.fetchMime('AAM/kg=')).resolves.toBe('Message-ID: <m@x>\r\n\r\nbody');
    expect(calls[0]?.url.pathname).toBe('/v1.0/me/messages/AAM%2Fkg%3D/$value');
  });

  it('reads the Sent Items copy’s read-receipt request', async () => {
    const { calls, mailbox } = fakeGraph((url) =>
      url.searchParams.get('$filter')?.includes('missing')
        ? json({ value: [] })
        : json({ value: [{ internetMessageId: "<o'k@x>", isReadReceiptRequested: true }] }),
    );

    await expect(mailbox.findSentCopy("<o'k@x>")).resolves.toEqual({
      internetMessageId: "<o'k@x>",
      isReadReceiptRequested: true,
      sentAt: null,
      trackingId: null,
    });
    await expect(mailbox.findSentCopy('<missing@x>')).resolves.toBeNull();
    expect(calls[0]?.url.pathname).toBe("/v1.0/me/mailFolders('sentitems')/messages");
    expect(calls[0]?.url.searchParams.get('$filter')).toBe("internetMessageId eq '<o''k@x>'");
  });

  it.each([
    [401, 'graph-sign-in-required'],
    [403, 'graph-failed'],
    [503, 'graph-failed'],
  ])('turns HTTP %i into %s', async (status, code) => {
    const { mailbox } = fakeGraph(() => json({ error: { code: 'x' } }, status));

    const failure: unknown = await mailbox.fetchMime('m1').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(GraphReadError);
    expect((failure as GraphReadError).code).toBe(code);
  });

  it('reports a network failure as graph-unreachable', async () => {
    const mailbox = createGraphReportMailbox({
      graphBaseUrl: 'https://graph.example.test/v1.0',
      getToken: () => Promise.resolve('t'),
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });

    await expect(mailbox.findSentCopy('<m@x>')).rejects.toMatchObject({ code: 'graph-unreachable' });
  });
});
