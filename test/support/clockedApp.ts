import { randomUUID } from 'node:crypto';
import { LocalTokenIssuer } from './localTokenIssuer';
import { createTestApp, type TestApp } from './testApp';

/** The app of the running test, a user's token for it, and the app's clock in milliseconds. */
export interface ClockedApp {
  test: TestApp;
  token: string;
  clockMs: number;
}

/**
 * Registers hooks that give each test of the enclosing `describe` a fresh app on SQLite, whose
 * clock starts at `startIso` and moves only when the test sets `clockMs`, and a token for a new
 * user. Tokens are still checked against the real clock.
 */
export function useClockedApp(startIso: string): ClockedApp {
  let issuer: LocalTokenIssuer;
  const state = { clockMs: 0 } as ClockedApp;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
  });

  afterAll(async () => {
    await issuer.stop();
  });

  beforeEach(async () => {
    state.clockMs = Date.parse(startIso);
    state.test = await createTestApp({
      issuer,
      appOptions: { now: () => new Date(state.clockMs), nowMs: () => state.clockMs },
    });
    state.token = await issuer.issueToken({ claims: { oid: randomUUID() } });
  });

  afterEach(async () => {
    await state.test.close();
  });

  return state;
}
