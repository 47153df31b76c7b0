import { randomUUID } from 'node:crypto';
import type { TrackedMessageDetail } from '../../../src/shared/api';
import { injectApi } from '../../support/apiClient';
import { useClockedApp } from '../../support/clockedApp';
import { OUTLOOK_WINDOWS, THUNDERBIRD } from '../../support/userAgents';

const BASE = '/api/v1/tracked-messages';
const HOUR_MS = 3_600_000;

// The server's clock is moved by the test; tokens are still checked against the real clock.
describe('server clock jumps', () => {
  const app = useClockedApp('2026-06-01T12:00:00.000Z');

  async function createSentMessage(): Promise<string> {
    const created = await injectApi(app.test.app, app.token, 'POST', BASE, { clientRequestId: randomUUID() });
    const id = created.json<{ id: string }>().id;
    await injectApi(app.test.app, app.token, 'PATCH', `${BASE}/${id}`, {
      sentAt: new Date(app.clockMs - 2 * HOUR_MS).toISOString(),
    });
    return id;
  }

  function hitPixel(id: string, userAgent: string, address: string) {
    return app.test.app.inject({
      method: 'GET',
      url: `/o/${id}.gif`,
      headers: { 'user-agent': userAgent },
      remoteAddress: address,
    });
  }

  async function detail(id: string): Promise<TrackedMessageDetail> {
    return (await injectApi(app.test.app, app.token, 'GET', `${BASE}/${id}`)).json<TrackedMessageDetail>();
  }

  it('records every hit when the clock steps back and forward', async () => {
    const id = await createSentMessage();
    const before = app.clockMs;

    const first = await hitPixel(id, OUTLOOK_WINDOWS, '198.51.100.7');
    app.clockMs -= HOUR_MS;
    const afterStepBack = await hitPixel(id, THUNDERBIRD, '203.0.113.9');
    app.clockMs += 26 * HOUR_MS;
    const afterStepForward = await hitPixel(id, OUTLOOK_WINDOWS, '192.0.2.44');

    for (const response of [first, afterStepBack, afterStepForward]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/gif');
    }
    const message = await detail(id);
    expect(message.recentOpens.map((open) => open.at).sort()).toEqual([
      new Date(before - HOUR_MS).toISOString(),
      new Date(before).toISOString(),
      new Date(before + 25 * HOUR_MS).toISOString(),
    ]);
    expect(message.opens.peopleOpens).toBe(3);
    expect(message.opens.firstOpenAt).toBe(new Date(before - HOUR_MS).toISOString());
    expect(message.opens.lastOpenAt).toBe(new Date(before + 25 * HOUR_MS).toISOString());
  });

  it('lists the message once whatever order its activity times arrive in', async () => {
    const id = await createSentMessage();

    await hitPixel(id, OUTLOOK_WINDOWS, '198.51.100.7');
    app.clockMs -= 48 * HOUR_MS;
    await hitPixel(id, THUNDERBIRD, '203.0.113.9');

    const list = await injectApi(app.test.app, app.token, 'GET', BASE);
    const items = list.json<{ items: { id: string }[] }>().items;
    expect(list.statusCode).toBe(200);
    expect(items.map((item) => item.id)).toEqual([id]);
  });
});
