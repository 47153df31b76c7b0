import type { NewOpen, NewTrackedMessage, TrackingStore } from '../../../src/server/store/trackingStore';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { ALICE_SUBJECT, createScenario, type Scenario } from './scenario';

const LIST_URL = '/api/v1/tracked-messages';
const CLIENT_ADDRESSES = ['203.0.113.77', '2001:db8:85a3::8a2e:370:7334'];
const RECIPIENT = 'blair.recipient@fabrikam.test';
const EMAIL_PATTERN = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const JWT_PATTERN = /eyJ[\w-]+\.eyJ[\w-]+/;

/**
 * Drives the whole API and pixel flow, including failures, with personal data in every place a
 * client can put it, and returns the ids and tokens that must not appear in the logs.
 */
async function driveFullFlow(scenario: Scenario): Promise<string[]> {
  const { app } = scenario.test;
  const alice = { authorization: `Bearer ${scenario.tokens.alice}` };
  const secrets = [scenario.tokens.alice, scenario.tokens.bob, scenario.activeId, scenario.stoppedId];

  const created = await app.inject({
    method: 'POST',
    url: LIST_URL,
    headers: alice,
    payload: { clientRequestId: 'audit-1', subject: `Offer for ${RECIPIENT}`, recipientCount: 1 },
  });
  const newId = created.json<{ id: string }>().id;
  secrets.push(newId);
  await app.inject({
    method: 'PATCH',
    url: `${LIST_URL}/${newId}`,
    headers: alice,
    payload: { internetMessageId: `<${RECIPIENT.replace('@', '.id@')}>`, sentAt: new Date().toISOString() },
  });

  for (const remoteAddress of CLIENT_ADDRESSES) {
    for (const id of [newId, scenario.activeId, scenario.stoppedId, scenario.unknownId]) {
      await app.inject({
        method: 'GET',
        url: `/o/${id}.gif?to=${encodeURIComponent(RECIPIENT)}`,
        remoteAddress,
        headers: { 'user-agent': `Mozilla/5.0 (${RECIPIENT})`, referer: `https://mail.example/${id}` },
      });
    }
    await app.inject({ method: 'POST', url: `/o/${newId}.gif`, remoteAddress, payload: RECIPIENT });
    await app.inject({ method: 'GET', url: `/o/${newId}%ZZ.gif`, remoteAddress });
  }

  const badRequests = [
    {
      method: 'GET' as const,
      url: `${LIST_URL}/${newId}`,
      headers: { authorization: `Bearer ${scenario.tokens.bob}` },
    },
    {
      method: 'GET' as const,
      url: `${LIST_URL}/${newId}`,
      headers: { authorization: `Bearer ${scenario.tokens.alice}x` },
    },
    { method: 'GET' as const, url: `${LIST_URL}?cursor=${newId}`, headers: alice },
    { method: 'GET' as const, url: `${LIST_URL}/${newId}%ZZ`, headers: alice },
    { method: 'GET' as const, url: `/nowhere/${newId}?email=${RECIPIENT}`, headers: alice },
    {
      method: 'POST' as const,
      url: LIST_URL,
      headers: { ...alice, 'content-type': 'application/json' },
      payload: `{"clientRequestId":"${RECIPIENT}","subject":"${ALICE_SUBJECT}",`,
    },
    {
      method: 'POST' as const,
      url: LIST_URL,
      headers: alice,
      payload: { clientRequestId: 'x', [RECIPIENT]: ALICE_SUBJECT },
    },
    {
      method: 'PATCH' as const,
      url: `${LIST_URL}/${newId}`,
      headers: alice,
      payload: { internetMessageId: `not an id ${RECIPIENT}` },
    },
  ];
  for (const request of badRequests) {
    for (const remoteAddress of CLIENT_ADDRESSES) {
      await app.inject({ ...request, remoteAddress });
    }
  }
  await app.inject({ method: 'DELETE', url: `${LIST_URL}/${newId}`, headers: alice });
  await app.inject({ method: 'GET', url: `${LIST_URL}/${scenario.activeId}/opens`, headers: alice });
  return secrets;
}

