import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../src/cli/main';
import { SqliteTrackingStore } from '../../src/server/store/sqlite/sqliteTrackingStore';
import { createTempDirectory } from '../support/tempDirectory';

type TempDirectory = Awaited<ReturnType<typeof createTempDirectory>>;

const DAY = 24 * 60 * 60 * 1000;
const SENDER = { tenantId: '8f1d2c3b-4a5e-4f60-9b7c-1d2e3f405162', objectId: 'purge-test-user' };

describe('readmark purge', () => {
  let directory: TempDirectory;
  let path: string;
  let output: string[];

  beforeEach(async () => {
    directory = await createTempDirectory();
    path = join(directory.path, 'readmark.db');
    output = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => output.push(line));
    jest.spyOn(console, 'error').mockImplementation((line: string) => output.push(line));
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
    await directory.remove();
  });

  async function seed(): Promise<void> {
    const store = new SqliteTrackingStore({ path });
    await store.migrate();
    const now = Date.now();
    await store.createTrackedMessage({
      trackingId: 'purgeTestTrackingId00A',
      sender: SENDER,
      clientRequestId: 'old',
      subject: null,
      recipientCount: null,
      createdAt: new Date(now - 200 * DAY),
    });
    await store.recordOpens(
      [100, 95, 10].map((days) => ({
        trackingId: 'purgeTestTrackingId00A',
        tenantId: SENDER.tenantId,
        at: new Date(now - days * DAY),
        method: 'GET',
        userAgent: null,
        clientNetwork: null,
        kind: 'unknown' as const,
        confidence: 0,
        reasons: [],
      })),
    );
    await store.close();
  }

  async function purge(...flags: string[]): Promise<void> {
    await buildProgram().parseAsync(['node', 'readmark', 'purge', '--database', path, ...flags]);
  }

  it('deletes old opens and stops old messages, and does nothing on a second run', async () => {
    await seed();

    await purge();
    await purge();

    expect(output).toHaveLength(2);
    expect(output[0]).toMatch(
      /^In the SQLite file ".+readmark\.db": deleted 2 opens recorded before .+; stopped 1 tracked messages created before .+\.$/,
    );
    expect(output[1]).toMatch(
      /^In the SQLite file ".+readmark\.db": deleted 0 opens recorded before .+; stopped 0 tracked messages created before .+\.$/,
    );
  });

  it('uses the retention given in days', async () => {
    await seed();

    await purge('--open-retention-days', '5', '--tracking-max-age-days', '365');

    expect(output[0]).toMatch(/deleted 3 opens .+; stopped 0 tracked messages/);
  });

  it('refuses a database file that does not exist', async () => {
    await buildProgram().parseAsync(['node', 'readmark', 'purge', '--database', `${path}.typo`]);

    expect(output).toEqual([
      `readmark purge: there is no database at the SQLite file "${path}.typo". Check --database.`,
    ]);
    expect(process.exitCode).toBe(2);
  });

  it('rejects a MySQL URL without creating a folder', async () => {
    await buildProgram().parseAsync(['node', 'readmark', 'purge', '--database', 'mysql://127.0.0.1/x']);

    expect(output).toEqual([
      'readmark purge: Invalid --database (READMARK_DATABASE): got "mysql://127.0.0.1/x", expected a SQLite file path or a postgres:// or postgresql:// URL ("mysql://" is not supported).',
    ]);
    expect(process.exitCode).toBe(2);
    expect(existsSync('mysql:')).toBe(false);
  });

  it('help requires an existing database file', () => {
    const command = buildProgram().commands.find((candidate) => candidate.name() === 'purge');
    // Commander wraps the help at the terminal width, so the words are compared without line breaks.
    const help = (command?.helpInformation() ?? '').replace(/\s+/g, ' ');

    expect(help).toContain('existing SQLite database file, or a postgres:// URL');
    expect(help).not.toContain('created with its folder');
  });

  it('stops with exit code 2 on an invalid option', async () => {
    await purge('--open-retention-days', 'ninety');

    expect(output).toEqual([
      'readmark purge: Invalid --open-retention-days (READMARK_OPEN_RETENTION_DAYS): got "ninety", expected a whole number from 1 to 3650.',
    ]);
    expect(process.exitCode).toBe(2);
  });
});
