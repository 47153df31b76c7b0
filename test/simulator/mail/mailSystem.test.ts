import { simpleParser } from 'mailparser';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/simulator';
import { draftFactory } from '../support/draft';

const PIXEL = '<img src="https://track.example.test/o/abc.gif" width="1" height="1" alt="" border="0">';

describe('MailSystem', () => {
  let simulator: RunningSimulator;

  beforeEach(async () => {
    simulator = await startSimulator();
  });

  afterEach(async () => {
    await simulator.close();
  });

  test('send appends the queued pixel for recipient and sender', async () => {
    const sent = await simulator.mail.send(
      'alex@contoso.test',
      null,
      draftFactory({ appendOnSend: PIXEL, customProperties: { addin: { trackingId: 'abc' } } }),
    );

    const [received] = simulator.mail.store.list('blair@fabrikam.test', 'inbox');
    expect(received?.body).toContain(PIXEL);
    expect(received?.body.indexOf(PIXEL)).toBeGreaterThan(received?.body.indexOf('Hello Blair') ?? Infinity);
    expect(received?.internetMessageId).toBe(sent.internetMessageId);
    expect(received?.messageClass).toBe('IPM.Note');

    expect(sent.folder).toBe('sentitems');
    expect(sent.body).toContain(PIXEL);
    const sentCopy = await simpleParser(sent.mime ?? '');
    expect(sentCopy.html).toContain('https://track.example.test/o/abc.gif');
    expect(sent.customProperties).toEqual({ addin: { trackingId: 'abc' } });
  });

  test('add-in internet headers reach the recipient, the disposition header does not', async () => {
    await simulator.mail.send(
      'alex@contoso.test',
      null,
      draftFactory({
        internetHeaders: { 'X-Readmark-Id': 'abc', 'Disposition-Notification-To': 'alex@contoso.test' },
      }),
    );
    const [received] = simulator.mail.store.list('blair@fabrikam.test', 'inbox');
    expect(received?.mime).toMatch(/^X-Readmark-Id: abc\r?$/im);
    expect(received?.mime).not.toMatch(/^Disposition-Notification-To:/im);
    expect(received?.dispositionNotificationTo).toBeNull();
  });

  test('read receipt requested on the saved draft goes out', async () => {
    const draft = simulator.mail.saveDraft('alex@contoso.test', null, draftFactory());
    simulator.mail.store.update('alex@contoso.test', draft.id, { isReadReceiptRequested: true });
    const sent = await simulator.mail.send('alex@contoso.test', draft.id, draftFactory());

    expect(sent.isReadReceiptRequested).toBe(true);
    expect(simulator.mail.store.list('alex@contoso.test', 'drafts')).toHaveLength(0);
    const [received] = simulator.mail.store.list('blair@fabrikam.test', 'inbox');
    expect(received?.dispositionNotificationTo).toBe('alex@contoso.test');
  });

  test('read receipt arrives as an RFC 8098 report', async () => {
    const draft = simulator.mail.saveDraft('alex@contoso.test', null, draftFactory());
    simulator.mail.store.update('alex@contoso.test', draft.id, { isReadReceiptRequested: true });
    const sent = await simulator.mail.send('alex@contoso.test', draft.id, draftFactory());
    const [received] = simulator.mail.store.list('blair@fabrikam.test', 'inbox');

    await simulator.mail.sendReadReceipt('blair@fabrikam.test', received?.id ?? '', 'displayed');

    const [report] = simulator.mail.store.list('alex@contoso.test', 'inbox');
    expect(report?.messageClass).toBe('REPORT.IPM.Note.IPNRN');
    expect(report?.originalMessageId).toBe(sent.internetMessageId);
    expect(report?.subject).toBe('Read: Quarterly numbers');
    expect(report?.mime).toMatch(/Content-Type: multipart\/report; report-type=disposition-notification/);
    expect(report?.mime).toMatch(/^Disposition: manual-action\/MDN-sent-manually; displayed\r?$/m);
    expect(report?.mime).toMatch(/^Final-Recipient: rfc822;blair@fabrikam.test\r?$/m);
  });

  test('deleted unread receipt is a not-read report', async () => {
    const draft = simulator.mail.saveDraft('alex@contoso.test', null, draftFactory());
    simulator.mail.store.update('alex@contoso.test', draft.id, { isReadReceiptRequested: true });
    await simulator.mail.send('alex@contoso.test', draft.id, draftFactory());
    const [received] = simulator.mail.store.list('blair@fabrikam.test', 'inbox');

    await simulator.mail.sendReadReceipt('blair@fabrikam.test', received?.id ?? '', 'deleted');

    const [report] = simulator.mail.store.list('alex@contoso.test', 'inbox');
    expect(report?.messageClass).toBe('REPORT.IPM.Note.IPNNRN');
    expect(report?.mime).toMatch(/^Disposition: automatic-action\/MDN-sent-automatically; deleted\r?$/m);
  });

  test('receipt without a request is refused', async () => {
    await simulator.mail.send('alex@contoso.test', null, draftFactory());
    const [received] = simulator.mail.store.list('blair@fabrikam.test', 'inbox');
    await expect(
      simulator.mail.sendReadReceipt('blair@fabrikam.test', received?.id ?? '', 'displayed'),
    ).rejects.toThrow(/did not ask for a read receipt/);
  });

  test('plain-text draft is sent as text with the appended text', async () => {
    await simulator.mail.send(
      'alex@contoso.test',
      null,
      draftFactory({ bodyType: 'text', body: 'Plain hello', appendOnSend: '-- sent with care' }),
    );
    const [received] = simulator.mail.store.list('blair@fabrikam.test', 'inbox');
    expect(received?.bodyType).toBe('text');
    expect(received?.body).toContain('Plain hello\n-- sent with care');
  });

  test('unknown recipient is rejected by SMTP', async () => {
    await expect(
      simulator.mail.send('alex@contoso.test', null, draftFactory({ to: ['nobody@elsewhere.test'] })),
    ).rejects.toThrow(/nobody@elsewhere.test/);
  });
});
