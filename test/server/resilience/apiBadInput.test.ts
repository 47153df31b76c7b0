import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { BODY_LIMIT_BYTES } from '../../../src/server/http/app';
import { apiErrorBody, useScenarioPerTest, type Scenario } from './scenario';

const LIST_URL = '/api/v1/tracked-messages';

interface ApiCase {
  name: string;
  request(scenario: Scenario): Promise<InjectOptions> | InjectOptions;
  status: number;
  body: unknown;
  /** Headers the response must carry besides the status and body. */
  headers?: Record<string, string>;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const itemUrl = (id: string) => `${LIST_URL}/${id}`;
const invalidToken = (reason: string) => apiErrorBody('AUTH_TOKEN_INVALID', { reason });
const missingToken = apiErrorBody('AUTH_TOKEN_MISSING');
const notFound = apiErrorBody('TRACKED_MESSAGE_NOT_FOUND');
const malformedBody = apiErrorBody('REQUEST_BODY_MALFORMED');
const invalid = (part: string, detail: string) => apiErrorBody('REQUEST_INVALID', { part, detail });
const nowSeconds = () => Math.floor(Date.now() / 1000);

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

const tokenCases: ApiCase[] = [
  {
    name: 'no Authorization header',
    request: () => ({ method: 'GET', url: LIST_URL }),
    status: 401,
    body: missingToken,
    headers: { 'www-authenticate': 'Bearer realm="readmark"' },
  },
  {
    name: 'Basic credentials',
    request: () => ({ method: 'GET', url: LIST_URL, headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
    status: 401,
    body: missingToken,
  },
  {
    name: 'token in the query string',
    request: (s) => ({ method: 'GET', url: `${LIST_URL}?access_token=${s.tokens.alice}` }),
    status: 401,
    body: missingToken,
  },
  {
    name: 'token with a space inside',
    request: (s) => ({
      method: 'GET',
      url: LIST_URL,
      headers: { authorization: `Bearer ${s.tokens.alice} x` },
    }),
    status: 401,
    body: missingToken,
  },
  {
    name: 'garbage token',
    request: () => ({ method: 'GET', url: LIST_URL, headers: bearer('not.a.jwt') }),
    status: 401,
    body: invalidToken('it is not a well-formed JWT'),
  },
  {
    name: 'token cut short',
    request: (s) => ({ method: 'GET', url: LIST_URL, headers: bearer(s.tokens.alice.slice(0, -10)) }),
    status: 401,
    body: invalidToken('its signature does not verify'),
  },
  {
    name: 'expired token',
    request: async (s) => ({
      method: 'DELETE',
      url: itemUrl(s.activeId),
      headers: bearer(await s.issuer.issueToken({ issuedAt: nowSeconds() - 7200 })),
    }),
    status: 401,
    body: invalidToken('it has expired'),
  },
  {
    name: 'unsigned token',
    request: (s) => ({ method: 'GET', url: LIST_URL, headers: bearer(s.issuer.issueUnsecured()) }),
    status: 401,
    body: invalidToken('it is not signed with RS256'),
  },
  {
    name: 'token for Microsoft Graph',
    request: async (s) => ({
      method: 'GET',
      url: LIST_URL,
      headers: bearer(await s.issuer.issueToken({ claims: { aud: '00000003-0000-0000-c000-000000000000' } })),
    }),
    status: 401,
    body: invalidToken('it was issued for another audience'),
  },
  {
    name: 'token signed by an unknown key',
    request: async (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: bearer(await s.issuer.issueToken({ unpublishedKey: true })),
      payload: { clientRequestId: 'forged' },
    }),
    status: 401,
    body: invalidToken('its signature does not verify'),
  },
  {
    name: 'token without access_as_user',
    request: async (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: bearer(await s.issuer.issueToken({ claims: { scp: 'User.Read' } })),
      payload: { clientRequestId: 'no-scope' },
    }),
    status: 403,
    body: apiErrorBody('AUTH_SCOPE_MISSING', { scope: 'access_as_user' }),
  },
];

const accessCases: ApiCase[] = [
  {
    name: 'same-tenant user reads the message',
    request: (s) => ({ method: 'GET', url: itemUrl(s.activeId), headers: bearer(s.tokens.bob) }),
    status: 404,
    body: notFound,
  },
  {
    name: 'same-tenant user reads its opens',
    request: (s) => ({ method: 'GET', url: `${itemUrl(s.activeId)}/opens`, headers: bearer(s.tokens.bob) }),
    status: 404,
    body: notFound,
  },
  {
    name: 'same-tenant user stops the message',
    request: (s) => ({
      method: 'PATCH',
      url: itemUrl(s.activeId),
      headers: bearer(s.tokens.bob),
      payload: { stopped: true },
    }),
    status: 404,
    body: notFound,
  },
  {
    name: 'same-tenant user deletes the message',
    request: (s) => ({ method: 'DELETE', url: itemUrl(s.activeId), headers: bearer(s.tokens.bob) }),
    status: 404,
    body: notFound,
  },
  {
    name: 'same oid in another tenant reads the message',
    request: (s) => ({ method: 'GET', url: itemUrl(s.activeId), headers: bearer(s.tokens.carol) }),
    status: 404,
    body: notFound,
  },
  {
    name: 'same oid in another tenant lists',
    request: (s) => ({ method: 'GET', url: LIST_URL, headers: bearer(s.tokens.carol) }),
    status: 200,
    body: { items: [], nextCursor: null },
  },
  {
    name: 'same oid in another tenant deletes the message',
    request: (s) => ({ method: 'DELETE', url: itemUrl(s.activeId), headers: bearer(s.tokens.carol) }),
    status: 404,
    body: notFound,
  },
];

const bodyCases: ApiCase[] = [
  {
    name: 'body over the limit',
    request: (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: { ...bearer(s.tokens.alice), 'content-type': 'application/json' },
      payload: JSON.stringify({ clientRequestId: 'big', subject: 'x'.repeat(BODY_LIMIT_BYTES) }),
    }),
    status: 413,
    body: apiErrorBody('REQUEST_BODY_TOO_LARGE', { limitBytes: BODY_LIMIT_BYTES }),
  },
  {
    name: 'text/plain body',
    request: (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: { ...bearer(s.tokens.alice), 'content-type': 'text/plain' },
      payload: '{"clientRequestId":"plain"}',
    }),
    status: 415,
    body: apiErrorBody('CONTENT_TYPE_UNSUPPORTED'),
  },
  {
    name: 'form-encoded body',
    request: (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: { ...bearer(s.tokens.alice), 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'clientRequestId=form',
    }),
    status: 415,
    body: apiErrorBody('CONTENT_TYPE_UNSUPPORTED'),
  },
  {
    name: 'malformed JSON',
    request: (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: { ...bearer(s.tokens.alice), 'content-type': 'application/json' },
      payload: '{"clientRequestId": "half',
    }),
    status: 400,
    body: malformedBody,
  },
  {
    name: '__proto__ key',
    request: (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: { ...bearer(s.tokens.alice), 'content-type': 'application/json' },
      payload: '{"clientRequestId":"proto","__proto__":{"isAdmin":true}}',
    }),
    status: 400,
    body: malformedBody,
  },
  {
    name: 'constructor.prototype key',
    request: (s) => ({
      method: 'PATCH',
      url: itemUrl(s.activeId),
      headers: { ...bearer(s.tokens.alice), 'content-type': 'application/json' },
      payload: '{"stopped":true,"constructor":{"prototype":{"isAdmin":true}}}',
    }),
    status: 400,
    body: malformedBody,
  },
  {
    name: '8000 levels of nesting',
    request: (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: { ...bearer(s.tokens.alice), 'content-type': 'application/json' },
      payload: `{"clientRequestId":"deep","subject":${nested(8000)}}`,
    }),
    status: 400,
    body: invalid('body', 'field subject must be string'),
  },
  {
    name: 'unknown field',
    request: (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: bearer(s.tokens.alice),
      payload: { clientRequestId: 'extra', recipients: ['blair@fabrikam.test'] },
    }),
    status: 400,
    body: invalid('body', 'the value must NOT have additional properties (unknown property "recipients")'),
  },
  {
    name: 'JSON null body',
    request: (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: { ...bearer(s.tokens.alice), 'content-type': 'application/json' },
      payload: 'null',
    }),
    status: 400,
    body: invalid('body', 'the value must be object'),
  },
  {
    name: 'recipient count as a string',
    request: (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: bearer(s.tokens.alice),
      payload: { clientRequestId: 'count', recipientCount: '3' },
    }),
    status: 400,
    body: invalid('body', 'field recipientCount must be integer'),
  },
  {
    name: 'empty PATCH',
    request: (s) => ({
      method: 'PATCH',
      url: itemUrl(s.activeId),
      headers: bearer(s.tokens.alice),
      payload: {},
    }),
    status: 400,
    body: invalid('body', 'the value must NOT have fewer than 1 properties'),
  },
  {
    name: 'PATCH that restarts tracking',
    request: (s) => ({
      method: 'PATCH',
      url: itemUrl(s.stoppedId),
      headers: bearer(s.tokens.alice),
      payload: { stopped: false },
    }),
    status: 400,
    body: invalid('body', 'field stopped must be equal to constant'),
  },
  {
    name: 'PATCH with a sentAt that is no date',
    request: (s) => ({
      method: 'PATCH',
      url: itemUrl(s.activeId),
      headers: bearer(s.tokens.alice),
      payload: { sentAt: 'yesterday' },
    }),
    status: 400,
    body: invalid('body', 'field sentAt must match format "date-time"'),
  },
  {
    name: 'page size 0',
    request: (s) => ({ method: 'GET', url: `${LIST_URL}?limit=0`, headers: bearer(s.tokens.alice) }),
    status: 400,
    body: invalid('querystring', 'field limit must match pattern "^([1-9][0-9]?|100)$"'),
  },
  {
    name: 'damaged cursor',
    request: (s) => ({ method: 'GET', url: `${LIST_URL}?cursor=bm9wZQ`, headers: bearer(s.tokens.alice) }),
    status: 400,
    body: apiErrorBody('CURSOR_INVALID'),
  },
  {
    name: 'id longer than any tracking id',
    request: (s) => ({ method: 'GET', url: itemUrl('A'.repeat(65)), headers: bearer(s.tokens.alice) }),
    status: 400,
    body: invalid('params', 'field id must NOT have more than 64 characters'),
  },
  {
    name: 'malformed id',
    request: (s) => ({ method: 'DELETE', url: itemUrl("x' OR '1'='1"), headers: bearer(s.tokens.alice) }),
    status: 404,
    body: notFound,
  },
  {
    name: 'PUT on a message',
    request: (s) => ({
      method: 'PUT',
      url: itemUrl(s.activeId),
      headers: bearer(s.tokens.alice),
      payload: {},
    }),
    status: 404,
    body: apiErrorBody('ROUTE_NOT_FOUND'),
  },
];

