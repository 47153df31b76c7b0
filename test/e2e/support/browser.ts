import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * A desktop Chrome user agent for the simulated people. Headless Chromium's own user agent names
 * `HeadlessChrome`, which the classifier rightly takes for an automated fetch, not a person.
 */
const PERSON_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

// Without the flags after the first, Chromium keeps reaching for Google's services, which a closed
// network refuses. The user agent is a flag as well as a context option: the option does not
// reach the frames that render mail, which run in their own process.
const CHROMIUM_ARGS = [
  `--user-agent=${PERSON_USER_AGENT}`,
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser tests can run. Outside CI a missing Chromium skips them with a message;
 * with CI=true a missing Chromium is a failure, because CI installs it.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      `CI=true but ${CHROMIUM_PATH} is missing: install Debian's chromium package (.ci/run does).`,
    );
  }
  process.stderr.write(
    `Skipping browser tests: ${CHROMIUM_PATH} is not installed (apt-get install chromium).\n`,
  );
  return false;
}

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches headless Debian Chromium with a fresh user data folder, never a downloaded browser. */
export async function launchBrowser(): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'readmark-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    userAgent: PERSON_USER_AGENT,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a scenario and saves a screenshot of every open page to test-artifacts/ when it fails. */
export async function withScreenshots(
  context: BrowserContext,
  name: string,
  scenario: () => Promise<void>,
): Promise<void> {
  try {
    await scenario();
  } catch (error) {
    const folder = join(process.cwd(), 'test-artifacts');
    mkdirSync(folder, { recursive: true });
    await Promise.all(
      context
        .pages()
        .map((page: Page, index: number) =>
          page
            .screenshot({ path: join(folder, `${name.replace(/\W+/g, '-')}-${index}.png`), fullPage: true })
            .catch(() => undefined),
        ),
    );
    throw error;
  }
}
