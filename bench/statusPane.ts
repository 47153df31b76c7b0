/**
 * Benchmark of the "Open status" pane in headless Chromium, against the real tracking server on
 * SQLite holding 1,000 tracked messages for the user, inside the simulated Outlook:
 *  - gzip size (level 9) of the JavaScript status.html loads, Office.js excluded;
 *  - time from the pane page's navigation start to the first rendered row of the dashboard list;
 *  - time from pressing Refresh in the detail view to the new open in the timeline.
 * Run: npx tsc -p bench/tsconfig.json && node dist/bench/bench/statusPane.js
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Frame } from 'playwright-core';
import { strings } from '../src/addin/strings';
import { SIMULATED_API_CLIENT_ID } from '../src/simulator/defaults';
import { launchBrowser } from '../test/e2e/support/browser';
import { startReadmarkStack, type ReadmarkStack } from '../test/e2e/support/readmarkStack';
import { percentile } from './stats';

const USER = 'alex@contoso.test';
const MESSAGES = 1000;
const OPENED_MESSAGES = 200;
const PAGE_LOADS = 7;
const NEW_OPENS = 7;
const READER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

async function apiToken(stack: ReadmarkStack): Promise<string> {
  const scope = `api://${SIMULATED_API_CLIENT_ID}/access_as_user`;
  return (await stack.simulator.identity.issueFor(USER, scope)).accessToken;
}

/** Registers MESSAGES tracked messages through the API and loads the pixel of some of them. */
async function seed(stack: ReadmarkStack, token: string): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < MESSAGES; start += 20) {
    const batch = Array.from({ length: Math.min(20, MESSAGES - start) }, (_, offset) => start + offset);
    const created = await Promise.all(
      batch.map(async (index) => {
        const response = await fetch(`${stack.serverUrl}/api/v1/tracked-messages`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            clientRequestId: `bench-${index}`,
            subject: `Benchmark message ${index}`,
            recipientCount: 1 + (index % 4),
          }),
        });
        if (!response.ok) throw new Error(`Seeding message ${index} failed with HTTP ${response.status}.`);
        return ((await response.json()) as { id: string }).id;
      }),
    );
    ids.push(...created);
  }
  for (const id of ids.slice(0, OPENED_MESSAGES)) await loadPixel(stack, id);
  return ids;
}

async function loadPixel(stack: ReadmarkStack, id: string): Promise<void> {
  const response = await fetch(`${stack.serverUrl}/o/${id}.gif`, { headers: { 'User-Agent': READER_AGENT } });
  await response.arrayBuffer();
}

