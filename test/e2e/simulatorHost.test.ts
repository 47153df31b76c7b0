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

  async function openInInbox(subject: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${simulator.url}/outlook/mail?user=blair@fabrikam.test&folder=inbox`);
    await page.waitForSelector('body[data-ready=true]');
    await page.click(`#messages li:has-text("${subject}")`);
    await page.waitForSelector('#reading iframe');
    return page;
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
      await page.click('#messages li:has-text("Proxy figures")');
      fixture.hits.length = 0;
      await page.click('#proxy-open');
      await page.waitForSelector('body[data-last-action=proxy-open]');
      expect(fixture.hits.map((hit) => hit.userAgent)).toContain(GOOGLE_IMAGE_PROXY_USER_AGENT);
    });
  });

  test('deleting unread sends a not-read receipt', async () => {
    await withScreenshots(browser.context, 'deleted-unread', async () => {
      const draft = await compose('outlook-web', 'html', 'Ignored figures');
      await send(draft);
      const inbox = await openInInbox('Ignored figures');
      await inbox.click('#delete-unread');
      await inbox.waitForSelector('body[data-last-action=delete-unread]');
      const reports = simulator.mail.store
        .list('alex@contoso.test', 'inbox')
        .filter((m) => m.subject === 'Not read: Ignored figures');
      expect(reports.map((report) => report.messageClass)).toEqual(['REPORT.IPM.Note.IPNNRN']);
    });
  });
});
