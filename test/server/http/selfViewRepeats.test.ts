import { randomUUID } from 'node:crypto';
import type { TrackedMessageDetail } from '../../../src/shared/api';
import { injectApi } from '../../support/apiClient';
import { useClockedApp } from '../../support/clockedApp';
import { OUTLOOK_WINDOWS } from '../../support/userAgents';

const BASE = '/api/v1/tracked-messages';
/** The recipient and the sender share a network and a mail client build, as in one office. */
const SHARED_ADDRESS = '198.51.100.7';

describe('a sender view after a recipient open from the same client', () => {
  const app = useClockedApp('2026-06-01T12:00:00.000Z');

  async function detail(id: string): Promise<TrackedMessageDetail> {
    return (await injectApi(app.test.app, app.token, 'GET', `${BASE}/${id}`)).json<TrackedMessageDetail>();
  }

  function hitPixel(id: string) {
    return app.test.app.inject({
      method: 'GET',
      url: `/o/${id}.gif`,
      headers: { 'user-agent': OUTLOOK_WINDOWS },
      remoteAddress: SHARED_ADDRESS,
    });
  }

  it('counts the sender’s load as own view', async () => {
    const created = await injectApi(app.test.app, app.token, 'POST', BASE, { clientRequestId: randomUUID() });
    const id = created.json<{ id: string }>().id;
    await injectApi(app.test.app, app.token, 'PATCH', `${BASE}/${id}`, {
      sentAt: new Date(app.clockMs - 3_600_000).toISOString(),
    });

    await hitPixel(id);
    app.clockMs += 40_000;
    // The Sent Items copy loads its image just before the pinned pane reports the view.
    await hitPixel(id);
    app.clockMs += 50;
    await injectApi(app.test.app, app.token, 'POST', `${BASE}/${id}/views`);

    const message = await detail(id);
    expect(message.recentOpens.map((open) => [open.kind, open.counted])).toEqual([
      ['self', true],
      ['human', true],
    ]);
    expect(message.opens).toMatchObject({ peopleOpens: 1, selfViews: 1 });
  });
});
