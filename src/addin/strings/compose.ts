/**
 * Strings of the compose surface: the "Track this email" command's notifications (Outlook shows at
 * most 150 characters) and the "Tracking options" task pane.
 */
export const compose = {
  notifications: {
    adding: 'Readmark is adding tracking…',
    on: 'Tracking is on. Readmark adds an invisible image when you send this message.',
    onWithoutHeaders:
      'Tracking is on. The read-receipt request header could not be set, so only opens will be reported.',
    onHeadersUnsupported:
      'Tracking is on. This Outlook version cannot set the read-receipt request header, so only opens will be reported.',
    onMarkerNotSaved:
      'Tracking is on, but Outlook could not save the tracking mark on this draft. Do not track it again.',
    alreadyOn: 'Tracking is already on for this message.',
    inProgress: 'Readmark is already adding tracking to this message.',
    unsupportedVersion: 'This version of Outlook cannot add tracking to messages (it needs Mailbox 1.9).',
    plainText:
      'This message is plain text, so tracking cannot be added. Switch the message to HTML to track it.',
    notAdded: (reason: string): string => `${reason} Tracking was not added; you can still send normally.`,
  },
  pane: {
    title: 'Tracking options',
    loading: 'Checking this message…',
    switchLabel: 'Track this email',
    stateOn: 'Tracking is on for this message.',
    stateOff: 'Tracking is off for this message.',
    stateWorking: 'Updating tracking…',
    unavailableTitle: 'Tracking is not possible here',
    unavailable: {
      'no-compose-item': 'Open a new message or a reply to use tracking.',
      'mailbox-1.9': 'This version of Outlook cannot add tracking to messages (it needs Mailbox 1.9).',
      'plain-text': 'This message is plain text. Switch it to HTML to track it.',
    },
    stopWarningServer:
      'Tracking is off. The image was removed, but the Readmark server could not be told; it will record nothing for this message.',
    receiptLabel: 'Also request a read receipt through Exchange',
    receiptHint: 'Saves the draft and asks Exchange to request a receipt from every recipient.',
    receiptWorking: 'Requesting a read receipt…',
    receiptOn: 'Exchange will ask recipients for a read receipt.',
    receiptFailed: 'The read receipt could not be requested.',
    receiptWithdrawing: 'Withdrawing the read-receipt request…',
    receiptOff: 'No read receipt will be requested.',
    receiptWithdrawFailed: 'The read-receipt request could not be withdrawn.',
    honestyPixel:
      'The image tells Readmark that someone opened the message, not who: every recipient gets the same one.',
    honestyReceipts: 'Read receipts are per recipient, but each recipient may decline to send one.',
  },
};
