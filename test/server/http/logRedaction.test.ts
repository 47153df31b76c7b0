import { redactLogText, serializeError } from '../../../src/server/http/logRedaction';

describe('redactLogText', () => {
  it.each([
    ['tracking id', 'no row for Kx3vQ9mZ2pL8rT5wY1nB7g', 'no row for Kx3vQ9…'],
    ['email address', 'sent to blair@fabrikam.test today', 'sent to [email] today'],
    ['JWT', 'token eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl end', 'token [token] end'],
    [
      'quoted input',
      'invalid input syntax for type uuid: "abc def"',
      'invalid input syntax for type uuid: "[value]"',
    ],
    ['plain text', 'constraint "tracked_messages_pkey" failed', 'constraint "tracked_messages_pkey" failed'],
    ['23-character run', 'run Kx3vQ9mZ2pL8rT5wY1nB7gA', 'run Kx3vQ9mZ2pL8rT5wY1nB7gA'],
  ])('redacts %s', (_name, input, expected) => {
    expect(redactLogText(input)).toBe(expected);
  });
});

describe('serializeError', () => {
  it('keeps type, code, message and stack only', () => {
    const error = Object.assign(new Error('duplicate key for Kx3vQ9mZ2pL8rT5wY1nB7g'), {
      code: '23505',
      detail: 'Key (tracking_id)=(Kx3vQ9mZ2pL8rT5wY1nB7g) already exists.',
    });

    const serialized = serializeError(error);

    expect(Object.keys(serialized).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(serialized.message).toBe('duplicate key for Kx3vQ9…');
    expect(serialized.stack).not.toContain('Kx3vQ9mZ2pL8rT5wY1nB7g');
  });
});