/** Sums the gzip size of the scripts status.html loads from the add-in folder. */
function initialScriptGzipBytes(addinDirectory: string): { files: string[]; gzipBytes: number } {
  const html = readFileSync(join(addinDirectory, 'status.html'), 'utf8');
  // The production page is minified, so attribute values may be unquoted.
  const files = [...html.matchAll(/<script[^>]*\bsrc=["']?([^"'\s>]+)/g)]
    .map((match) => match[1] ?? '')
    .filter((src) => !/^https?:/.test(src));
  const gzipBytes = files.reduce(
    (total, file) => total + gzipSync(readFileSync(join(addinDirectory, file)), { level: 9 }).length,
    0,
  );
  return { files, gzipBytes };
}

/** Records, in every status.html frame, when the first row of the dashboard list appears. */
function firstListProbe(listLabel: string): string {
  return `(() => {
    if (!location.pathname.endsWith('/addin/status.html')) return;
    const seen = () => document.querySelector('ul[aria-label="${listLabel}"] li') !== null;
    new MutationObserver((_, observer) => {
      if (seen()) { window.__readmarkFirstListMs = performance.now(); observer.disconnect(); }
    }).observe(document, { subtree: true, childList: true });
  })();`;
}

async function openPane(stack: ReadmarkStack, page: import('playwright-core').Page): Promise<Frame> {
  await page.goto(`${stack.simulator.url}/outlook/mail?user=${USER}&folder=sentitems`);
  await page.waitForSelector('body[data-ready=true]');
  await page.click('#open-status');
  const frame = await (await page.waitForSelector('#statuspane iframe')).contentFrame();
  if (!frame) throw new Error('The status pane frame has no content.');
  await frame.waitForSelector(`ul[aria-label="${strings.status.listLabel}"] li`, { timeout: 60_000 });
  return frame;
}

async function waitForOpens(stack: ReadmarkStack, token: string, id: string, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const response = await fetch(`${stack.serverUrl}/api/v1/tracked-messages/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const detail = (await response.json()) as { recentOpens: unknown[] };
    if (detail.recentOpens.length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`The server did not record open ${count} of ${id}.`);
}

/** Presses Refresh in the detail view and resolves with the milliseconds until one more open is listed. */
function refreshUntilNewOpen(frame: Frame): Promise<number> {
  return frame.evaluate(
    async ({ refreshLabel, opensLabel }) => {
      const count = () => document.querySelectorAll(`ul[aria-label="${opensLabel}"] li`).length;
      const before = count();
      const button = document.querySelector<HTMLButtonElement>(`button[aria-label="${refreshLabel}"]`);
      if (!button) throw new Error('The detail view has no Refresh button.');
      const start = performance.now();
      const shown = new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (count() > before) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true });
      });
      button.click();
      await shown;
      return performance.now() - start;
    },
    { refreshLabel: strings.status.refresh, opensLabel: strings.status.opensListLabel },
  );
}

async function main(): Promise<void> {
  const stack = await startReadmarkStack({ mode: 'production' });
  const browser = await launchBrowser();
  try {
    const token = await apiToken(stack);
    const ids = await seed(stack, token);
    const size = initialScriptGzipBytes(stack.addinDirectory);
    console.log(`initial JavaScript of status.html: ${size.files.join(', ')}`);
    console.log(`  gzip level 9: ${(size.gzipBytes / 1024).toFixed(1)} KiB`);

    await browser.context.addInitScript(firstListProbe(strings.status.listLabel));
    const firstList: number[] = [];
    for (let run = 0; run < PAGE_LOADS; run += 1) {
      const page = await browser.context.newPage();
      const frame = await openPane(stack, page);
      firstList.push(
        await frame.evaluate(
          () => (window as unknown as { __readmarkFirstListMs: number }).__readmarkFirstListMs,
        ),
      );
      await page.close();
    }
    console.log(
      `first list rendered (ms after navigation start), ${PAGE_LOADS} loads: ${firstList.map((ms) => ms.toFixed(0)).join(', ')}`,
    );
    console.log(
      `  median ${percentile(firstList, 0.5).toFixed(0)} ms, max ${Math.max(...firstList).toFixed(0)} ms`,
    );

    // The most recently active message is first in the list; its detail view gets the new opens.
    const page = await browser.context.newPage();
    const frame = await openPane(stack, page);
    await frame.click(`ul[aria-label="${strings.status.listLabel}"] li button`);
    await frame.waitForSelector('#detail-subject');
    const target = (await frame.textContent('#detail-subject')) ?? '';
    const id = ids[Number(/\d+$/.exec(target)?.[0] ?? '0')] ?? '';
    const applied: number[] = [];
    for (let run = 0; run < NEW_OPENS; run += 1) {
      const before = await frame.locator(`ul[aria-label="${strings.status.opensListLabel}"] li`).count();
      await loadPixel(stack, id);
      await waitForOpens(stack, token, id, before + 1);
      applied.push(await refreshUntilNewOpen(frame));
    }
    console.log(
      `new open applied after Refresh (ms), ${NEW_OPENS} opens: ${applied.map((ms) => ms.toFixed(0)).join(', ')}`,
    );
    console.log(
      `  median ${percentile(applied, 0.5).toFixed(0)} ms, max ${Math.max(...applied).toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
