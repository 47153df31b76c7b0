import type { CreateTrackedMessageRequest, TrackedMessage, TrackingPolicy } from '../../src/shared/api';
import type { TrackingDependencies } from '../../src/addin/tracking/dependencies';

/** An in-memory Readmark API that records calls and can be made to fail. */
export function fakeApi() {
  const created: CreateTrackedMessageRequest[] = [];
  const deleted: string[] = [];
  const stopped: string[] = [];
  let counter = 0;
  const policy: TrackingPolicy = {
    trackingEnabled: true,
    internalDomains: [],
    neverTrackDomains: [],
    notice: null,
  };
  const api = {
    getPolicy: jest.fn(() => Promise.resolve({ ...policy })),
    createTrackedMessage: jest.fn((request: CreateTrackedMessageRequest) => {
      created.push(request);
      counter += 1;
      const id = `tid${String(counter).padStart(19, '0')}`;
      return Promise.resolve({
        id,
        pixelUrl: `https://readmark.example/o/${id}.gif`,
        createdAt: '2026-12-04T10:00:00.000Z',
      });
    }),
    updateTrackedMessage: jest.fn((id: string) => {
      stopped.push(id);
      return Promise.resolve({ id } as TrackedMessage);
    }),
    deleteTrackedMessage: jest.fn((id: string) => {
      deleted.push(id);
      return Promise.resolve();
    }),
  };
  let requestIds = 0;
  const dependencies: TrackingDependencies = {
    api,
    newClientRequestId: () => {
      requestIds += 1;
      return `request-${requestIds}`;
    },
  };
  return { api, dependencies, created, deleted, stopped, policy };
}

/**
 * Returns a fetch response with a JSON body. A plain object rather than `Response`, because jest's jsdom
 * environment has no fetch globals.
 */
export function jsonResponse(body: unknown, status = 200): Promise<Response> {
  const text = JSON.stringify(body);
  const response = {
    ok: status >= 200 && status < 300,
    status,
    text: () => Promise.resolve(text),
    json: () => Promise.resolve(JSON.parse(text) as unknown),
  };
  return Promise.resolve(response as Response);
}
