import type { ReadmarkApi } from '../../../../src/addin/api/client';
import { ReadmarkApiError } from '../../../../src/addin/api/errors';
import { SignInError } from '../../../../src/addin/auth/errors';
import { createStatusApi } from '../../../../src/addin/status/adapters/statusApi';
import { PaneError } from '../../../../src/addin/status/ports';

function fakeApi(): jest.Mocked<ReadmarkApi> {
  return {
    getPolicy: jest.fn(),
    createTrackedMessage: jest.fn(),
    listTrackedMessages: jest.fn().mockResolvedValue({ items: [], nextCursor: null }),
    getTrackedMessage: jest.fn(),
    updateTrackedMessage: jest.fn().mockResolvedValue({ id: 'a' }),
    deleteTrackedMessage: jest.fn().mockResolvedValue(undefined),
    listOpens: jest.fn(),
    findByInternetMessageId: jest.fn(),
    reportView: jest.fn().mockResolvedValue(undefined),
    recordReadReceipt: jest.fn(),
  };
}

describe('createStatusApi', () => {
  it('lists the first page without a cursor and later pages with one', async () => {
    const api = fakeApi();
    const status = createStatusApi(api);
    await status.list({ cursor: null, limit: 50 });
    await status.list({ cursor: 'c1', limit: 50 });
    expect(api.listTrackedMessages.mock.calls).toEqual([[{ limit: 50 }], [{ cursor: 'c1', limit: 50 }]]);
  });

  it('stops and links sent messages through updates', async () => {
    const api = fakeApi();
    const status = createStatusApi(api);
    await status.stop('a');
    await status.linkSent('a', { internetMessageId: '<m@example.test>', sentAt: '2026-03-10T10:00:00.000Z' });
    expect(api.updateTrackedMessage.mock.calls).toEqual([
      ['a', { stopped: true }],
      ['a', { internetMessageId: '<m@example.test>', sentAt: '2026-03-10T10:00:00.000Z' }],
    ]);
  });

  it.each([
    [
      new ReadmarkApiError('api-unauthorized', 'GET failed with HTTP 401', { status: 401 }),
      'sign-in-required',
    ],
    [new ReadmarkApiError('api-not-found', 'GET failed with HTTP 404', { status: 404 }), 'not-found'],
    [new ReadmarkApiError('api-unreachable', 'GET failed before a response'), 'server-unreachable'],
    [new ReadmarkApiError('api-timed-out', 'GET timed out'), 'server-unreachable'],
    [
      new ReadmarkApiError('api-server-error', 'GET failed with HTTP 503', { status: 503 }),
      'server-unreachable',
    ],
    [new ReadmarkApiError('api-server-error', 'GET failed with HTTP 500', { status: 500 }), 'server-error'],
    [new ReadmarkApiError('api-invalid-response', 'not JSON', { status: 200 }), 'server-error'],
    [new SignInError('sign-in-interaction-required', 'needs the user'), 'sign-in-required'],
    [new SignInError('sign-in-blocked', 'dialog blocked'), 'sign-in-required'],
    [new SignInError('sign-in-not-configured', 'no client id'), 'server-error'],
    [new Error('something else'), 'server-error'],
  ])('maps %p to %s', async (failure, code) => {
    const api = fakeApi();
    api.getTrackedMessage.mockRejectedValue(failure);
    const result = createStatusApi(api).get('a');
    await expect(result).rejects.toBeInstanceOf(PaneError);
    await expect(result).rejects.toMatchObject({ code });
  });

  it('keeps the client error code and message in the detail', async () => {
    const api = fakeApi();
    api.getTrackedMessage.mockRejectedValue(
      new ReadmarkApiError('api-server-error', 'GET failed with HTTP 500 (STORE_FAILED: down).', {
        status: 500,
      }),
    );
    await expect(createStatusApi(api).get('a')).rejects.toMatchObject({
      detail: 'api-server-error: GET failed with HTTP 500 (STORE_FAILED: down).',
    });
  });

  it('takes a server without the Internet Message-ID filter as not found', async () => {
    const api = fakeApi();
    api.findByInternetMessageId.mockRejectedValue(
      new ReadmarkApiError('api-request-rejected', 'GET failed with HTTP 400', { status: 400 }),
    );
    await expect(createStatusApi(api).findByInternetMessageId('<m@example.test>')).resolves.toBeNull();
  });

  it('reports the sender view', async () => {
    const api = fakeApi();
    await createStatusApi(api).reportView('a');
    expect(api.reportView).toHaveBeenCalledWith('a');
  });
});
