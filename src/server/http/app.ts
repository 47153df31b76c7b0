import { randomUUID } from 'node:crypto';
import fastifyCors from '@fastify/cors';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createTokenVerifier, type TokenVerifier } from '../auth/tokenVerifier';
import type { OpenClassifier } from '../core/classification';
import { ApiError } from '../core/errors';
import { OpenRecorder } from '../core/openRecorder';
import { createOpenClassifier } from '../core/openClassifier';
import { PixelHitHandler } from '../core/pixelHits';
import { PixelTargetCache, type PixelTargetCacheOptions } from '../core/pixelTargetCache';
import { createRateLimitedErrorLog } from '../core/rateLimitedLog';
import { SenderNetworkRecorder } from '../core/senderNetworks';
import { SenderViewRecorder } from '../core/senderViews';
import { StoredContextCache } from '../core/storedContextCache';
import { shortenTrackingId } from '../core/trackingId';
import type { ServerConfig } from '../config/serverConfig';
import { addinSecurityHeaders } from '../security/addinHeaders';
import { createApiRateLimitHook } from '../security/apiRateLimit';
import { RateLimiter } from '../security/rateLimiter';
import type { TrackingStore } from '../store/trackingStore';
import { DEFAULT_ADDIN_DIRECTORY, registerAddinFiles } from './addinFiles';
import { createAuthenticationHook } from './authentication';
import { installErrorReplies, sendApiError } from './errorReplies';
import { ServerMetrics } from './metrics';
import { registerOperationsRoutes } from './operationsRoutes';
import { sendPixel } from './pixelResponse';
import { registerPixelRoutes } from './pixelRoutes';
import { registerSenderViewRoutes } from './senderViewRoutes';
import { DEFAULT_SERVER_TIMEOUTS, timeoutServerOptions, type ServerTimeouts } from './serverTimeouts';
import { registerPrivacyRoutes } from './privacyRoutes';
import { registerTrackedMessageRoutes } from './trackedMessageRoutes';

/** API bodies are tiny; anything larger is a mistake or abuse. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** The id of every pixel request: nothing about one is logged or returned, so none needs its own. */
const PIXEL_REQUEST_ID = 'pixel';

function isPixelUrl(url: string | undefined): boolean {
  return url?.startsWith('/o/') === true;
}

export interface AppOptions {
  config: ServerConfig;
  store: TrackingStore;
  logger: Logger;
  /** Decides the open kind of each hit. Default: the open classifier with `config.classification`. */
  classifier?: OpenClassifier;
  /** Overrides the verifier built from `config.auth`; null leaves the API unconfigured (503). */
  verifier?: TokenVerifier | null;
  /** Folder of the built add-in, served under `/addin/` when it exists. */
  addinDirectory?: string;
  pixelTargetCache?: PixelTargetCacheOptions;
  /** Overrides parts of `DEFAULT_SERVER_TIMEOUTS`. */
  timeouts?: Partial<ServerTimeouts>;
  now?: () => Date;
  /** Clock of the rate limiters, in milliseconds. */
  nowMs?: () => number;
}

