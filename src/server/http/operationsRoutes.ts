import type { WriteState } from '../core/openRecorder';
import type { FastifyInstance } from 'fastify';
import type { TokenVerifier } from '../auth/tokenVerifier';
import type { TrackingStore } from '../store/trackingStore';
import type { ServerMetrics } from './metrics';
import { READMARK_VERSION } from '../version';
import { buildOpenApiDocument } from './openapi';

type CheckResult = 'ok' | 'failed' | 'not-configured';

/** Registers `/`, `/healthz`, `/readyz`, `/metrics` and `/docs/openapi.json`. */
export function registerOperationsRoutes(
  app: FastifyInstance,
  options: {
    store: TrackingStore;
    verifier: TokenVerifier | null;
    metrics: ServerMetrics;
    publicUrl: string;
    /** State of the pixel's open writes. Anything but `ok` makes the server not ready. */
    openWrites: () => WriteState;
  },
): void {
  const noStore = { 'cache-control': 'no-store' };

  // The address `readmark serve` prints. It names the version and the schema version, which show
  // whether a rolling upgrade reached this process, and the endpoints an admin checks first.
  app.get('/', async (_request, reply) =>
    reply.headers(noStore).send({
      service: 'Readmark tracking server',
      version: READMARK_VERSION,
      schemaVersion: options.store.schemaVersion,
      health: '/healthz',
      readiness: '/readyz',
      metrics: '/metrics',
      addinManifest: '/addin/manifest.xml',
      apiDocument: '/docs/openapi.json',
    }),
  );

  app.get('/healthz', async (_request, reply) => reply.headers(noStore).send({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    const database = await checkDatabase(options.store, (error) =>
      request.log.warn({ err: error }, 'readiness check: database not usable'),
    );
    let keySet: CheckResult = 'not-configured';
    if (options.verifier !== null) {
      const usable = await options.verifier.isKeySetUsable((error, keySetUrl) =>
        request.log.warn(
          { err: error, keySetUrl },
          'readiness check: token signing keys could not be fetched',
        ),
      );
      keySet = usable ? 'ok' : 'failed';
    }
    const openWrites = options.openWrites();
    if (openWrites !== 'ok') {
      request.log.warn({ openWrites }, 'readiness check: opens are not being written');
    }
    const ready = database === 'ok' && keySet !== 'failed' && openWrites === 'ok';
    return reply
      .code(ready ? 200 : 503)
      .headers(noStore)
      .send({ status: ready ? 'ready' : 'not-ready', checks: { database, keySet, openWrites } });
  });

  app.get('/metrics', async (_request, reply) =>
    reply
      .headers({ ...noStore, 'content-type': options.metrics.registry.contentType })
      .send(await options.metrics.registry.metrics()),
  );

  const openApi = buildOpenApiDocument(options.publicUrl);
  app.get('/docs/openapi.json', async (_request, reply) => reply.send(openApi));
}

async function checkDatabase(
  store: TrackingStore,
  onFailure: (error: unknown) => void,
): Promise<CheckResult> {
  try {
    await store.ping();
    return 'ok';
  } catch (error) {
    onFailure(error);
    return 'failed';
  }
}
