import { randomBytes } from 'node:crypto';

import { openPostgresStore, type PostgresStoreOptions } from '../../../../src/server/store/postgres';
import type { PostgresTrackingStore } from '../../../../src/server/store/postgres/postgresTrackingStore';
import type {
  NewOpen,
  NewReadReceipt,
  NewTrackedMessage,
  Sender,
} from '../../../../src/server/store/trackingStore';
import { dropSchema, uniqueSchemaName } from '../../../support/postgres';

export const FROZEN_NOW = new Date('2026-03-15T12:00:00.000Z');

export interface StoreFixture {
  store: PostgresTrackingStore;
  schema: string;
  databaseUrl: string;
}

/**
 * Opens a migrated store in a new schema before the file's tests and drops the schema after them.
 * Call inside a describe block; read `.current` inside tests.
 */
export function useMigratedStore(
  databaseUrl: string,
  label: string,
  options: Partial<PostgresStoreOptions> = {},
): { current: StoreFixture } {
  const holder = {} as { current: StoreFixture };
  const schema = uniqueSchemaName(label);

  beforeAll(async () => {
    const store = openPostgresStore({
      connectionString: databaseUrl,
      schema,
      poolSize: 4,
      clock: () => FROZEN_NOW,
      ...options,
    });
    await store.migrate();
    holder.current = { store, schema, databaseUrl };
  });

  afterAll(async () => {
    await holder.current?.store.close();
    await dropSchema(databaseUrl, schema);
  });

  return holder;
}

export function newSender(label = 'user'): Sender {
  return { tenantId: `tenant-${randomId()}`, objectId: `${label}-${randomId()}` };
}

export function newMessage(sender: Sender, overrides: Partial<NewTrackedMessage> = {}): NewTrackedMessage {
  return {
    trackingId: randomId(),
    sender,
    clientRequestId: `draft-${randomId()}`,
    subject: 'Quarterly report',
    recipientCount: 2,
    createdAt: new Date('2026-03-01T09:00:00.000Z'),
    ...overrides,
  };
}

export function newOpen(message: NewTrackedMessage, overrides: Partial<NewOpen> = {}): NewOpen {
  return {
    trackingId: message.trackingId,
    tenantId: message.sender.tenantId,
    at: new Date('2026-03-02T10:00:00.000Z'),
    method: 'GET',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Microsoft Outlook 16.0',
    clientNetwork: '203.0.113.0/24',
    kind: 'human',
    confidence: 0.9,
    reasons: ['desktop-client'],
    ...overrides,
  };
}

export function newReceipt(
  message: NewTrackedMessage,
  overrides: Partial<NewReadReceipt> = {},
): NewReadReceipt {
  return {
    trackingId: message.trackingId,
    sender: message.sender,
    receiptMessageId: `<${randomId()}@mail.example.org>`,
    finalRecipient: 'alice@example.org',
    kind: 'read',
    dispositionType: 'displayed',
    at: new Date('2026-03-03T08:00:00.000Z'),
    ...overrides,
  };
}

/** A tracking id shaped like the server's: 128 random bits in base64url. */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}
