import { verifyReceiptRequests } from '../../../../src/addin/status/receipts/verifyReceiptRequests';
import type { TrackedMessage, UpdateTrackedMessageRequest } from '../../../../src/shared/api';
import { FakeReportMailbox, trackedMessage } from './fakeMailbox';

describe('verifying read-receipt requests', () => {
  function setup() {
    const mailbox = new FakeReportMailbox();
    const patches: { id: string; request: UpdateTrackedMessageRequest }[] = [];
    const server = {
      updateTrackedMessage: (id: string, request: UpdateTrackedMessageRequest): Promise<TrackedMessage> => {
        patches.push({ id, request });
        return Promise.resolve({ ...trackedMessage(id, null), ...request } as TrackedMessage);
      },
    };
    return { mailbox, patches, server };
  }

  it('stores what the Sent Items copy says, true or false', async () => {
    const { mailbox, patches, server } = setup();
    mailbox.sentCopies.set('<a@x>', {
      internetMessageId: '<a@x>',
      isReadReceiptRequested: true,
      sentAt: null,
      trackingId: null,
    });
    mailbox.sentCopies.set('<b@x>', {
      internetMessageId: '<b@x>',
      isReadReceiptRequested: false,
      sentAt: null,
      trackingId: null,
    });

    const updated = await verifyReceiptRequests(
      [trackedMessage('t1', '<a@x>'), trackedMessage('t2', '<b@x>')],
      mailbox,
      server,
    );

    expect(patches).toEqual([
      { id: 't1', request: { readReceiptRequested: true } },
      { id: 't2', request: { readReceiptRequested: false } },
    ]);
    expect(updated.map((message) => message.readReceiptRequested)).toEqual([true, false]);
  });

  it('skips messages already checked, not yet sent, or without a Sent Items copy yet', async () => {
    const { mailbox, patches, server } = setup();
    mailbox.sentCopies.set('<a@x>', {
      internetMessageId: '<a@x>',
      isReadReceiptRequested: true,
      sentAt: null,
      trackingId: null,
    });
    const checked = { ...trackedMessage('t1', '<a@x>'), readReceiptRequested: false };

    const updated = await verifyReceiptRequests(
      [checked, trackedMessage('t2', null), trackedMessage('t3', '<not-yet@x>')],
      mailbox,
      server,
    );

    expect(updated).toEqual([]);
    expect(patches).toEqual([]);
  });
});