const orderCases: ApiCase[] = [
  {
    name: 'PATCH before the message was created',
    request: (s) => ({
      method: 'PATCH',
      url: itemUrl(s.unknownId),
      headers: bearer(s.tokens.alice),
      payload: { sentAt: '2026-03-02T09:01:00.000Z', internetMessageId: '<a@contoso.test>' },
    }),
    status: 404,
    body: notFound,
  },
  {
    name: 'read of a message never created',
    request: (s) => ({
      method: 'GET',
      url: `${itemUrl(s.unknownId)}/opens`,
      headers: bearer(s.tokens.alice),
    }),
    status: 404,
    body: notFound,
  },
  {
    name: 'stop of an already stopped message',
    request: (s) => ({
      method: 'PATCH',
      url: itemUrl(s.stoppedId),
      headers: bearer(s.tokens.alice),
      payload: { stopped: true },
    }),
    status: 200,
    body: expect.objectContaining({ id: expect.any(String), stoppedAt: expect.any(String) }),
  },
  {
    name: 'repeated create with the same clientRequestId',
    request: (s) => ({
      method: 'POST',
      url: LIST_URL,
      headers: bearer(s.tokens.alice),
      payload: { clientRequestId: s.activeClientRequestId, subject: 'A retry with another subject' },
    }),
    status: 200,
    body: expect.objectContaining({
      pixelUrl: expect.stringMatching(/^https:\/\/track\.example\.test\/o\//),
    }),
  },
];

describe('API bad input', () => {
  let scenario: Scenario;
  useScenarioPerTest((created) => {
    scenario = created;
  });

  describe.each([
    ['tokens', tokenCases],
    ['access to other users', accessCases],
    ['headers and bodies', bodyCases],
    ['duplicate and out-of-order requests', orderCases],
  ])('%s', (_group, cases) => {
    it.each(cases)('$name: $status, store unchanged', async ({ request, status, body, headers }) => {
      const before = scenario.dump();

      const response = await scenario.test.app.inject(await request(scenario));

      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual(body);
      for (const [name, value] of Object.entries(headers ?? {})) {
        expect(response.headers[name]).toBe(value);
      }
      expect(scenario.dump()).toEqual(before);
    });
  });

  it('repeated create returns the original message id', async () => {
    const response = await scenario.test.app.inject({
      method: 'POST',
      url: LIST_URL,
      headers: bearer(scenario.tokens.alice),
      payload: { clientRequestId: scenario.activeClientRequestId },
    });

    expect(response.json()).toMatchObject({ id: scenario.activeId });
  });

  it('second DELETE answers 404 and the first removed everything once', async () => {
    const before = scenario.dump();
    const remove = () =>
      scenario.test.app.inject({
        method: 'DELETE',
        url: itemUrl(scenario.activeId),
        headers: bearer(scenario.tokens.alice),
      });

    const first = await remove();
    const afterFirst = scenario.dump();
    const second = await remove();

    expect(first.statusCode).toBe(204);
    expect(second.statusCode).toBe(404);
    expect(second.json()).toEqual(notFound);
    expect(afterFirst.trackedMessages).toHaveLength(before.trackedMessages.length - 1);
    expect(afterFirst.opens).toEqual([]);
    expect(scenario.dump()).toEqual(afterFirst);
  });

  it('PATCH after DELETE answers 404 and creates nothing', async () => {
    await scenario.test.app.inject({
      method: 'DELETE',
      url: itemUrl(scenario.activeId),
      headers: bearer(scenario.tokens.alice),
    });
    const afterDelete = scenario.dump();

    const response = await scenario.test.app.inject({
      method: 'PATCH',
      url: itemUrl(scenario.activeId),
      headers: bearer(scenario.tokens.alice),
      payload: { sentAt: '2026-03-02T09:01:00.000Z' },
    });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual(notFound);
    expect(scenario.dump()).toEqual(afterDelete);
  });

  it('pixel after DELETE records nothing', async () => {
    await scenario.test.app.inject({
      method: 'DELETE',
      url: itemUrl(scenario.activeId),
      headers: bearer(scenario.tokens.alice),
    });
    const afterDelete = scenario.dump();

    const response = await scenario.test.app.inject({ method: 'GET', url: `/o/${scenario.activeId}.gif` });

    expect(response.statusCode).toBe(200);
    expect(scenario.dump()).toEqual(afterDelete);
  });

  it('another user with the same clientRequestId gets a message of its own', async () => {
    const before = scenario.dump();

    const response = await scenario.test.app.inject({
      method: 'POST',
      url: LIST_URL,
      headers: bearer(scenario.tokens.carol),
      payload: { clientRequestId: scenario.activeClientRequestId },
    });

    expect(response.statusCode).toBe(201);
    expect(response.json<{ id: string }>().id).not.toBe(scenario.activeId);
    expect(scenario.dump().trackedMessages).toHaveLength(before.trackedMessages.length + 1);
    expect(scenario.dump().opens).toEqual(before.opens);
  });

  it('accepts the Bearer scheme in any letter case', async () => {
    for (const scheme of ['bearer', 'BEARER']) {
      const response = await scenario.test.app.inject({
        method: 'GET',
        url: LIST_URL,
        headers: { authorization: `${scheme} ${scenario.tokens.alice}` },
      });

      expect(response.statusCode).toBe(200);
    }
  });

  it('keeps a well-formed id of another user indistinguishable from an unknown one', async () => {
    const foreign = await scenario.test.app.inject({
      method: 'GET',
      url: itemUrl(scenario.activeId),
      headers: bearer(scenario.tokens.bob),
    });
    const unknown = await scenario.test.app.inject({
      method: 'GET',
      url: itemUrl(randomUUID().replace(/-/g, '').slice(0, 21) + 'A'),
      headers: bearer(scenario.tokens.bob),
    });

    expect(foreign.statusCode).toBe(unknown.statusCode);
    expect(foreign.body).toBe(unknown.body);
  });
});
