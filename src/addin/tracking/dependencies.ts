import type { ReadmarkApi } from '../api/client';

export interface TrackingDependencies {
  api: Pick<
    ReadmarkApi,
    'getPolicy' | 'createTrackedMessage' | 'updateTrackedMessage' | 'deleteTrackedMessage'
  >;
  /** Returns a new unique id; `crypto.randomUUID` in the browser. */
  newClientRequestId: () => string;
}
