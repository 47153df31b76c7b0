import { withRetries } from '../../../../src/server/store/postgres/pool';

/** Builds an error shaped like the pg driver's, with PostgreSQL's SQLSTATE in `code`. */
function pgError(code: string): Error {
  return Object.assign(new Error(`SQLSTATE ${code}`), { code });
}

describe('withRetries', () => {
  it('runs again after a deadlock', async () => {
    const attempt = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(pgError('40P01'))
      .mockRejectedValueOnce(pgError('40001'))
      .mockResolvedValue('committed');

    await expect(withRetries(attempt)).resolves.toBe('committed');
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('gives up after three attempts', async () => {
    const attempt = jest.fn<Promise<string>, []>().mockRejectedValue(pgError('40P01'));

    await expect(withRetries(attempt)).rejects.toMatchObject({ code: '40P01' });
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('rethrows any other error at once', async () => {
    const attempt = jest.fn<Promise<string>, []>().mockRejectedValue(pgError('23505'));

    await expect(withRetries(attempt)).rejects.toMatchObject({ code: '23505' });
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