/**
 * Builds the Fastify application: the pixel, API v1, operations routes and the add-in files.
 * Closing the app waits for in-flight requests and commits every open already taken.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, store } = options;
  const now = options.now ?? (() => new Date());
  const metrics = new ServerMetrics();
  const verifier = options.verifier !== undefined ? options.verifier : buildVerifier(config);

  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance,
    logController: new LogController({
      // Pixel hits are counted in metrics; a log line each would cost more than the hit itself.
      disableRequestLogging: (request: { url?: string }) => isPixelUrl(request.url),
      requestIdLogLabel: 'requestId',
    }),
    // A pixel request logs nothing of its own, so it gets neither a random id nor a child logger:
    // the two took about 3 % of the pixel path's time in profiles.
    childLoggerFactory: (logger, bindings, childOptions, rawRequest) =>
      isPixelUrl(rawRequest.url) ? logger : logger.child(bindings, childOptions),
    genReqId: (rawRequest) => (isPixelUrl(rawRequest.url) ? PIXEL_REQUEST_ID : randomUUID()),
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 500 },
    trustProxy: config.trustProxy.length === 0 ? false : [...config.trustProxy],
    ...timeoutServerOptions({
      ...DEFAULT_SERVER_TIMEOUTS,
      headersTimeoutMs: config.security.headersTimeoutMs,
      requestTimeoutMs: config.security.requestTimeoutMs,
      ...options.timeouts,
    }),
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
    frameworkErrors: (error, request, reply) => {
      // A URL that cannot be decoded under /o/ still gets the pixel, like any other malformed id.
      if (request.url.startsWith('/o/')) {
        void sendPixel(reply);
        return;
      }
      request.log.info({ code: 'REQUEST_INVALID', frameworkCode: error.code }, 'request rejected');
      void sendApiError(
        reply,
        new ApiError('REQUEST_INVALID', { part: 'URL', detail: 'it cannot be decoded' }),
      );
    },
  });
  // Connections beyond the limit are refused at accept, before any request is read.
  app.server.maxConnections = config.security.maxConnections;
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('sender', null);
  installErrorReplies(app, BODY_LIMIT_BYTES);

  app.addHook('onResponse', (request, reply, done) => {
    metrics.countResponse(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode);
    done();
  });

  // Responses to requests still running at shutdown carry `Connection: close`, so keep-alive clients do not
  // hold the server open until their idle timeout.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  // The add-in's pages get their security headers here too: one hook costs less than two on every response.
  const addinHeaders = addinSecurityHeaders(config.security, config.publicUrl.startsWith('https:'));
  app.addHook('onSend', (request, reply, payload, done) => {
    if (closing) {
      reply.header('connection', 'close');
    }
    if (request.url.startsWith('/addin/')) {
      reply.headers(addinHeaders);
    }
    done(null, payload);
  });

  const recorder = createRecorder(store, metrics, options.logger, config.pendingOpensMax);
  metrics.watchBacklog(() => recorder.backlog);
  const pixelTargets = new PixelTargetCache(options.pixelTargetCache);
  const logHitFailure = createRateLimitedErrorLog(options.logger, 'pixel hit could not be processed');
  const classifier = options.classifier ?? createOpenClassifier(config.classification.options);
  const hits = new PixelHitHandler({
    store,
    recorder,
    cache: pixelTargets,
    storedContexts: new StoredContextCache({
      ttlMs: storedContextTtlMs(config),
      fullReadIntervalMs: storedContextFullReadIntervalMs(config),
      ...(options.nowMs === undefined ? {} : { now: options.nowMs }),
    }),
    addressMinimisation: config.addressMinimisation,
    classifier,
    contextWindows: config.classification.options,
    addressHashing: config.privacy.clientAddressHashing,
    trackingMaxAgeDays: config.privacy.retention.trackingMaxAgeDays,
    rateLimiter: new RateLimiter({
      limit: config.security.pixelRateLimitPerMinute,
      windowMs: 60_000,
      ...(options.nowMs === undefined ? {} : { now: options.nowMs }),
    }),
    onRateLimited: () => metrics.pixelHitsRateLimited.inc(),
    onError: (error, stage, trackingId) => {
      if (stage === 'lookup') {
        metrics.opensFailed.inc();
      }
      logHitFailure({ err: error, stage, trackingId: shortenTrackingId(trackingId) });
    },
  });
  app.addHook('onClose', async () => {
    await recorder.close();
  });

  const views = new SenderViewRecorder({
    store,
    classifier,
    windows: config.classification.options,
    now,
  });
  const senderNetworks = new SenderNetworkRecorder({
    store,
    addressMinimisation: config.addressMinimisation,
    addressHashing: config.privacy.clientAddressHashing,
    now,
    onRecorded: (sender) => hits.forgetSenderContexts(sender),
  });
  const logNetworkFailure = createRateLimitedErrorLog(options.logger, 'sender network could not be recorded');

  registerPixelRoutes(app, hits, now);
  registerOperationsRoutes(app, {
    store,
    verifier,
    metrics,
    publicUrl: config.publicUrl,
    openWrites: () => recorder.writeState,
  });
  await app.register(
    async (api) => {
      // Registered first, so a browser's preflight is answered before authentication runs.
      await api.register(fastifyCors, {
        origin: config.security.corsOrigins.length === 0 ? false : [...config.security.corsOrigins],
        methods: ['GET', 'POST', 'PATCH', 'DELETE'],
        allowedHeaders: ['authorization', 'content-type'],
        maxAge: 600,
      });
      api.addHook('onRequest', createAuthenticationHook(verifier));
      api.addHook(
        'onRequest',
        createApiRateLimitHook(
          config.security.apiRateLimitPerMinute,
          () => metrics.apiRequestsRateLimited.inc(),
          options.nowMs,
        ),
      );
      api.addHook('onRequest', async (request) => {
        if (request.sender === null) return;
        // A failed write loses one self-view hint; the API call itself goes on.
        try {
          await senderNetworks.note(request.sender, request.ip);
        } catch (error) {
          logNetworkFailure({ err: error, requestId: request.id });
        }
      });
      api.addHook('onSend', (_request, reply, payload, done) => {
        reply.headers({
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
          'x-content-type-options': 'nosniff',
        });
        done(null, payload);
      });
      registerTrackedMessageRoutes(api, {
        store,
        pixelTargets,
        publicUrl: config.publicUrl,
        now,
        storedMessageFields: config.privacy.storedMessageFields,
        tenantPolicies: config.privacy.tenantPolicies,
      });
      registerPrivacyRoutes(api, { store, pixelTargets, tenantPolicies: config.privacy.tenantPolicies, now });
      registerSenderViewRoutes(api, { views, hits });
    },
    { prefix: '/api/v1' },
  );
  await registerAddinFiles(app, options.addinDirectory ?? DEFAULT_ADDIN_DIRECTORY, config.publicUrl);
  return app;
}

function buildVerifier(config: ServerConfig): TokenVerifier | null {
  const apiClientId = config.auth.apiClientId;
  return apiClientId === null ? null : createTokenVerifier({ ...config.auth, apiClientId });
}

function createRecorder(
  store: TrackingStore,
  metrics: ServerMetrics,
  logger: Logger,
  maxPendingOpens: number,
): OpenRecorder {
  const logCommitFailure = createRateLimitedErrorLog(logger, 'opens could not be committed');
  const logDeferred = createRateLimitedErrorLog(
    logger,
    'database unreachable: opens are queued in memory and retried',
  );
  const logDropped = createRateLimitedErrorLog(logger, 'opens dropped without a commit');
  const recorder = new OpenRecorder(store, {
    maxPendingOpens,
    events: {
      onBatchCommitted: (batchSize, commitSeconds) => {
        metrics.opensRecorded.inc(batchSize);
        metrics.openBatchSize.observe(batchSize);
        metrics.openCommitSeconds.observe(commitSeconds);
      },
      onBatchFailed: (batchSize, error) => {
        metrics.opensFailed.inc(batchSize);
        logCommitFailure({ err: error, batchSize });
      },
      onBatchDeferred: (batchSize, error, retryInMs) => {
        metrics.openCommitRetries.inc();
        logDeferred({ err: error, batchSize, retryInMs, pendingOpens: recorder.backlog });
      },
      onOpensDropped: (count, reason) => {
        metrics.opensDropped.inc({ reason }, count);
        logDropped({ count, reason, maxPendingOpens });
      },
    },
  });
  return recorder;
}

/**
 * Returns how long the pixel path reuses a message's stored context. A SQLite file is served by one
 * process, whose own writes the cache follows, so a minute loses nothing. Several processes share
 * a PostgreSQL database, and another process's hits and views show once the entry expires.
 * NOTE: in that second, a hit on one process can miss a view or a repeat seen by another.
 */
function storedContextTtlMs(config: ServerConfig): number {
  return config.database.kind === 'postgres' ? 1000 : 60_000;
}

/**
 * Returns how long after a full read of a stored context its refreshes read only the opens recorded
 * since. On PostgreSQL that keeps the refresh every second small while every message is busy. On
 * SQLite the entries outlive this interval, so every read is a full read as before.
 * NOTE: when another process reclassifies opens after this process has already seen the sender
 * view behind it, those opens can keep their old kind here for up to this long.
 */
function storedContextFullReadIntervalMs(config: ServerConfig): number {
  return config.database.kind === 'postgres' ? 10_000 : 0;
}
