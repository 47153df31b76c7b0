import type { OpenKind } from '../../shared/api';

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

/** Every text of the "Open status" pane. Functions take the values they interpolate. */
export const statusStrings = {
  appTitle: 'Open status',
  refresh: 'Refresh',
  refreshing: 'Refreshing…',
  back: 'Back to all tracked messages',
  backShort: 'All messages',
  details: 'Technical details',
  loadingSelection: 'Loading…',
  loading: 'Loading tracked messages…',
  loadingDetail: 'Loading this message…',
  loadingMore: 'Loading more…',
  loadMore: 'Load more messages',
  updatedAt: (relative: string) => `Updated ${relative}`,
  staleData: 'Could not refresh. Showing the last data received.',

  // Dashboard
  listLabel: 'Tracked messages',
  searchLabel: 'Search by subject',
  searchPlaceholder: 'Search subjects',
  filterLabel: 'Show',
  noSubject: '(no subject)',
  notSentYet: 'Not sent yet',
  sentTimeUnknown: 'Sent',
  sentAt: (relative: string) => `Sent ${relative}`,
  recipients: (count: number) => (count === 1 ? '1 recipient' : `${count} recipients`),
  noMatches: 'No tracked messages match this search or filter.',
  noMatchesInLoaded: (count: number) => `No match among the ${count} most recent messages.`,
  clearFilters: 'Clear search and filter',

  // Status badges and filter values
  filterAll: 'All messages',
  badgeOpened: (count: number) => `Opened ${times(count)}`,
  badgeOpenedLabel: (count: number) => `Opened by a person ${times(count)}`,
  badgeProxy: (count: number) => `Opened via proxy ${count > 1 ? `(${count})` : ''}`.trim(),
  badgeProxyLabel: (count: number) => `Opened ${times(count)} through a mail provider's image proxy`,
  badgeUnclear: (count: number) => `Loaded ${times(count)}, unclear by whom`,
  badgeUnclearLabel: (count: number) =>
    `The image was loaded ${times(count)} by something Readmark could not identify. It may have been a person.`,
  badgeAutomated: 'Only automated fetches',
  badgeAutomatedLabel: 'Only automated fetches so far: privacy features or security scanners, not people',
  badgeReceipts: (read: number, notRead: number, recipients: number | null) => {
    const readPart =
      recipients === null
        ? `${read} read receipt${read === 1 ? '' : 's'}`
        : `Read receipts: ${read} of ${recipients}`;
    return notRead === 0 ? readPart : `${readPart}, ${notRead} not read`;
  },
  badgeNoSignal: 'No signal yet',
  badgeNoSignalLabel: 'No signal yet. Blocked images give no signal, so this does not mean unread.',
  badgeStopped: 'Tracking stopped',
  filterOpened: 'Opened by a person',
  filterProxy: 'Opened via proxy',
  filterUnclear: 'Unclear loads',
  filterAutomated: 'Only automated fetches',
  filterReceipts: 'With read receipts',
  filterNoSignal: 'No signal yet',
  filterStopped: 'Tracking stopped',
  openedSpan: (first: string, last: string) => `First opened ${first}, last ${last}`,

  // Detail
  opensHeading: 'Opens',
  opensListLabel: 'Opens by people',
  noPeopleOpens: 'No open by a person yet.',
  hiddenOpensShow: (tally: { automated: number; ownViews: number; repeats: number }) => {
    const parts = [
      tally.automated > 0 ? `${tally.automated} automated fetch${tally.automated === 1 ? '' : 'es'}` : null,
      tally.ownViews > 0 ? `${tally.ownViews} own view${tally.ownViews === 1 ? '' : 's'}` : null,
      tally.repeats > 0 ? `${tally.repeats} repeat${tally.repeats === 1 ? '' : 's'}` : null,
    ].filter((part) => part !== null);
    if (parts.length === 1) return `Show ${parts[0] ?? ''}`;
    const entries = tally.automated + tally.ownViews + tally.repeats;
    return `Show ${entries} entries (${parts.join(', ')})`;
  },
  hiddenOpensHide: 'Hide automated fetches, own views and repeats',
  hiddenOpensListLabel: 'Automated fetches, own views and repeats',
  notCounted: 'Repeat, not counted',
  repeatsExplained: 'A repeat from the same client within a few minutes is listed but counted once.',
  olderOpens: 'Show older opens',
  confidence: (level: 'high' | 'medium' | 'low') =>
    `${level[0]?.toUpperCase() ?? ''}${level.slice(1)} confidence`,
  openKind: {
    human: 'Opened by a person',
    'human-via-proxy': "Opened by a person through a mail provider's image proxy",
    prefetch: 'Loaded by a privacy feature on arrival, not a read',
    scanner: 'Fetched by a security scanner, not a read',
    self: 'Your own view of the sent message',
    unknown: 'Unclear who loaded it',
  } satisfies Record<OpenKind, string>,
  chartLabel: (people: number, other: number, from: string, to: string) =>
    `Counted opens over time from ${from} to ${to}: ${people} by people, ${other} other (automated, own views or unclear).`,
  chartNow: 'Now',
  chartLegendPeople: 'People',
  chartLegendOther: 'Automated, own views or unclear',
  summaryPeople: (count: number) =>
    count === 0 ? 'Not opened by a person yet' : `Opened by a person ${times(count)}`,
  summaryAutomated: (count: number) => `${count} automated fetch${count === 1 ? '' : 'es'}`,
  summarySelf: (count: number) => `${count} own view${count === 1 ? '' : 's'}`,
  summaryUnclear: (count: number) => `${count} unclear load${count === 1 ? '' : 's'}`,

  receiptsHeading: 'Read receipts',
  receiptsListLabel: 'Read receipts by recipient',
  receiptRead: 'Read',
  receiptNotRead: 'Deleted unread',
  receiptOther: (disposition: string) => `Other (${disposition})`,
  receiptUnknownRecipient: 'Unknown recipient',
  receiptsNone: 'No read receipt has arrived.',
  receiptsChecking: 'Checking your mailbox for read receipts…',
  receiptsCheckFailed: 'Could not search your mailbox for read receipts.',
  receiptsNoneUnsearched:
    'No read receipt is recorded. This Outlook cannot search your mailbox for new ones.',
  receiptRequestedYes: 'A read receipt was requested (checked on the sent copy).',
  receiptRequestedNo: 'No read receipt was requested for this message.',
  receiptRequestedUnknown: 'Not yet checked whether a read receipt was requested.',
  receiptRequestChecking: 'Checking the sent copy for a read-receipt request…',
  receiptRequestCheckFailed: 'Could not check the sent copy for a read-receipt request.',
  receiptsNote: 'Recipients can decline read receipts, so a missing receipt does not mean unread.',

  explainPixel:
    'One invisible image is shared by all recipients, so "opened" means someone opened it, not who.',
  explainBlocked: 'Mail apps that block images send no signal at all, so no signal does not mean unread.',

  stop: 'Stop tracking',
  stopTitle: 'Stop tracking this message?',
  stopBody: 'Opens after this are no longer recorded. Tracking cannot be restarted.',
  stopConfirm: 'Stop tracking',
  stopped: (relative: string) => `Tracking stopped ${relative}.`,
  delete: 'Delete tracking data',
  deleteTitle: 'Delete the tracking data of this message?',
  deleteBody:
    'Every recorded open and read receipt of this message is deleted from the Readmark server. The email itself is not touched.',
  deleteConfirm: 'Delete',
  cancel: 'Cancel',
  actionFailed: 'The Readmark server could not do this. Check your connection and try again.',

  // States
  emptyTitle: 'No tracked messages yet',
  emptyHowTo: 'While writing an email, choose "Track this email" on the ribbon. Its opens show up here.',
  signInTitle: 'Sign in to see your tracked messages',
  signInBody: 'Readmark needs you to sign in with your work account once.',
  signIn: 'Sign in',
  signInFailed: 'Sign-in did not finish. Allow the sign-in window to open, then try again.',
  naaTitle: 'This version of Outlook cannot sign in to Readmark',
  naaBody:
    'Readmark needs nested app authentication, which this Outlook does not offer. Use Outlook on the web, the new Outlook, or an updated Outlook for Windows or Mac.',
  unreachableTitle: 'The Readmark server is unreachable',
  unreachableBody: 'Check your connection, then try again.',
  serverErrorTitle: 'The Readmark server returned an error',
  serverErrorBody: 'Try again in a moment. If it keeps failing, tell your administrator.',
  notFoundTitle: 'This tracked message no longer exists',
  notFoundBody: 'Its tracking data was deleted.',
  untrackedTitle: 'This message is not tracked',
  untrackedBody: 'Only emails sent with "Track this email" show their opens here.',
  tryAgain: 'Try again',
};

export type StatusStrings = typeof statusStrings;
