import { failureText, strings } from '../../src/addin/strings';

/** Outlook truncates notification messages longer than this. */
const NOTIFICATION_MAX_CHARS = 150;

describe('string catalogue', () => {
  test('notifications fit the notification bar', () => {
    const { notAdded, ...fixed } = strings.compose.notifications;
    const messages = [
      ...Object.values(fixed),
      ...Object.keys(strings.common.failures).map((code) => notAdded(failureText(code))),
    ];
    for (const message of messages) {
      expect(`${message.length} ${message}`).toBe(
        `${Math.min(message.length, NOTIFICATION_MAX_CHARS)} ${message}`,
      );
    }
  });

  test.each([
    [2, 0, 0, 'Show 2 automated fetches'],
    [0, 1, 0, 'Show 1 own view'],
    [0, 0, 3, 'Show 3 repeats'],
    [1, 3, 0, 'Show 4 entries (1 automated fetch, 3 own views)'],
    [0, 1, 5, 'Show 6 entries (1 own view, 5 repeats)'],
    [1, 1, 1, 'Show 3 entries (1 automated fetch, 1 own view, 1 repeat)'],
  ])('reveal button for %i automated, %i own, %i repeats', (automated, ownViews, repeats, label) => {
    expect(strings.status.hiddenOpensShow({ automated, ownViews, repeats })).toBe(label);
  });

  test.each([
    [1, 0, 2, 'Read receipts: 1 of 2'],
    [1, 1, 2, 'Read receipts: 1 of 2, 1 not read'],
    [0, 1, 2, 'Read receipts: 0 of 2, 1 not read'],
    [2, 0, null, '2 read receipts'],
    [1, 1, null, '1 read receipt, 1 not read'],
  ])('receipt badge for %i read, %i not read, %p recipients', (read, notRead, recipients, label) => {
    expect(strings.status.badgeReceipts(read, notRead, recipients)).toBe(label);
  });

  test('unknown code gets the generic failure', () => {
    expect(failureText('no-such-code')).toBe(strings.common.failures['unexpected-error']);
  });

  test('every add-in error code has a sentence', () => {
    const codes = [
      'sign-in-not-configured',
      'sign-in-cancelled',
      'sign-in-blocked',
      'sign-in-busy',
      'sign-in-failed',
      'api-unreachable',
      'api-timed-out',
      'api-unauthorized',
      'api-not-found',
      'api-request-rejected',
      'api-server-error',
      'api-invalid-response',
      'office-call-failed',
      'graph-request-failed',
      'graph-id-unavailable',
      'invalid-pixel-url',
    ];
    for (const code of codes) {
      expect(`${code}: ${failureText(code) === strings.common.failures['unexpected-error']}`).toBe(
        `${code}: false`,
      );
    }
  });
});
