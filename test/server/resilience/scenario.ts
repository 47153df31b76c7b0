import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { formatErrorMessage, type ErrorCode } from '../../../src/server/core/errors';
import { PIXEL_GIF, PIXEL_HEADERS } from '../../../src/server/http/pixelResponse';
import type { CreateTrackedMessageResponse } from '../../../src/shared/api';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { createTestApp, type TestApp, type TestAppOptions } from '../../support/testApp';

/** Every row of every table, ordered, so two dumps are equal exactly when nothing changed. */
export interface StoreDump {
  trackedMessages: unknown[];
  opens: unknown[];
  readReceipts: unknown[];
}

/**
 * A server with three users and data to protect: Alice owns an active message with one recorded
 * open and a stopped message; Bob shares her tenant; Carol has Alice's `oid` in another tenant.
 */
export interface Scenario {
  test: TestApp;
  issuer: LocalTokenIssuer;
  tokens: { alice: string; bob: string; carol: string };
  /** Alice's active message, with one open. */
  activeId: string;
  activeClientRequestId: string;
  /** Alice's stopped message. */
  stoppedId: string;
  /** Well-formed, never created. */
  unknownId: string;
  /** The SQLite file of the test app. */
  databasePath: string;
  dump(): StoreDump;
  close(): Promise<void>;
}

export const ALICE_SUBJECT = 'Quarterly numbers for Fabrikam';

export async function createScenario(
  issuer: LocalTokenIssuer,
  options: Omit<TestAppOptions, 'issuer'> = {},
): Promise<Scenario> {
  const test = await createTestApp({ issuer, ...options });
  const tenantA = issuer.tenantId;
  const aliceOid = randomUUID();
  const tokens = {
    alice: await issuer.issueToken({ claims: { tid: tenantA, oid: aliceOid } }),
    bob: await issuer.issueToken({ claims: { tid: tenantA } }),
    carol: await issuer.issueToken({ claims: { tid: randomUUID(), oid: aliceOid } }),
  };

  const activeClientRequestId = 'draft-1';
  const activeId = await createMessage(test, tokens.alice, activeClientRequestId, ALICE_SUBJECT);
  const stoppedId = await createMessage(test, tokens.alice, 'draft-2', 'Stopped one');
  await expectStatus(
    test.app.inject({
      method: 'PATCH',
      url: `/api/v1/tracked-messages/${stoppedId}`,
      headers: { authorization: `Bearer ${tokens.alice}` },
      payload: { stopped: true },
    }),
    200,
  );
  await expectStatus(test.app.inject({ method: 'GET', url: `/o/${activeId}.gif` }), 200);

  if (test.config.database.kind !== 'sqlite') {
    throw new Error('The scenario needs the SQLite test app.');
  }
  const databasePath = test.config.database.path;
  const reader = new Database(databasePath, { readonly: true });
  const all = (table: string, order: string): unknown[] =>
    reader.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
  const dump = (): StoreDump => ({
    trackedMessages: all('tracked_messages', 'tracking_id'),
    opens: all('opens', 'sequence'),
    readReceipts: all('read_receipts', 'tracking_id, receipt_message_id'),
  });
  if (dump().opens.length !== 1) {
    throw new Error('The scenario expected exactly one recorded open after its setup.');
  }

  return {
    test,
    issuer,
    tokens,
    activeId,
    activeClientRequestId,
    stoppedId,
    unknownId: 'Mn4bV6cX8zL1kJ3hG5fD7w',
    databasePath,
    dump,
    close: async () => {
      reader.close();
      await test.close();
    },
  };
}

async function createMessage(test: TestApp, token: string, clientRequestId: string, subject: string) {
  const response = await expectStatus(
    test.app.inject({
      method: 'POST',
      url: '/api/v1/tracked-messages',
      headers: { authorization: `Bearer ${token}` },
      payload: { clientRequestId, subject, recipientCount: 2 },
    }),
    201,
  );
  return response.json<CreateTrackedMessageResponse>().id;
}

async function expectStatus(
  pending: Promise<LightMyRequestResponse>,
  status: number,
): Promise<LightMyRequestResponse> {
  const response = await pending;
  if (response.statusCode !== status) {
    throw new Error(`Scenario setup expected ${status}, got ${response.statusCode}: ${response.body}`);
  }
  return response;
}

/** The exact JSON body of a coded API error. */
/**
 * Registers hooks that start a token issuer for the enclosing `describe` and give each of its
 * tests a fresh scenario, passed to `use` before the test runs and closed after it.
 */
export function useScenarioPerTest(use: (scenario: Scenario) => void): void {
  let issuer: LocalTokenIssuer;
  let current: Scenario | undefined;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
  });

  afterAll(async () => {
    await issuer.stop();
  });

  beforeEach(async () => {
    current = await createScenario(issuer);
    use(current);
  });

  afterEach(async () => {
    await current?.close();
  });
}

export function apiErrorBody(code: ErrorCode, params: Record<string, string | number> = {}) {
  return { code, message: formatErrorMessage(code, params) };
}

/** Checks that a response is the fixed pixel: status, headers and bytes (none for HEAD). */
export function expectPixel(response: LightMyRequestResponse, method: InjectOptions['method'] = 'GET'): void {
  expect(response.statusCode).toBe(200);
  for (const [name, value] of Object.entries(PIXEL_HEADERS)) {
    expect(response.headers[name]).toBe(value);
  }
  expect(response.headers['etag']).toBeUndefined();
  expect(response.headers['last-modified']).toBeUndefined();
  expect(response.rawPayload.equals(method === 'HEAD' ? Buffer.alloc(0) : PIXEL_GIF)).toBe(true);
}
