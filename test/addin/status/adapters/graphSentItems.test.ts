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

  it('maps Graph failures to pane errors', async () => {
    fetchMock.mockResolvedValueOnce(new Response('', { status: 401 }));
    await expect(graph.listSentItems(5)).rejects.toMatchObject({ code: 'sign-in-required' });
    fetchMock.mockResolvedValueOnce(new Response('', { status: 429 }));
    await expect(graph.listSentItems(5)).rejects.toMatchObject({ code: 'server-error' });
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(graph.listSentItems(5)).rejects.toMatchObject({ code: 'server-unreachable' });
  });
});
