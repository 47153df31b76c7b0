import { resolvePostgresStoreOptions } from '../../../../src/server/store/postgres/options';
import { StoreError } from '../../../../src/server/store/storeError';

function thrownBy(action: () => unknown): StoreError {
  try {
    action();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError, nothing was thrown');
}

const URL = 'postgres://readmark:secret@127.0.0.1:5432/readmark';

describe('resolvePostgresStoreOptions', () => {
  test('fills in defaults', () => {
    const resolved = resolvePostgresStoreOptions({ connectionString: URL });

    expect(resolved).toMatchObject({
      connectionString: URL,
      schema: null,
      poolSize: 10,
      connectTimeoutMs: 5000,
      statementTimeoutMs: 30000,
      partitionMonthsAhead: 3,
    });
  });

  test.each([
    ['not a URL', { connectionString: 'localhost:5432' }, 'connectionString'],
    ['another scheme', { connectionString: 'mysql://127.0.0.1/db' }, 'connectionString'],
    ['options in the URL', { connectionString: `${URL}?options=-c%20search_path%3Dx` }, 'connectionString'],
    ['quoted schema', { connectionString: URL, schema: 'Readmark"; DROP' }, 'schema'],
    ['zero pool', { connectionString: URL, poolSize: 0 }, 'poolSize'],
    ['fractional timeout', { connectionString: URL, connectTimeoutMs: 1.5 }, 'connectTimeoutMs'],
    ['negative months', { connectionString: URL, partitionMonthsAhead: -1 }, 'partitionMonthsAhead'],
  ])('rejects %s', (_case, options, optionName) => {
    const error = thrownBy(() => resolvePostgresStoreOptions(options));

    expect(error.code).toBe('STORE_INVALID_OPTION');
    expect(error.message).toContain(`option ${optionName}:`);
  });

  test('error never repeats the password', () => {
    const error = thrownBy(() =>
      resolvePostgresStoreOptions({ connectionString: 'mysql://readmark:secret@db/x' }),
    );

    expect(error.message).not.toContain('secret');
  });
});
