import { startSimulator, type RunningSimulator } from '../../../src/simulator/simulator';
import { draftFactory } from '../support/draft';

const REPORT_FILTER =
  "singleValueExtendedProperties/Any(ep: ep/id eq 'String 0x001A' and startswith(ep/value, 'REPORT.IPM.Note'))";

describe('simulated Graph', () => {
  let simulator: RunningSimulator;
  let token: string;

  beforeEach(async () => {
    // Each reading of the clock moves it one second, so messages never share a timestamp.
    let clock = Date.parse('2026-12-01T09:00:00Z');
    simulator = await startSimulator({ now: () => (clock += 1000) });
    token = (
      await simulator.identity.issueFor('alex@contoso.test', 'https://graph.microsoft.com/Mail.ReadWrite')
    ).accessToken;
  });

  afterEach(async () => {
    await simulator.close();
  });

  async function graph(path: string, init: RequestInit = {}, bearer = token): Promise<Response> {
    return fetch(`${simulator.url}/v1.0/${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', ...init.headers },
    });
  }

  async function sendTracked(subject: string): Promise<void> {
    const draft = simulator.mail.saveDraft('alex@contoso.test', null, draftFactory({ subject }));
    simulator.mail.store.update('alex@contoso.test', draft.id, { isReadReceiptRequested: true });
    await simulator.mail.send(
      'alex@contoso.test',
      draft.id,
      draftFactory({ subject, customProperties: { 'addin-guid': { trackingId: subject } } }),
    );
  }

  test('sent items list honours $select, $orderby and $top with a nextLink', async () => {
    await sendTracked('first');
    await sendTracked('second');
    await sendTracked('third');

    const response = await graph(
      "me/mailFolders('sentitems')/messages?$select=subject,internetMessageId,sentDateTime&$orderby=sentDateTime desc&$top=2",
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { value: Record<string, unknown>[]; '@odata.nextLink': string };
    expect(body.value.map((message) => message.subject)).toEqual(['third', 'second']);
    expect(Object.keys(body.value[0] ?? {}).sort()).toEqual(
      ['@odata.etag', 'id', 'internetMessageId', 'sentDateTime', 'subject'].sort(),
    );
    expect(body['@odata.nextLink']).toContain('%24skip=2');

    const next = await fetch(body['@odata.nextLink'], { headers: { Authorization: `Bearer ${token}` } });
    const nextBody = (await next.json()) as { value: Record<string, unknown>[]; '@odata.nextLink'?: string };
    expect(nextBody.value.map((message) => message.subject)).toEqual(['first']);
    expect(nextBody['@odata.nextLink']).toBeUndefined();
  });

  test('inbox report filter finds read receipts with their message class', async () => {
    await sendTracked('needs receipt');
    const [received] = simulator.mail.store.list('blair@fabrikam.test', 'inbox');
    await simulator.mail.sendReadReceipt('blair@fabrikam.test', received?.id ?? '', 'displayed');
    await simulator.mail.send(
      'blair@fabrikam.test',
      null,
      draftFactory({ to: ['alex@contoso.test'], subject: 'Plain reply' }),
    );

    const query = new URLSearchParams({
      $filter: REPORT_FILTER,
      $expand: "singleValueExtendedProperties($filter=id eq 'String 0x001A' or id eq 'String 0x1046')",
      $select: 'subject,internetMessageId',
    });
    const response = await graph(`me/mailFolders('inbox')/messages?${query.toString()}`);
    const body = (await response.json()) as {
      value: { subject: string; singleValueExtendedProperties: unknown }[];
    };

    expect(body.value).toHaveLength(1);
    expect(body.value[0]?.subject).toBe('Read: needs receipt');
    expect(body.value[0]?.singleValueExtendedProperties).toEqual([
      { id: 'String 0x1a', value: 'REPORT.IPM.Note.IPNRN' },
      {
        id: 'String 0x1046',
        value: simulator.mail.store.list('alex@contoso.test', 'sentitems')[0]?.internetMessageId,
      },
    ]);
  });

  test('orderby outside the filter is InefficientFilter', async () => {
    const query = new URLSearchParams({ $filter: REPORT_FILTER, $orderby: 'receivedDateTime desc' });
    const response = await graph(`me/mailFolders('inbox')/messages?${query.toString()}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('InefficientFilter');
  });

  test('custom properties are readable as an extended property', async () => {
    await sendTracked('with id');
    const [sent] = simulator.mail.store.list('alex@contoso.test', 'sentitems');
    const expand =
      "singleValueExtendedProperties($filter=id eq 'String {00020329-0000-0000-C000-000000000046} Name cecp-addin-guid')";
    const response = await graph(
      `me/messages/${sent?.id}?$select=isReadReceiptRequested&$expand=${encodeURIComponent(expand)}`,
    );
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.isReadReceiptRequested).toBe(true);
    expect(body.singleValueExtendedProperties).toEqual([
      {
        id: 'String {00020329-0000-0000-c000-000000000046} Name cecp-addin-guid',
        value: '{"trackingId":"with id"}',
      },
    ]);
  });

  test('PATCH sets isReadReceiptRequested on a draft', async () => {
    const draft = simulator.mail.saveDraft('alex@contoso.test', null, draftFactory());
    const response = await graph(`me/messages/${draft.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ isReadReceiptRequested: true }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Record<string, unknown>).isReadReceiptRequested).toBe(true);
    expect(simulator.mail.store.get('alex@contoso.test', draft.id)?.isReadReceiptRequested).toBe(true);
  });

  test('PATCH with an unknown property is RequestBodyRead', async () => {
    const draft = simulator.mail.saveDraft('alex@contoso.test', null, draftFactory());
    const response = await graph(`me/messages/${draft.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ color: 'red' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('RequestBodyRead');
  });

  test('$value returns the MIME', async () => {
    await sendTracked('mime');
    const [sent] = simulator.mail.store.list('alex@contoso.test', 'sentitems');
    const response = await graph(`me/messages/${sent?.id}/$value`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`Message-ID: ${sent?.internetMessageId}`);
  });

  test('another mailbox message is ErrorItemNotFound', async () => {
    await sendTracked('private');
    const [received] = simulator.mail.store.list('blair@fabrikam.test', 'inbox');
    const response = await graph(`me/messages/${received?.id}`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ErrorItemNotFound');
  });

  test('API token and missing token are rejected', async () => {
    const apiToken = await simulator.identity.issueFor(
      'alex@contoso.test',
      `api://${simulator.identity.options.apiClientId}/access_as_user`,
    );
    const wrongAudience = await graph('me/messages', {}, apiToken.accessToken);
    expect(wrongAudience.status).toBe(401);
    const body = (await wrongAudience.json()) as {
      error: { code: string; message: string; innerError: object };
    };
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(body.error.innerError).toHaveProperty('request-id');

    const missing = await fetch(`${simulator.url}/v1.0/me/messages`);
    expect(missing.status).toBe(401);
  });

  test('read-only token cannot PATCH', async () => {
    const draft = simulator.mail.saveDraft('alex@contoso.test', null, draftFactory());
    const readOnly = await simulator.identity.issueFor('alex@contoso.test', 'Mail.Read');
    const response = await graph(
      `me/messages/${draft.id}`,
      { method: 'PATCH', body: JSON.stringify({ isReadReceiptRequested: true }) },
      readOnly.accessToken,
    );
    expect(response.status).toBe(403);
  });

  test('unsupported filter is BadRequest', async () => {
    const response = await graph(`me/messages?$filter=${encodeURIComponent("contains(subject,'x')")}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
  });
});