/**
 * Wraps a store so that its methods fail the way database drivers fail: pg puts the offending
 * key into `detail` ("Key (tracking_id)=(…) already exists") and sometimes into the message.
 */
function failingStore(store: TrackingStore): TrackingStore {
  const fail = (value: string) => {
    const error = new Error(`invalid input syntax for type uuid: "${value} ${RECIPIENT}"`) as Error & {
      detail: string;
      code: string;
    };
    error.detail = `Key (tracking_id)=(${value}) already exists.`;
    error.code = '23505';
    return Promise.reject(error);
  };
  return new Proxy(store, {
    get(target, name, receiver) {
      switch (name) {
        case 'findPixelTarget':
          return (id: string) => fail(id);
        case 'recordOpens':
          return (opens: readonly NewOpen[]) => fail(opens.map((open) => open.trackingId).join(','));
        case 'createTrackedMessage':
          return (input: NewTrackedMessage) => fail(`${input.trackingId} ${input.subject ?? ''}`);
        default:
          return Reflect.get(target, name, receiver) as unknown;
      }
    },
  });
}

describe('log audit', () => {
  let issuer: LocalTokenIssuer;
  let scenario: Scenario;
  let secrets: string[];
  let logs: string;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
    scenario = await createScenario(issuer);
    secrets = await driveFullFlow(scenario);
    logs = scenario.test.logLines.join('\n');
  });

  afterAll(async () => {
    await scenario.close();
    await issuer.stop();
  });

  it('captured the request lines of the run', () => {
    expect(scenario.test.logLines.length).toBeGreaterThan(20);
  });

  it('holds no full tracking id or token', () => {
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
    }
    expect(logs).not.toMatch(JWT_PATTERN);
  });

  it('holds no client address', () => {
    for (const address of CLIENT_ADDRESSES) {
      expect(logs).not.toContain(address);
    }
    expect(logs).not.toContain('2001:db8');
  });

  it('holds no email address or subject', () => {
    expect(logs).not.toMatch(EMAIL_PATTERN);
    expect(logs).not.toContain('fabrikam');
    expect(logs).not.toContain(ALICE_SUBJECT);
  });
});

describe('log audit under storage failures', () => {
  let issuer: LocalTokenIssuer;
  let scenario: Scenario;
  const failing = new Set<string | symbol>();

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
    scenario = await createScenario(issuer, {
      wrapStore: (store) => {
        const broken = failingStore(store);
        return new Proxy(store, {
          get: (target, name) => {
            const source = failing.has(name) ? broken : target;
            const value = Reflect.get(source, name) as unknown;
            return typeof value === 'function'
              ? (value as (...args: unknown[]) => unknown).bind(source)
              : value;
          },
        });
      },
      // No cache, so every hit reaches the failing lookup.
      appOptions: { pixelTargetCache: { ttlMs: 0 } },
    });
  });

  afterAll(async () => {
    await scenario.close();
    await issuer.stop();
  });

  it('keeps ids, addresses and subjects out of error lines', async () => {
    const { app } = scenario.test;
    const hit = () =>
      app.inject({ method: 'GET', url: `/o/${scenario.activeId}.gif`, remoteAddress: CLIENT_ADDRESSES[0] });
    failing.add('recordOpens');
    await hit();
    failing.clear();
    failing.add('findPixelTarget');
    await hit();
    failing.add('createTrackedMessage');
    const created = await app.inject({
      method: 'POST',
      url: LIST_URL,
      headers: { authorization: `Bearer ${scenario.tokens.alice}` },
      payload: { clientRequestId: 'fails', subject: ALICE_SUBJECT },
    });
    failing.clear();

    const logs = scenario.test.logLines.join('\n');
    expect(created.statusCode).toBe(500);
    expect(logs).toContain('opens could not be committed');
    expect(logs).toContain('pixel hit could not be processed');
    expect(logs).not.toContain(scenario.activeId);
    expect(logs).not.toMatch(EMAIL_PATTERN);
    expect(logs).not.toContain(ALICE_SUBJECT);
  });
});
