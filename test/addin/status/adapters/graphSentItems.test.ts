import { createGraphSentItems } from '../../../../src/addin/status/adapters/graphSentItems';

const ADD_IN_ID = '6f1c3a53-0000-4000-8000-000000000001';

describe('createGraphSentItems', () => {
  let fetchMock: jest.SpyInstance<Promise<Response>, Parameters<typeof fetch>>;
  const graph = createGraphSentItems('http://127.0.0.1:4000/v1.0', ADD_IN_ID, () =>
    Promise.resolve('graph-token'),
  );

  beforeEach(() => {
    fetchMock = jest.spyOn(globalThis, 'fetch');
  });
  afterEach(() => fetchMock.mockRestore());

  it('selects the fields it needs and expands the custom properties', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ value: [] }), { status: 200 }));
    await graph.listSentItems(25);
    const url = new URL(fetchMock.mock.calls[0]?.[0] as string);
    expect(url.pathname).toBe("/v1.0/me/mailFolders('sentitems')/messages");
    expect(url.searchParams.get('$top')).toBe('25');
    expect(url.searchParams.get('$select')).toBe(
      'internetMessageId,sentDateTime,subject,toRecipients,ccRecipients,bccRecipients',
    );
    expect(url.searchParams.get('$expand')).toBe(
      `singleValueExtendedProperties($filter=id eq 'String {00020329-0000-0000-C000-000000000046} Name cecp-${ADD_IN_ID}')`,
    );
  });

  it('reads the tracking id and counts recipients', async () => {
    const value = [
      {
        internetMessageId: '<a@example.test>',
        sentDateTime: '2026-03-10T10:00:00Z',
        subject: 'Hello',
        toRecipients: [{}, {}],
        ccRecipients: [{}],
        singleValueExtendedProperties: [{ id: 'x', value: '{"trackingId":"track-1"}' }],
      },
      { internetMessageId: '<b@example.test>', sentDateTime: '2026-03-10T09:00:00Z', subject: null },
      {
        internetMessageId: '<c@example.test>',
        sentDateTime: '2026-03-10T08:00:00Z',
        singleValueExtendedProperties: [{ id: 'x', value: 'not json' }],
      },
      { sentDateTime: '2026-03-10T07:00:00Z' },
    ];
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ value }), { status: 200 }));

    const items = await graph.listSentItems(50);

    expect(items).toEqual([
      {
        internetMessageId: '<a@example.test>',
        sentAt: '2026-03-10T10:00:00Z',
        subject: 'Hello',
        recipientCount: 3,
        trackingId: 'track-1',
      },
      {
        internetMessageId: '<b@example.test>',
        sentAt: '2026-03-10T09:00:00Z',
        subject: null,
        recipientCount: 0,
        trackingId: null,
      },
      {
        internetMessageId: '<c@example.test>',
        sentAt: '2026-03-10T08:00:00Z',
        subject: null,
        recipientCount: 0,
        trackingId: null,
      },
    ]);
  });

  describe('reading further back', () => {
    const BASE = 'http://127.0.0.1:4000/v1.0';

    /** Returns a Graph page of messages sent at `times`, with a next link when `next` is given. */
    function pageOf(times: string[], next?: string): Response {
      const value = times.map((time) => ({
        internetMessageId: `<${time}@example.test>`,
        sentDateTime: time,
      }));
      const body = next === undefined ? { value } : { value, '@odata.nextLink': next };
      return new Response(JSON.stringify(body), { status: 200 });
    }

    it('follows next links until a page ends before the given time', async () => {
      fetchMock
        .mockResolvedValueOnce(pageOf(['2026-03-10T10:00:00Z', '2026-03-09T10:00:00Z'], `${BASE}/next-1`))
        .mockResolvedValueOnce(pageOf(['2026-03-08T10:00:00Z', '2026-03-07T10:00:00Z'], `${BASE}/next-2`))
        .mockResolvedValueOnce(pageOf(['2026-03-06T10:00:00Z'], `${BASE}/next-3`));

      const items = await graph.listSentItems(2, { sentSince: '2026-03-07T12:00:00Z', maxItems: 100 });

      expect(fetchMock.mock.calls.map((call) => call[0])).toEqual([
        expect.stringContaining('/messages?'),
        `${BASE}/next-1`,
      ]);
      expect(items.map((item) => item.sentAt)).toEqual([
        '2026-03-10T10:00:00Z',
        '2026-03-09T10:00:00Z',
        '2026-03-08T10:00:00Z',
        '2026-03-07T10:00:00Z',
      ]);
    });

    it('stops after the most items it may read', async () => {
      fetchMock
        .mockResolvedValueOnce(pageOf(['2026-03-10T10:00:00Z', '2026-03-09T10:00:00Z'], `${BASE}/next-1`))
        .mockResolvedValueOnce(pageOf(['2026-03-08T10:00:00Z'], `${BASE}/next-2`));

      const items = await graph.listSentItems(2, { sentSince: '2026-01-01T00:00:00Z', maxItems: 2 });

      expect(fetchMock).toHaveBeenCalledTimes(1);
      expect(items).toHaveLength(2);
    });

    it('does not follow a next link to another origin', async () => {
      fetchMock.mockResolvedValueOnce(pageOf(['2026-03-10T10:00:00Z'], 'http://127.0.0.2:4000/v1.0/next'));

      const items = await graph.listSentItems(1, { sentSince: '2026-01-01T00:00:00Z', maxItems: 100 });

      expect(fetchMock).toHaveBeenCalledTimes(1);
      expect(items).toHaveLength(1);
    });

    it('reads one page without a reach-back', async () => {
      fetchMock.mockResolvedValueOnce(pageOf(['2026-03-10T10:00:00Z'], `${BASE}/next-1`));

      await graph.listSentItems(1);

      expect(fetchMock).toHaveBeenCalledTimes(1);
    });
  });

  it('maps Graph failures to pane errors', async () => {
    fetchMock.mockResolvedValueOnce(new Response('', { status: 401 }));
    await expect(graph.listSentItems(5)).rejects.toMatchObject({ code: 'sign-in-required' });
    fetchMock.mockResolvedValueOnce(new Response('', { status: 429 }));
    await expect(graph.listSentItems(5)).rejects.toMatchObject({ code: 'server-error' });
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(graph.listSentItems(5)).rejects.toMatchObject({ code: 'server-unreachable' });
  });
});
