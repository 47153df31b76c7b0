import type { Frame, Page } from 'playwright-core';
import { failureText, strings } from '../../src/addin/strings';
import { GOOGLE_IMAGE_PROXY_USER_AGENT } from '../../src/simulator/pages/imageProxy';
import { browserAvailable, launchBrowser, withScreenshots, type BrowserSession } from './support/browser';
import { startReadmarkStack, type ReadmarkStack } from './support/readmarkStack';

// The real add-in build against the real tracking server, in the simulated Outlook, as a user of
// `npm start` would click through it.
const describeInBrowser = browserAvailable() ? describe : describe.skip;
// A scenario waits up to SETTLE_MS at a few steps, on a machine shared with other work.
jest.setTimeout(120_000);

const SENDER = 'alex@contoso.test';
const RECIPIENT = 'blair@fabrikam.test';
/** How long to wait for something the server or the pane does on its own (refresh, commit). */
const SETTLE_MS = 30_000;

describeInBrowser('tracking with the real add-in and server', () => {
  let stack: ReadmarkStack;
  let browser: BrowserSession;

  beforeAll(async () => {
    stack = await startReadmarkStack();
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  afterEach(async () => {
    await Promise.all(browser.context.pages().map((page) => page.close()));
  });

  async function compose(subject: string, options: { client?: string; format?: 'html' | 'text' } = {}) {
    const page = await browser.context.newPage();
    const client = options.client ?? 'outlook-web';
    await page.goto(`${stack.simulator.url}/outlook/compose?user=${SENDER}&client=${client}`);
    await page.waitForSelector('body[data-ready=true]');
    await page.fill('#to', RECIPIENT);
    await page.fill('#subject', subject);
    await page.selectOption('#format', options.format ?? 'html');
    await page.click('#body');
    await page.keyboard.type('Hello Blair, the figures are attached.');
    return page;
  }

  async function clickTrack(page: Page): Promise<void> {
    await page.click('[data-addin-button="Track this email"]');
    await page.waitForSelector('[data-addin-button="Track this email"][data-command-state=completed]');
  }

  async function send(page: Page): Promise<void> {
    await page.click('#send');
    await page.waitForSelector('body[data-sent]');
  }

  function received(subject: string) {
    return stack.simulator.mail.store.list(RECIPIENT, 'inbox').find((message) => message.subject === subject);
  }

  async function openFolder(user: string, folder: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${stack.simulator.url}/outlook/mail?user=${user}&folder=${folder}`);
    await page.waitForSelector('body[data-ready=true]');
    return page;
  }

  async function openMail(user: string, folder: string, subject: string): Promise<Page> {
    const page = await openFolder(user, folder);
    await page.click(`#messages li:has-text("${subject}") button.message`);
    await page.waitForSelector('#reading iframe');
    return page;
  }

  /** Turns on the read-receipt request in the Tracking options task pane of a draft. */
  async function requestReceipt(draft: Page): Promise<void> {
    // The simulator drops the add-in's request header, as Exchange is expected to, so the
    // sender requests the receipt in the task pane.
    await draft.click('[data-addin-button="Tracking options"]');
    const options = await (await draft.waitForSelector('#taskpane iframe')).contentFrame();
    if (!options) throw new Error('The task pane frame has no content.');
    await options.click(`role=checkbox[name="${strings.compose.pane.receiptLabel}"]`);
    await options.waitForSelector(`text=${strings.compose.pane.receiptOn}`);
  }

  /** Opens the sender's Sent Items with the status pane pinned and no message selected. */
  async function paneBesideSentItems(): Promise<{ page: Page; pane: Frame }> {
    const page = await browser.context.newPage();
    await page.goto(`${stack.simulator.url}/outlook/mail?user=${SENDER}&folder=sentitems`);
    await page.waitForSelector('body[data-ready=true]');
    await page.click('#open-status');
    const frame = await (await page.waitForSelector('#statuspane iframe')).contentFrame();
    if (!frame) throw new Error('The status pane frame has no content.');
    // The list shows once the pane has signed in and read the server, so a selection made after
    // this is reported as a view at once, not after a cold start.
    await frame.waitForSelector(`role=list[name="${strings.status.listLabel}"]`, { timeout: SETTLE_MS });
    return { page, pane: frame };
  }

  /**
   * Presses Refresh until `read` returns text that `accept` takes, so that no polling timer has to
   * be awaited, and names what the pane showed when it never does.
   */
  async function waitInPane(
    pane: Frame,
    expected: string,
    read: () => Promise<string>,
    accept: (text: string) => boolean,
  ) {
    const deadline = Date.now() + SETTLE_MS;
    while (Date.now() < deadline) {
      if (accept(await read().catch(() => ''))) return;
      await pane.click(`role=button[name="${strings.status.refresh}"]`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const shown = (await pane.textContent('main')) ?? '';
    throw new Error(`The status pane did not show ${expected} within ${SETTLE_MS} ms. It shows: ${shown}`);
  }

  /** Returns a reader of the accessible label of the dashboard row with `subject`. */
  function dashboardRow(pane: Frame, subject: string): () => Promise<string> {
    const row = pane.locator(
      `role=list[name="${strings.status.listLabel}"] >> role=button[name=/${subject}/]`,
    );
    return async () => (await row.first().getAttribute('aria-label')) ?? '';
  }

  async function trackedBySubject(subject: string) {
    const tracked = (await stack.trackedMessages(SENDER)).find((item) => item.subject === subject);
    if (!tracked) throw new Error(`No tracked message has the subject "${subject}".`);
    return stack.trackedMessage(SENDER, tracked.id);
  }

  test('recipient open shows in the pinned pane', async () => {
    await withScreenshots(browser.context, 'real-full-flow', async () => {
      const draft = await compose('Quarterly figures');
      await clickTrack(draft);
      expect(await draft.textContent('#notifications')).toContain(strings.compose.notifications.on);
      await send(draft);

      const [tracked] = await stack.trackedMessages(SENDER);
      expect(tracked?.subject).toBe('Quarterly figures');
      expect(received('Quarterly figures')?.body).toContain(`${stack.serverUrl}/o/${tracked?.id ?? ''}.gif`);

      await openMail(RECIPIENT, 'inbox', 'Quarterly figures');
      // The sender watches the list without selecting the message: selecting it loads the image in
      // the Sent Items copy, which is the self-view scenario below.
      const { pane } = await paneBesideSentItems();
      await waitInPane(pane, 'the open by a person', dashboardRow(pane, 'Quarterly figures'), (label) =>
        label.includes(strings.status.badgeOpenedLabel(1)),
      );

      const detail = await trackedBySubject('Quarterly figures');
      expect(detail.opens.counts).toMatchObject({ human: 1, scanner: 0, prefetch: 0, self: 0 });
      expect(detail.recentOpens[0]?.reasons).toEqual(expect.arrayContaining(['web-browser']));
    });
  });

  test('read receipt reaches the pinned pane', async () => {
    await withScreenshots(browser.context, 'real-read-receipt', async () => {
      const draft = await compose('Signed figures');
      await requestReceipt(draft);
      await clickTrack(draft);
      await send(draft);
      expect(received('Signed figures')?.dispositionNotificationTo).toBe(SENDER);

      const inbox = await openMail(RECIPIENT, 'inbox', 'Signed figures');
      await inbox.click('#receipt');
      await inbox.waitForSelector('body[data-last-action=receipt]');
      expect(await inbox.textContent('#action-status')).toBe(`Read receipt sent to ${SENDER}.`);

      // The pane finds the report in the sender's inbox through Graph when it opens, and posts it.
      const { pane } = await paneBesideSentItems();
      await waitInPane(pane, 'the read receipt', dashboardRow(pane, 'Signed figures'), (label) =>
        /read receipt/i.test(label),
      );

      const detail = await trackedBySubject('Signed figures');
      expect(detail.receipts).toEqual({ read: 1, notRead: 0, other: 0 });
      // The pane checked the Sent Items copy through Graph before storing that a receipt was requested.
      expect(detail.readReceiptRequested).toBe(true);
      expect(detail.receiptList).toEqual([
        expect.objectContaining({ kind: 'read', finalRecipient: RECIPIENT }),
      ]);
    });
  });

  test('delete unread records no open', async () => {
    await withScreenshots(browser.context, 'real-delete-unread', async () => {
      const draft = await compose('Unwanted figures');
      await requestReceipt(draft);
      await clickTrack(draft);
      await send(draft);

      // Blair deletes the message from the list without opening it, so the image is never loaded.
      const inbox = await openFolder(RECIPIENT, 'inbox');
      await inbox.click('role=button[name="Delete unread: Unwanted figures"]');
      await inbox.waitForSelector('body[data-last-action=delete-unread]');

      const { pane } = await paneBesideSentItems();
      await waitInPane(
        pane,
        'the "not read" receipt',
        async () => String((await trackedBySubject('Unwanted figures')).receipts.notRead),
        (count) => count === '1',
      );

      const detail = await trackedBySubject('Unwanted figures');
      expect(detail.receipts).toEqual({ read: 0, notRead: 1, other: 0 });
      expect(detail.receiptList).toEqual([
        expect.objectContaining({ kind: 'not-read', finalRecipient: RECIPIENT }),
      ]);
      expect(detail.opens.counts).toMatchObject({ human: 0, scanner: 0, prefetch: 0, self: 0 });
      expect(detail.opens.peopleOpens).toBe(0);
      expect(detail.recentOpens).toEqual([]);
    });
  });

  test('plain-text draft is left unchanged', async () => {
    await withScreenshots(browser.context, 'real-plain-text', async () => {
      const draft = await compose('Plain figures', { format: 'text' });
      await clickTrack(draft);
      expect(await draft.textContent('#notifications')).toContain(strings.compose.notifications.plainText);
      await send(draft);

      expect(received('Plain figures')?.bodyType).toBe('text');
      expect(received('Plain figures')?.body).not.toContain('/o/');
      const tracked = await stack.trackedMessages(SENDER);
      expect(tracked.map((message) => message.subject)).not.toContain('Plain figures');
    });
  });

  test('client without append-on-send cannot track', async () => {
    await withScreenshots(browser.context, 'real-no-append-on-send', async () => {
      const draft = await compose('Old client figures', { client: 'outlook-2019' });
      await clickTrack(draft);
      expect(await draft.textContent('#notifications')).toContain(
        strings.compose.notifications.unsupportedVersion,
      );
      await send(draft);

      expect(received('Old client figures')?.body).not.toContain('/o/');
      const tracked = await stack.trackedMessages(SENDER);
      expect(tracked.map((message) => message.subject)).not.toContain('Old client figures');
    });
  });

  test('server down leaves the draft sendable', async () => {
    await withScreenshots(browser.context, 'real-server-down', async () => {
      const draft = await compose('Offline figures');
      // The add-in's pages are already served, but every API call fails as with a server that is down.
      const api = `${stack.serverUrl}/api/v1/**`;
      await browser.context.route(api, (route) => route.abort('connectionrefused'));
      try {
        await clickTrack(draft);
      } finally {
        await browser.context.unroute(api);
      }
      expect(await draft.textContent('#notifications')).toContain(
        strings.compose.notifications.notAdded(failureText('api-unreachable')),
      );
      await send(draft);

      const message = received('Offline figures');
      expect(message?.body).toContain('Hello Blair');
      expect(message?.body).not.toContain('/o/');
      expect(message?.mime).not.toMatch(/^X-Readmark-Id:/im);
      expect(message?.dispositionNotificationTo).toBeNull();
      const sent = stack.simulator.mail.store
        .list(SENDER, 'sentitems')
        .find((item) => item.subject === 'Offline figures');
      expect(JSON.stringify(sent?.customProperties ?? {})).not.toContain('trackingId');
      const tracked = await stack.trackedMessages(SENDER);
      expect(tracked.map((item) => item.subject)).not.toContain('Offline figures');
    });
  });

  test('proxy fetch is labelled opened via proxy', async () => {
    await withScreenshots(browser.context, 'real-proxy', async () => {
      const draft = await compose('Proxy figures');
      await clickTrack(draft);
      await send(draft);

      // The recipient's webmail blocks images; its provider's proxy fetches the image instead.
      const inbox = await openMail(RECIPIENT, 'inbox', 'Proxy figures');
      await inbox.click('#proxy-open');
      await inbox.waitForSelector('body[data-last-action=proxy-open]');
      const { pane } = await paneBesideSentItems();
      await waitInPane(
        pane,
        'the direct open and the one through the image proxy',
        dashboardRow(pane, 'Proxy figures'),
        (label) => label.includes(strings.status.badgeOpenedLabel(2)),
      );

      const detail = await trackedBySubject('Proxy figures');
      const proxied = detail.recentOpens.find((open) => open.userAgent === GOOGLE_IMAGE_PROXY_USER_AGENT);
      expect(proxied).toMatchObject({ kind: 'human-via-proxy', counted: true });
      expect(detail.opens.peopleOpens).toBe(2);
    });
  });

  test('sender view with the pane pinned is a self view', async () => {
    await withScreenshots(browser.context, 'real-self-view', async () => {
      const draft = await compose('Own figures');
      await clickTrack(draft);
      await send(draft);

      // Selecting the message renders the Sent Items copy, image and all, beside the pinned pane.
      const { page, pane } = await paneBesideSentItems();
      await page.click('#messages li:has-text("Own figures") button.message');
      // The recipient's actions are not offered in Sent Items.
      expect(await page.isHidden('#receipt')).toBe(true);
      await pane.waitForSelector('#detail-subject:has-text("Own figures")', { timeout: SETTLE_MS });
      await waitInPane(
        pane,
        'the own view',
        async () => (await pane.textContent('main')) ?? '',
        (text) => text.includes(strings.status.summarySelf(1)),
      );

      const detail = await trackedBySubject('Own figures');
      expect(detail.opens).toMatchObject({ peopleOpens: 0, automatedOpens: 0, selfViews: 1 });
      expect(await pane.textContent('main')).toContain(strings.status.summaryPeople(0));

      // The pinned pane stays pinned after a visit to another folder, as in Outlook.
      await page.click('#folders a:has-text("Inbox")');
      await page.waitForURL(/folder=inbox/);
      await page.click('#folders a:has-text("Sent Items")');
      await page.waitForURL(/folder=sentitems/);
      await page.waitForSelector('body[data-status-pane=open] #statuspane iframe');
    });
  });
});
