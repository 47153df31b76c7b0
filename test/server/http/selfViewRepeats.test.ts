import { randomUUID } from 'node:crypto';
import type { TrackedMessageDetail } from '../../../src/shared/api';
import { injectApi } from '../../support/apiClient';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { createTestApp, type TestApp } from '../../support/testApp';
import { OUTLOOK_WINDOWS } from '../../support/userAgents';

const BASE = '/api/v1/tracked-messages';
/** The recipient and the sender share a network and a mail client build, as in one office. */
const SHARED_ADDRESS = '198.51.100.7';

describe('a sender view after a recipient open from the same client', () => {
  let issuer: LocalTokenIssuer;
  let test: TestApp;
  let token: string;
  let clockMs: number;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
  });

  afterAll(async () => {
    await issuer.stop();
  });

  beforeEach(async () => {
    clockMs = Date.parse('2026-06-01T12:00:00.000Z');
    test = await createTestApp({
      issuer,
      appOptions: { now: () => new Date(clockMs), nowMs: () => clockMs },
    });
    token = await issuer.issueToken({ claims: { oid: randomUUID() } });
  });

  afterEach(async () => {
    await test.close();
  });

  async function detail(id: string): Promise<TrackedMessageDetail> {
    return (await injectApi(test.app, token, 'GET', `${BASE}/${id}`)).json<TrackedMessageDetail>();
  }

  function hitPixel(id: string) {
    return test.app.inject({
      method: 'GET',
      url: `/o/${id}.gif`,
      headers: { 'user-agent': OUTLOOK_WINDOWS },
      remoteAddress: SHARED_ADDRESS,
    });
  }

  it('counts the sender’s load as an own view, not a repeat of the open', async () => {
    const created = await injectApi(test.app, token, 'POST', BASE, { clientRequestId: randomUUID() });
    const id = created.json<{ id: string }>().id;
    await injectApi(test.app, token, 'PATCH', `${BASE}/${id}`, {
      sentAt: new Date(clockMs - 3_600_000).toISOString(),
    });

    await hitPixel(id);
    clockMs += 40_000;
    // The Sent Items copy loads its image just before the pinned pane reports the view.
    await hitPixel(id);
    clockMs += 50;
    await injectApi(test.app, token, 'POST', `${BASE}/${id}/views`);

    const message = await detail(id);
    expect(message.recentOpens.map((open) => [open.kind, open.counted])).toEqual([
      ['self', true],
      ['human', true],
    ]);
    expect(message.opens).toMatchObject({ peopleOpens: 1, selfViews: 1 });
  });
});
