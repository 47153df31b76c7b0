import type { ReadmarkApi } from '../../api/client';
import { ReadmarkApiError } from '../../api/errors';
import type { StatusApi } from '../ports';
import { asPaneCall } from './paneErrors';

/** The pane's StatusApi over the add-in's shared Readmark API client; every failure is a PaneError. */
export function createStatusApi(api: ReadmarkApi): StatusApi {
  return {
    list: ({ cursor, limit }) =>
      asPaneCall(() => api.listTrackedMessages(cursor === null ? { limit } : { cursor, limit })),
    get: (trackingId) => asPaneCall(() => api.getTrackedMessage(trackingId)),
    listOpens: (trackingId, cursor) => asPaneCall(() => api.listOpens(trackingId, cursor)),
    findByInternetMessageId: (internetMessageId) =>
      asPaneCall(async () => {
        try {
          return await api.findByInternetMessageId(internetMessageId);
        } catch (error) {
          // A server older than the `internetMessageId` filter rejects the query with 400; the
          // pane then shows the dashboard, as for a message the server does not know.
          if (error instanceof ReadmarkApiError && error.code === 'api-request-rejected') return null;
          throw error;
        }
      }),
    stop: (trackingId) => asPaneCall(() => api.updateTrackedMessage(trackingId, { stopped: true })),
    delete: (trackingId) => asPaneCall(() => api.deleteTrackedMessage(trackingId)),
    linkSent: (trackingId, link) => asPaneCall(() => api.updateTrackedMessage(trackingId, link)),
    reportView: (trackingId) => asPaneCall(() => api.reportView(trackingId)),
  };
}
