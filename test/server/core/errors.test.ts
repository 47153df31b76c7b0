import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, ERROR_CATALOGUE, formatErrorMessage } from '../../../src/server/core/errors';

function documentedErrors(): Map<string, { status: number; message: string }> {
  const text = readFileSync(join(__dirname, '../../../docs/errors.md'), 'utf8');
  const rows = new Map<string, { status: number; message: string }>();
  for (const match of text.matchAll(/^\| `([A-Z_]+)` +\| (\d{3}) +\| (.+?) +\|$/gm)) {
    rows.set(match[1]!, { status: Number(match[2]), message: match[3]!.replace(/\\\|/g, '|') });
  }
  return rows;
}

describe('error catalogue', () => {
  it('matches docs/errors.md entry by entry', () => {
    const documented = documentedErrors();

    expect([...documented.keys()].sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect({ code, ...documented.get(code) }).toEqual({
        code,
        status: entry.status,
        message: entry.message,
      });
    }
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(formatErrorMessage('REQUEST_BODY_TOO_LARGE', { limitBytes: 10 })).toBe(
      'The request body is larger than 10 bytes. Send a smaller body.',
    );
    expect(formatErrorMessage('REQUEST_BODY_TOO_LARGE')).toContain('{limitBytes}');
  });

  it('gives ApiError the catalogue status and extra headers', () => {
    const error = new ApiError('AUTH_KEYS_UNAVAILABLE', { retryAfterSeconds: 30 }, { 'retry-after': '30' });

    expect(error.status).toBe(503);
    expect(error.code).toBe('AUTH_KEYS_UNAVAILABLE');
    expect(error.headers).toEqual({ 'retry-after': '30' });
    expect(error.message).toBe(
      'The token signing keys could not be fetched from the identity provider. Try again in 30 seconds.',
    );
  });
});
