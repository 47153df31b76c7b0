import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SenderExport } from '../../../src/shared/api';
import { injectApi } from '../../support/apiClient';
import { LocalTokenIssuer } from '../../support/localTokenIssuer';
import { createTempDirectory } from '../../support/tempDirectory';

type TempDirectory = Awaited<ReturnType<typeof createTempDirectory>>;
import { createTestApp, type TestApp } from '../../support/testApp';

const BASE = '/api/v1/tracked-messages';
const OFF_TENANT = '0ff0ff00-1111-4222-8333-444455556666';

describe('privacy API', () => {
  let issuer: LocalTokenIssuer;
  let directory: TempDirectory;
  let policyFile: string;

  beforeAll(async () => {
    issuer = await LocalTokenIssuer.start();
    directory = await createTempDirectory();
    policyFile = join(directory.path, 'policy.json');
    await writeFile(
      policyFile,
      JSON.stringify({
        defaults: { internalDomains: ['contoso.com'], notice: 'Opens of this message are recorded.' },
        tenants: { [OFF_TENANT]: { trackingEnabled: false } },
      }),
    );
  });

  afterAll(async () => {
    await issuer.stop();
    await directory.remove();
  });

  async function withApp(serverOptions: Record<string, string>, run: (test: TestApp) => Promise<void>) {
    const test = await createTestApp({ issuer, serverOptions });
    try {
      await run(test);
    } finally {
      await test.close();
    }
  }

  async function create(test: TestApp, token: string) {
    const response = await injectApi(test.app, token, 'POST', BASE, {
      clientRequestId: randomUUID(),
      subject: 'Quarterly figures',
      recipientCount: 2,
    });
    return { response, id: response.json<{ id: string }>().id };
  }

  it('exports every message of the caller with its opens and receipts, and no one else’s', async () => {
    await withApp({}, async (test) => {
      const alice = await issuer.issueToken({ claims: { oid: randomUUID() } });
      const bob = await issuer.issueToken({ claims: { oid: randomUUID() } });
      const { id } = await create(test, alice);
      await create(test, bob);
      await test.app.inject({ method: 'GET', url: `/o/${id}.gif`, remoteAddress: '203.0.113.77' });
      await injectApi(test.app, alice, 'POST', `${BASE}/${id}/views`);

      const response = await injectApi(test.app, alice, 'GET', '/api/v1/me/export');

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toBe('attachment; filename="readmark-export.json"');
      expect(response.headers['cache-control']).toBe('no-store');
      const body = response.json<SenderExport>();
      expect(body.trackedMessages).toHaveLength(1);
      expect(body.trackedMessages[0]).toMatchObject({
        id,
        subject: 'Quarterly figures',
        recipientCount: 2,
        openList: [{ method: 'GET', clientNetwork: '203.0.113.0/24' }],
        receiptList: [],
      });
      expect(JSON.stringify(body)).not.toContain('203.0.113.77');
      expect(body.senderViews).toEqual([{ trackingId: id, viewedAt: expect.any(String) as unknown }]);
      // The caller's API calls came from loopback in this test.
      expect(body.senderNetworks).toEqual([
        { network: '127.0.0.0/24', lastSeenAt: expect.any(String) as unknown },
      ]);
    });
  });

  it('deletes everything of the caller at once and only the caller’s', async () => {
    await withApp({}, async (test) => {
      const alice = await issuer.issueToken({ claims: { oid: randomUUID() } });
      const bob = await issuer.issueToken({ claims: { oid: randomUUID() } });
      const { id } = await create(test, alice);
      await create(test, alice);
      const bobs = await create(test, bob);
      await test.app.inject({ method: 'GET', url: `/o/${id}.gif` });
      await injectApi(test.app, alice, 'POST', `${BASE}/${id}/views`);

      const deleted = await injectApi(test.app, alice, 'DELETE', '/api/v1/me');
      await test.app.inject({ method: 'GET', url: `/o/${id}.gif` });
      const again = await injectApi(test.app, alice, 'DELETE', '/api/v1/me');

      expect(deleted.statusCode).toBe(200);
      expect(deleted.json()).toEqual({ deletedTrackedMessages: 2 });
      expect(again.json()).toEqual({ deletedTrackedMessages: 0 });
      const exported = await injectApi(test.app, alice, 'GET', '/api/v1/me/export');
      expect(exported.json<SenderExport>().trackedMessages).toEqual([]);
      expect(exported.json<SenderExport>().senderViews).toEqual([]);
      const kept = await injectApi(test.app, bob, 'GET', `${BASE}/${bobs.id}`);
      expect(kept.statusCode).toBe(200);
    });
  });

  it('stores only the tracking id with --stored-message-fields none', async () => {
    await withApp({ storedMessageFields: 'none' }, async (test) => {
      const alice = await issuer.issueToken({ claims: { oid: randomUUID() } });
      const { id } = await create(test, alice);

      const detail = await injectApi(test.app, alice, 'GET', `${BASE}/${id}`);

      expect(detail.json()).toMatchObject({ id, subject: null, recipientCount: null });
    });
  });

  it('keeps the recipient count only with --stored-message-fields recipient-count', async () => {
    await withApp({ storedMessageFields: 'recipient-count' }, async (test) => {
      const alice = await issuer.issueToken({ claims: { oid: randomUUID() } });
      const { id } = await create(test, alice);

      const detail = await injectApi(test.app, alice, 'GET', `${BASE}/${id}`);

      expect(detail.json()).toMatchObject({ id, subject: null, recipientCount: 2 });
    });
  });

  it('records no opens for a message older than --tracking-max-age-days', async () => {
    await withApp({ trackingMaxAgeDays: '30' }, async (test) => {
      const sender = { tenantId: issuer.tenantId, objectId: randomUUID() };
      for (const [trackingId, ageDays] of [
        ['maxAgeOldTrackingId00A', 31],
        ['maxAgeNewTrackingId00A', 29],
      ] as const) {
        await test.store.createTrackedMessage({
          trackingId,
          sender,
          clientRequestId: trackingId,
          subject: null,
          recipientCount: null,
          createdAt: new Date(Date.now() - ageDays * 24 * 60 * 60 * 1000),
        });
        await test.app.inject({ method: 'GET', url: `/o/${trackingId}.gif` });
      }

      const old = await test.store.getTrackedMessage(sender, 'maxAgeOldTrackingId00A');
      const recent = await test.store.getTrackedMessage(sender, 'maxAgeNewTrackingId00A');
      expect(old?.opens.counts.unknown).toBe(0);
      expect(recent?.opens.counts.unknown).toBe(1);
    });
  });

  describe('tenant policy', () => {
    it('returns the policy of the caller’s tenant', async () => {
      await withApp({ tenantPolicyFile: policyFile }, async (test) => {
        const token = await issuer.issueToken();
        const off = await issuer.issueToken({ claims: { tid: OFF_TENANT } });

        const response = await injectApi(test.app, token, 'GET', '/api/v1/policy');
        const offResponse = await injectApi(test.app, off, 'GET', '/api/v1/policy');

        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({
          trackingEnabled: true,
          internalDomains: ['contoso.com'],
          neverTrackDomains: [],
          notice: 'Opens of this message are recorded.',
        });
        expect(offResponse.json()).toMatchObject({ trackingEnabled: false });
      });
    });

    it('refuses to create a tracked message for a tenant with tracking off', async () => {
      await withApp({ tenantPolicyFile: policyFile }, async (test) => {
        const off = await issuer.issueToken({ claims: { tid: OFF_TENANT } });

        const { response } = await create(test, off);

        expect(response.statusCode).toBe(403);
        expect(response.json()).toEqual({
          code: 'TRACKING_DISABLED_BY_POLICY',
          message:
            "Tracking is switched off for this account's organisation by its Readmark administrator. Send the message without tracking.",
        });
        const list = await injectApi(test.app, off, 'GET', BASE);
        expect(list.json()).toEqual({ items: [], nextCursor: null });
      });
    });

    it('allows everything without a policy file', async () => {
      await withApp({}, async (test) => {
        const token = await issuer.issueToken();

        const response = await injectApi(test.app, token, 'GET', '/api/v1/policy');

        expect(response.json()).toEqual({
          trackingEnabled: true,
          internalDomains: [],
          neverTrackDomains: [],
          notice: null,
        });
      });
    });
  });
});
