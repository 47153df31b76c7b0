import { OPEN_KINDS } from '../../shared/api';
import type { TrackingStore } from '../store/trackingStore';
import { classifyAsUnknown, type Classification, type OpenClassifier, type PixelHit } from './classification';
import { minimiseClientAddress, type AddressMinimisation } from './clientNetwork';
import type { OpenRecorder, RecordOutcome } from './openRecorder';
import type { PixelTargetCache } from './pixelTargetCache';

/** User agents are cut to this many characters before they are classified or stored. */
export const USER_AGENT_MAX_LENGTH = 512;

/**
 * Why a pixel request did not produce an open; `recorded` when it did, and `queued` when the open
 * waits in memory for the database (see `RecordOutcome`).
 */
export type PixelHitOutcome = RecordOutcome | 'ignored-request' | 'unknown-id' | 'stopped';

export interface PixelRequest {
  /** Already checked with `isWellFormedTrackingId`. */
  trackingId: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  clientAddress: string | undefined;
  at: Date;
}

export interface PixelHitHandlerOptions {
  store: Pick<TrackingStore, 'findPixelTarget'>;
  recorder: OpenRecorder;
  cache: PixelTargetCache;
  classifier?: OpenClassifier;
  addressMinimisation: AddressMinimisation;
  /** Called when the lookup or the classifier fails; the hit itself never fails. */
  onError(error: Error, stage: 'lookup' | 'classify', trackingId: string): void;
}

// A conditional or partial request is a cache revalidation or a resumed download, not a new view.
const NON_RECORDING_HEADERS = [
  'range',
  'if-none-match',
  'if-modified-since',
  'if-match',
  'if-unmodified-since',
  'if-range',
];

/** Decides whether a pixel request is an open and, if so, classifies and records it. */
export class PixelHitHandler {
  private readonly options: PixelHitHandlerOptions;
  private readonly classifier: OpenClassifier;

  constructor(options: PixelHitHandlerOptions) {
    this.options = options;
    this.classifier = options.classifier ?? classifyAsUnknown;
  }

  /** Resolves once the open is committed or known to be lost; it never rejects. */
  async handle(request: PixelRequest): Promise<PixelHitOutcome> {
    if (!isRecordableRequest(request)) {
      return 'ignored-request';
    }
    let target;
    try {
      target = await this.options.cache.get(request.trackingId, (id) =>
        this.options.store.findPixelTarget(id),
      );
    } catch (error) {
      this.options.onError(asError(error), 'lookup', request.trackingId);
      return 'failed';
    }
    if (target === null) {
      return 'unknown-id';
    }
    if (!target.active) {
      return 'stopped';
    }

    const userAgent = boundedUserAgent(request.headers['user-agent']);
    const hit: PixelHit = {
      trackingId: request.trackingId,
      at: request.at,
      method: request.method,
      userAgent,
      clientAddress: request.clientAddress ?? null,
      clientNetwork: minimiseClientAddress(request.clientAddress, this.options.addressMinimisation),
    };
    const classification = this.classify(hit, {
      sender: target.sender,
      createdAt: target.createdAt,
      sentAt: target.sentAt,
    });
    return this.options.recorder.record({
      trackingId: hit.trackingId,
      tenantId: target.sender.tenantId,
      at: hit.at,
      method: hit.method,
      userAgent: hit.userAgent,
      clientNetwork: hit.clientNetwork,
      ...classification,
    });
  }

  private classify(hit: PixelHit, context: Parameters<OpenClassifier>[1]): Classification {
    try {
      const result = this.classifier(hit, context);
      if (!isValidClassification(result)) {
        throw new Error(`The classifier returned an invalid classification: ${JSON.stringify(result)}.`);
      }
      return { kind: result.kind, confidence: result.confidence, reasons: [...result.reasons] };
    } catch (error) {
      this.options.onError(asError(error), 'classify', hit.trackingId);
      return { kind: 'unknown', confidence: 0, reasons: ['classifier-failed'] };
    }
  }
}

function isRecordableRequest(request: PixelRequest): boolean {
  // Fastify serves HEAD with the GET handler, so the method check is what keeps HEAD from counting.
  if (request.method !== 'GET') {
    return false;
  }
  return NON_RECORDING_HEADERS.every((name) => request.headers[name] === undefined);
}

function boundedUserAgent(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === '') {
    return null;
  }
  return text.slice(0, USER_AGENT_MAX_LENGTH);
}

function isValidClassification(value: Classification): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (OPEN_KINDS as readonly string[]).includes(value.kind) &&
    typeof value.confidence === 'number' &&
    value.confidence >= 0 &&
    value.confidence <= 1 &&
    Array.isArray(value.reasons) &&
    value.reasons.every((reason) => typeof reason === 'string')
  );
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
