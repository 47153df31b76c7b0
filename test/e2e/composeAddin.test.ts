import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { strings } from '../../src/addin/strings';
import { buildAddin } from '../build/buildAddin';
import { SIMULATED_API_CLIENT_ID } from '../../src/simulator/defaults';
import { outlookPages } from '../../src/simulator/pages/registerPages';
import { startSimulator, type RunningSimulator } from '../../src/simulator/simulator';
import { startAddinServer, type AddinServer } from './support/addinServer';
import { browserAvailable, launchBrowser, withScreenshots, type BrowserSession } from './support/browser';

// The real add-in, built for the simulator, runs its command and compose pane in the simulated
// Outlook against a stand-in API, so Office.js calls and sign-in run as they would in Outlook.
const describeInBrowser = browserAvailable() ? describe : describe.skip;

describeInBrowser('real add-in in the simulated Outlook', () => {
  let simulator: RunningSimulator;
  let server: AddinServer;
  let browser: BrowserSession;
  let outputPath: string;

  beforeAll(async () => {
    server = await startAddinServer();
    simulator = await startSimulator({ extraRoutes: outlookPages({ trackingServerUrl: server.url }) });
    outputPath = mkdtempSync(join(tmpdir(), 'readmark-e2e-addin-'));
    const stats = await buildAddin({
      mode: 'development',
      simulator: true,
      environment: {
        READMARK_PUBLIC_URL: server.url,
        READMARK_ADDIN_AUTHORITY: `${simulator.url}/organizations`,
        READMARK_GRAPH_URL: `${simulator.url}/v1.0`,
        READMARK_OFFICE_JS_URL: `${simulator.url}/office-host/office.js`,
      },
      outputPath,
    });
    expect(stats.hasErrors()).toBe(false);
    server.setAddinFolder(outputPath);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await simulator?.close();
    await server?.close();
    if (outputPath) rmSync(outputPath, { recursive: true, force: true });
  });

  beforeEach(() => {
    server.requests.length = 0;
  });

  async function draft(subject: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${simulator.url}/outlook/compose?user=alex@contoso.test&client=outlook-web`);
    await page.waitForSelector('body[data-ready=true]');
    await page.fill('#to', 'blair@fabrikam.test');
    await page.fill('#subject', subject);
    await page.click('#body');
    await page.keyboard.type('Hello Blair.');
    return page;
  }

  async function clickTrack(page: Page): Promise<void> {
    await page.click('[data-addin-button="Track this email"]');
    await page.waitForSelector('[data-addin-button="Track this email"][data-command-state=completed]');
  }

  async function openPane(page: Page): Promise<Frame> {
    await page.click('[data-addin-button="Tracking options"]');
    const handle = await page.waitForSelector('#taskpane iframe');
    const frame = await handle.contentFrame();
    if (!frame) throw new Error('The task pane frame has no content.');
    return frame;
  }

  async function send(page: Page): Promise<void> {
    await page.click('#send');
    await page.waitForSelector('body[data-sent]');
  }

  function sentCopy(subject: string) {
    return simulator.mail.store.list('alex@contoso.test', 'sentitems').find((m) => m.subject === subject);
  }

  test('Track this email registers and adds the pixel', async () => {
    await withScreenshots(browser.context, 'real-command', async () => {
      const page = await draft('Real add-in figures');

      await clickTrack(page);

      expect(await page.textContent('#notifications')).toContain(strings.compose.notifications.on);
      expect(server.requests.map((request) => request.method)).toEqual(['POST']);
      const [registration] = server.requests;
      // recipientCount is left out: the simulated compose item has no `bcc` field to count.
      expect(registration?.body).toEqual({
        clientRequestId: expect.any(String),
        subject: 'Real add-in figures',
      });
      const token = registration?.authorization.replace(/^Bearer /, '') ?? '';
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
        aud: string;
        scp: string;
      };
      expect(claims.aud).toBe(SIMULATED_API_CLIENT_ID);
      expect(claims.scp).toBe('access_as_user');

      await send(page);
      const sent = sentCopy('Real add-in figures');
      expect(sent?.body).toContain(`${server.url}/o/e2eTrackingId000000001.gif`);
      expect(Object.values(sent?.customProperties ?? {})).toEqual([{ trackingId: 'e2eTrackingId000000001' }]);
    });
  });

  test('second click reports already on', async () => {
    await withScreenshots(browser.context, 'real-command-twice', async () => {
      const page = await draft('Clicked twice');

      await clickTrack(page);
      await clickTrack(page);

      expect(await page.textContent('#notifications')).toContain(strings.compose.notifications.alreadyOn);
      expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    });
  });

  test('compose pane requests a read receipt through Graph', async () => {
    await withScreenshots(browser.context, 'real-read-receipt', async () => {
      const page = await draft('Receipt figures');
      const pane = await openPane(page);
      await pane.waitForSelector(`text=${strings.compose.pane.stateOff}`);

      await pane.click(`role=checkbox[name="${strings.compose.pane.receiptLabel}"]`);
      await pane.waitForSelector(`text=${strings.compose.pane.receiptOn}`);

      await send(page);
      expect(sentCopy('Receipt figures')?.isReadReceiptRequested).toBe(true);
    });
  });

  test('sent draft locks its controls', async () => {
    await withScreenshots(browser.context, 'real-sent-draft', async () => {
      const page = await draft('Sent figures');
      const pane = await openPane(page);
      await pane.waitForSelector(`text=${strings.compose.pane.stateOff}`);

      await send(page);

      expect(await page.textContent('#status')).toMatch(/^Sent\. Message-ID <.+>$/);
      expect(await page.textContent('#page-title')).toBe('Outlook — Message sent');
      expect(await page.title()).toBe('Outlook — Message sent — Readmark simulator');
      const controls = [
        '#send',
        '[data-addin-button="Track this email"]',
        '[data-addin-button="Tracking options"]',
        '#to',
        '#cc',
        '#subject',
        '#format',
      ];
      for (const selector of controls) {
        expect({ selector, disabled: await page.isDisabled(selector) }).toEqual({ selector, disabled: true });
      }
      expect(await page.getAttribute('#body', 'contenteditable')).toBe('false');
      // Outlook closes the add-in's task pane with the compose window.
      expect(pane.isDetached()).toBe(true);
      expect(await page.locator('#taskpane iframe').count()).toBe(0);
      expect(await page.isHidden('#taskpane')).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-message');

      await page.click('#new-message');
      await page.waitForSelector('body[data-ready=true]:not([data-sent])');
      expect(page.url()).toBe(`${simulator.url}/outlook/compose?user=alex@contoso.test&client=outlook-web`);
      expect(await page.inputValue('#subject')).toBe('');
      expect(await page.isEnabled('#send')).toBe(true);
      expect(await page.isEnabled('[data-addin-button="Tracking options"]')).toBe(true);
      expect(await page.isHidden('#new-message')).toBe(true);
    });
  });

  test('compose pane turns tracking on and off', async () => {
    await withScreenshots(browser.context, 'real-compose-pane', async () => {
      const page = await draft('Pane figures');
      const pane = await openPane(page);
      await pane.waitForSelector(`text=${strings.compose.pane.stateOff}`);

      await pane.click('role=switch');
      await pane.waitForSelector(`text=${strings.compose.pane.stateOn}`);
      expect(await pane.isChecked('role=switch')).toBe(true);
      await pane.click('role=switch');
      await pane.waitForSelector(`text=${strings.compose.pane.stateOff}`);

      expect(server.requests.map((request) => request.method)).toEqual(['POST', 'PATCH']);
      expect(server.requests[1]?.body).toEqual({ stopped: true });
      await send(page);
      expect(sentCopy('Pane figures')?.body).not.toContain('/o/');
    });
  });
});
