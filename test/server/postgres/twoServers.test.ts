import type { TrackedMessageDetail } from '../../../src/shared/api';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import {
  buildServer,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../../support/serverProcess';
import {
  describeWithThrowawayPostgres,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../support/throwawayPostgres';

const HITS_PER_SERVER = 60;

describeWithThrowawayPostgres('two server processes on one PostgreSQL database', (bin) => {
  let database: ThrowawayPostgres;
  let issuer: LocalTokenIssuer;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    const [main, postgres, tokenIssuer] = await Promise.all([
      buildServer(),
      startThrowawayPostgres(bin),
      LocalTokenIssuer.start(),
    ]);
    database = postgres;
    issuer = tokenIssuer;
    const auth = issuer.authConfig();
    const args = [
      '--database',
      database.url,
      '--api-client-id',
      auth.apiClientId,
      '--jwks-url',
      auth.jwksUrl,
      '--issuer-template',
      auth.issuerTemplate,
    ];
    // Started one after the other: both run the migrations, the second finds nothing to do.
    servers.push(await startServerProcess(main, args));
    servers.push(await startServerProcess(main, args));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => stopServerProcess(server)));
    servers = [];
    await issuer?.stop();
    await database?.destroy();
  }, 120_000);

  test('both see the same messages and opens', async () => {
    const [first, second] = servers;
    if (first === undefined || second === undefined) throw new Error('servers did not start');
    const token = await issuer.issueToken();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const created = await fetch(`${first.url}/api/v1/tracked-messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ clientRequestId: 'two-servers-1', subject: 'Shared' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const again = await fetch(`${second.url}/api/v1/tracked-messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ clientRequestId: 'two-servers-1', subject: 'Shared' }),
    });
    expect(((await again.json()) as { id: string }).id).toBe(id);

    const hits = [first, second].flatMap((server) =>
      Array.from({ length: HITS_PER_SERVER }, () => fetch(`${server.url}/o/${id}.gif`)),
    );
    const statuses = (await Promise.all(hits)).map((response) => response.status);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const details = await Promise.all(
      [first, second].map(async (server) => {
        const response = await fetch(`${server.url}/api/v1/tracked-messages/${id}`, { headers });
        return (await response.json()) as TrackedMessageDetail;
      }),
    );
    // Every hit comes from one client, so most are stored as repeats that add to no counter.
    const storedCounts = await Promise.all(
      [first, second].map(async (server) => {
        let stored = 0;
        let cursor: string | null = null;
        do {
          const query: string = cursor === null ? '' : `&cursor=${cursor}`;
          const response = await fetch(
            `${server.url}/api/v1/tracked-messages/${id}/opens?limit=100${query}`,
            {
              headers,
            },
          );
          const page = (await response.json()) as { items: unknown[]; nextCursor: string | null };
          stored += page.items.length;
          cursor = page.nextCursor;
        } while (cursor !== null);
        return stored;
      }),
    );
    expect(storedCounts).toEqual([2 * HITS_PER_SERVER, 2 * HITS_PER_SERVER]);
    expect(details[1]).toEqual(details[0]);
  }, 120_000);
});
