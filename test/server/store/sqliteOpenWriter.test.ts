import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteOpenWriter, WRITER_EXITED } from '../../../src/server/store/sqlite/openWriter';
import { SqliteTrackingStore } from '../../../src/server/store/sqlite/sqliteTrackingStore';
import { isStoreUnavailable } from '../../../src/server/store/unavailable';
import { createTrackedMessageFor, outlookOpen } from '../../support/openFixtures';
import { createTempDirectory } from '../../support/tempDirectory';

const SENDER = { tenantId: randomUUID(), objectId: randomUUID() };

function hit(trackingId: string, second: number) {
  return outlookOpen(trackingId, SENDER, second);
}

describe('SqliteOpenWriter', () => {
  let directory: Awaited<ReturnType<typeof createTempDirectory>>;
  let path: string;

  beforeEach(async () => {
    directory = await createTempDirectory();
    path = join(directory.path, 'readmark.db');
  });

  afterEach(async () => {
    await directory.remove();
  });

  it('restarts after its thread stops', async () => {
    // A file without the schema: the thread stops while it prepares its statements.
    new Database(path).close();
    const writer = new SqliteOpenWriter({ path, pragmas: ['busy_timeout = 1000'] });

    const failure: unknown = await writer
      .write([hit('unknownMessage00000001', 1)])
      .catch((error: unknown) => error);
    const store = new SqliteTrackingStore({ path });
    await store.migrate();
    const trackingId = await createTrackedMessageFor(store, SENDER);
    await writer.write([hit(trackingId, 2)]);
    await writer.close();

    expect(failure).toMatchObject({ code: WRITER_EXITED });
    expect((failure as Error).message).toContain('The open writer thread failed: SQLITE_ERROR.');
    expect(isStoreUnavailable(failure)).toBe(true);
    const page = await store.listOpens(SENDER, trackingId, { limit: 5, cursor: null });
    expect(page.items).toHaveLength(1);
    await store.close();
  });

  it('finishes writes sent before close', async () => {
    const store = new SqliteTrackingStore({ path });
    await store.migrate();
    const trackingId = await createTrackedMessageFor(store, SENDER);
    const idle = new SqliteOpenWriter({ path, pragmas: [] });
    await idle.close();

    const writes = [1, 2, 3].map((second) => store.recordOpens([hit(trackingId, second)]));
    await store.close();

    await expect(Promise.all(writes)).resolves.toEqual([undefined, undefined, undefined]);
    const reopened = new SqliteTrackingStore({ path });
    expect((await reopened.getTrackedMessage(SENDER, trackingId))?.opens.counts.human).toBe(3);
    await reopened.close();
  });
});
