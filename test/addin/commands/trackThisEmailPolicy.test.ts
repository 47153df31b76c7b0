import { createTrackThisEmail, NOTIFICATION_KEY } from '../../../src/addin/commands/trackThisEmail';
import { strings } from '../../../src/addin/strings';
import { fakeApi } from '../fakeApi';
import { installFakeOffice } from '../fakeOffice';

// The fake draft is addressed to a@example.com (To) and b@example.com (Cc).
const text = strings.compose.notifications;

describe('trackThisEmail and the tenant policy', () => {
  test.each([
    ['tracking is off for the tenant', { trackingEnabled: false }, 'policy-tracking-off'],
    ['every recipient is internal', { internalDomains: ['example.com'] }, 'policy-internal-only'],
    [
      'a recipient domain is never tracked',
      { neverTrackDomains: ['example.com'] },
      'policy-never-track-domain',
    ],
  ])('adds nothing and explains why when %s', async (_name, policy, code) => {
    const office = installFakeOffice();
    const fake = fakeApi();
    Object.assign(fake.policy, policy);
    const done = { completed: jest.fn() };

    await createTrackThisEmail(fake.dependencies)(done);

    expect(fake.created).toHaveLength(0);
    expect(office.draft.appendCalls).toHaveLength(0);
    expect(office.draft.headers).toEqual({});
    expect(office.draft.savedProperties).toEqual({});
    expect(office.draft.notifications.get(NOTIFICATION_KEY)).toEqual({
      type: 'errorMessage',
      message: text.notAdded(strings.common.failures[code] ?? 'missing string'),
    });
    expect(done.completed).toHaveBeenCalledTimes(1);
  });

  test('tracks when only some recipients are internal', async () => {
    const office = installFakeOffice();
    const fake = fakeApi();
    fake.policy.internalDomains = ['a.example.com', 'contoso.com'];

    await createTrackThisEmail(fake.dependencies)({ completed: jest.fn() });

    expect(fake.created).toHaveLength(1);
    expect(office.draft.appended).toContain('/o/tid0000000000000000001.gif');
  });

  test('adds the visible notice before the pixel, escaped', async () => {
    const office = installFakeOffice();
    const fake = fakeApi();
    fake.policy.notice = 'Readmark records when this message is opened <by design>.';

    await createTrackThisEmail(fake.dependencies)({ completed: jest.fn() });

    expect(office.draft.appended).toBe(
      '<p>Readmark records when this message is opened &lt;by design&gt;.</p>' +
        '<img src="https://readmark.example/o/tid0000000000000000001.gif" width="1" height="1" alt="" border="0">',
    );
  });

  test('reports an unreachable server when the policy cannot be read', async () => {
    const office = installFakeOffice();
    const fake = fakeApi();
    fake.api.getPolicy.mockImplementation(() =>
      Promise.reject(Object.assign(new Error('unreachable'), { code: 'api-unreachable' })),
    );

    await createTrackThisEmail(fake.dependencies)({ completed: jest.fn() });

    expect(fake.created).toHaveLength(0);
    expect(office.draft.appendCalls).toHaveLength(0);
    expect(office.draft.notifications.get(NOTIFICATION_KEY)?.type).toBe('errorMessage');
  });
});
