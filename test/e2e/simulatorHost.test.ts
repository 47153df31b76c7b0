import type { Page } from 'playwright-core';
import { GOOGLE_IMAGE_PROXY_USER_AGENT } from '../../src/simulator/pages/imageProxy';
import { outlookPages } from '../../src/simulator/pages/registerPages';
import { startSimulator, type RunningSimulator } from '../../src/simulator/simulator';
import { browserAvailable, launchBrowser, withScreenshots, type BrowserSession } from './support/browser';
import { startFixtureAddin, type FixtureAddin } from './support/fixtureAddin';

// These scenarios drive the simulated Outlook with a fixture add-in and pixel endpoint, so the
// Office host, the pages and the mail path are proven in a real browser on their own. The real
// add-in against the real server is in trackingFlow.test.ts.
const describeInBrowser = browserAvailable() ? describe : describe.skip;

describeInBrowser('simulated Outlook in Chromium', () => {
  let simulator: RunningSimulator;
  let fixture: FixtureAddin;
  let browser: BrowserSession;

  beforeAll(async () => {
    let simulatorUrl = '';
    fixture = await startFixtureAddin(() => simulatorUrl);
    simulator = await startSimulator({
      keepsAddinDispositionHeader: true,
      extraRoutes: outlookPages({
        trackingServerUrl: fixture.url,
        addinCommands: {
          functionFileUrl: `${fixture.url}/addin/commands.html`,
          composeButtons: [
            { label: 'Track this email', action: 'ExecuteFunction', functionName: 'trackThisEmail' },
          ],
          readPaneUrl: `${fixture.url}/addin/status.html`,
          addinId: 'fixture-addin',
        },
      }),
    });
    simulatorUrl = simulator.url;
    browser = await launchBrowser();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await simulator?.close();
    await fixture?.close();
  });

  beforeEach(() => {
    fixture.hits.length = 0;
  });

  async function compose(client: string, format: 'html' | 'text', subject: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${simulator.url}/outlook/compose?user=alex@contoso.test&client=${client}`);
    await page.waitForSelector('body[data-ready=true]');
    await page.fill('#to', 'blair@fabrikam.test');
    await page.fill('#subject', subject);
    await page.selectOption('#format', format);
    await page.click('#body');
    await page.keyboard.type('Hello Blair, the figures are attached.');
    await page.click('[data-addin-button="Track this email"]');
    await page.waitForSelector('[data-addin-button="Track this email"][data-command-state=completed]');
    return page;
  }

  async function send(page: Page): Promise<void> {
    await page.click('#send');
    await page.waitForSelector('body[data-sent]');
  }

  async function openFolder(user: string, folder: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${simulator.url}/outlook/mail?user=${user}&folder=${folder}`);
    await page.waitForSelector('body[data-ready=true]');
    return page;
  }

  async function openInInbox(subject: string): Promise<Page> {
    const page = await openFolder('blair@fabrikam.test', 'inbox');
    await page.click(`#messages li:has-text("${subject}") button.message`);
    await page.waitForSelector('#reading iframe');
    return page;
  }

  /** Returns the accessible label, or else the text, of the focused element. */
  async function focusedName(page: Page): Promise<string> {
    return page.evaluate(() => {
      const focused = document.activeElement;
      return focused?.getAttribute('aria-label') ?? focused?.textContent ?? '';
    });
  }

  function inboxOf(user: string, subject: string) {
    return simulator.mail.store.list(user, 'inbox').filter((message) => message.subject === subject);
  }

  async function waitForHits(count: number): Promise<void> {
    for (let attempt = 0; attempt < 100 && fixture.hits.length < count; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  test('tracked message is opened and receipted', async () => {
    await withScreenshots(browser.context, 'full-flow', async () => {
      const draft = await compose('outlook-web', 'html', 'Tracked figures');
      expect(await draft.textContent('#notifications')).toContain('Tracking is on');
      await send(draft);

      const sent = simulator.mail.store
        .list('alex@contoso.test', 'sentitems')
        .find((m) => m.subject === 'Tracked figures');
      expect(sent?.body).toContain('/o/fixture-id.gif');
      expect(sent?.customProperties).toEqual({ 'fixture-addin': { trackingId: 'fixture-id' } });

      const inbox = await openInInbox('Tracked figures');
      await waitForHits(1);
      expect(fixture.hits[0]?.method).toBe('GET');
      expect(fixture.hits[0]?.userAgent).toMatch(/Chrome/);

      await inbox.click('#receipt');
      await inbox.waitForSelector('body[data-last-action=receipt]');
      const token = await simulator.identity.issueFor('alex@contoso.test', 'Mail.Read');
      const filter =
        "singleValueExtendedProperties/Any(ep: ep/id eq 'String 0x001A' and startswith(ep/value, 'REPORT.IPM.Note'))";
      const response = await fetch(
        `${simulator.url}/v1.0/me/mailFolders('inbox')/messages?$filter=${encodeURIComponent(filter)}`,
        {
          headers: { Authorization: `Bearer ${token.accessToken}` },
        },
      );
      const reports = (await response.json()) as { value: { subject: string }[] };
      expect(reports.value.map((report) => report.subject)).toEqual(['Read: Tracked figures']);
    });
  });

  test('provider proxy fetches the pixel', async () => {
    await withScreenshots(browser.context, 'proxy-fetch', async () => {
      const draft = await compose('outlook-web', 'html', 'Proxy figures');
      await send(draft);
      const page = await browser.context.newPage();
      await page.goto(`${simulator.url}/outlook/mail?user=blair@fabrikam.test&folder=inbox`);
      await page.waitForSelector('body[data-ready=true]');
      await page.click('#messages li:has-text("Proxy figures") button.message');
      fixture.hits.length = 0;
      await page.click('#proxy-open');
      await page.waitForSelector('body[data-last-action=proxy-open]');
      expect(fixture.hits.map((hit) => hit.userAgent)).toContain(GOOGLE_IMAGE_PROXY_USER_AGENT);
    });
  });

  test('delete unread leaves the pixel unfetched', async () => {
    await withScreenshots(browser.context, 'deleted-unread', async () => {
      const draft = await compose('outlook-web', 'html', 'Ignored figures');
      await send(draft);
      const inbox = await openFolder('blair@fabrikam.test', 'inbox');
      await inbox.click('role=button[name="Delete unread: Ignored figures"]');
      await inbox.waitForSelector('body[data-last-action=delete-unread]');

      expect(await inbox.textContent('#action-status')).toBe(
        'Deleted "Ignored figures" unread and sent a "not read" receipt to alex@contoso.test.',
      );
      expect(await inbox.locator('#reading iframe').count()).toBe(0);
      expect(fixture.hits).toEqual([]);
      expect(await inbox.locator('#messages li', { hasText: 'Ignored figures' }).count()).toBe(0);
      const deleted = simulator.mail.store
        .list('blair@fabrikam.test', 'deleteditems')
        .find((m) => m.subject === 'Ignored figures');
      expect(deleted?.isRead).toBe(false);
      const reports = inboxOf('alex@contoso.test', 'Not read: Ignored figures');
      expect(reports.map((report) => report.messageClass)).toEqual(['REPORT.IPM.Note.IPNNRN']);
    });
  });

  test('opened message cannot be deleted unread', async () => {
    await withScreenshots(browser.context, 'opened-not-deletable', async () => {
      const draft = await compose('outlook-web', 'html', 'Opened figures');
      await send(draft);
      const inbox = await openFolder('blair@fabrikam.test', 'inbox');
      const row = inbox.locator('#messages li', { hasText: 'Opened figures' });
      expect(await row.locator('[data-action=delete-unread]').count()).toBe(1);

      await row.locator('button.message').click();
      await inbox.waitForSelector('#reading h2:has-text("Opened figures")');
      expect(await row.locator('[data-action=delete-unread]').count()).toBe(0);

      // The page API rejects it too, so no "not read" receipt can follow an open.
      const [received] = inboxOf('blair@fabrikam.test', 'Opened figures');
      const response = await fetch(
        `${simulator.url}/sim/api/messages/${received?.id ?? ''}/delete-unread?user=blair@fabrikam.test`,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' },
      );
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ code: 'SIM_MESSAGE_ALREADY_READ' });
      expect(inboxOf('blair@fabrikam.test', 'Opened figures')).toHaveLength(1);
      expect(inboxOf('alex@contoso.test', 'Not read: Opened figures')).toHaveLength(0);
    });
  });

  test('message list works with the keyboard', async () => {
    await withScreenshots(browser.context, 'keyboard-list', async () => {
      await send(await compose('outlook-web', 'html', 'Keyboard first'));
      await send(await compose('outlook-web', 'html', 'Keyboard second'));
      const inbox = await openFolder('blair@fabrikam.test', 'inbox');

      // Tab from the top of the page reaches the newest message.
      for (let presses = 0; presses < 10; presses += 1) {
        if (await inbox.evaluate(() => document.activeElement?.closest('#messages') !== null)) break;
        await inbox.keyboard.press('Tab');
      }
      expect(await focusedName(inbox)).toContain('Keyboard second');

      await inbox.keyboard.press('ArrowDown');
      expect(await focusedName(inbox)).toContain('Keyboard first');
      await inbox.keyboard.press('End');
      expect(await focusedName(inbox)).toBe(
        await inbox.locator('#messages li:last-child button.message').textContent(),
      );
      await inbox.keyboard.press('Home');
      expect(await focusedName(inbox)).toContain('Keyboard second');

      // Enter opens the focused message, and focus stays on its row.
      await inbox.keyboard.press('ArrowDown');
      await inbox.keyboard.press('Enter');
      await inbox.waitForSelector('#reading h2:has-text("Keyboard first")');
      expect(await focusedName(inbox)).toBe('Keyboard first — alex@contoso.test');

      // Tab reaches the row's own action, and Space runs it.
      await inbox.keyboard.press('ArrowUp');
      await inbox.keyboard.press('Tab');
      expect(await focusedName(inbox)).toBe('Delete unread: Keyboard second');
      await inbox.keyboard.press('Space');
      await inbox.waitForSelector('body[data-last-action=delete-unread]');
      expect(inboxOf('blair@fabrikam.test', 'Keyboard second')).toHaveLength(0);
      expect(await focusedName(inbox)).toContain('Keyboard first');
    });
  });

  test('mail page names owner and folder', async () => {
    await withScreenshots(browser.context, 'mail-title', async () => {
      const sentItems = await openFolder('alex@contoso.test', 'sentitems');
      expect(await sentItems.textContent('#page-title')).toBe('alex@contoso.test — Sent Items');
      expect(await sentItems.title()).toBe('alex@contoso.test — Sent Items — Readmark simulator');
      expect(await sentItems.textContent('#reading')).toBe('Select a message to read it.');

      // Nothing in these scenarios is sent to Casey.
      const empty = await openFolder('casey@fabrikam.test', 'inbox');
      expect(await empty.textContent('#page-title')).toBe('casey@fabrikam.test — Inbox');
      expect(await empty.locator('#messages li').count()).toBe(0);
      expect(await empty.textContent('#reading')).toBe('Inbox is empty.');
    });
  });
});
