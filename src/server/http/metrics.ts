import type { DropReason } from '../core/openRecorder';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one server instance, in a registry of its own (tests build several apps). */
export class ServerMetrics {
  readonly registry = new Registry();

  /**
   * Responses counted since the last scrape, by method, route and status. Counting in plain numbers
   * and adding them to the counter at scrape time spares each response the label hashing of
   * `Counter.inc`, which showed on the pixel path.
   */
  private readonly responsesSinceScrape = new Map<string, Map<string, Map<number, { count: number }>>>();

  readonly httpRequests = new Counter({
    name: 'readmark_http_requests_total',
    help: 'HTTP responses sent, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
    collect: () => this.addCountedResponses(),
  });

  readonly opensRecorded = new Counter({
    name: 'readmark_opens_recorded_total',
    help: 'Opens committed to the database.',
    registers: [this.registry],
  });

  readonly opensFailed = new Counter({
    name: 'readmark_opens_failed_total',
    help: 'Opens that could not be recorded (lookup or commit failed); the pixel was still served.',
    registers: [this.registry],
  });

  readonly opensDropped = new Counter({
    name: 'readmark_opens_dropped_total',
    help: 'Opens discarded without a commit because the in-memory queue was full or the server stopped while the database was unreachable.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly openCommitRetries = new Counter({
    name: 'readmark_open_commit_retries_total',
    help: 'Batches of opens kept in memory for a retry because the database was unreachable.',
    registers: [this.registry],
  });

  readonly pixelHitsRateLimited = new Counter({
    name: 'readmark_pixel_hits_rate_limited_total',
    help: 'Pixel hits over the per-network rate limit: served the image, not recorded.',
    registers: [this.registry],
  });

  readonly apiRequestsRateLimited = new Counter({
    name: 'readmark_api_requests_rate_limited_total',
    help: 'API requests refused with 429 because one user sent too many.',
    registers: [this.registry],
  });

  /** Counts one HTTP response in `httpRequests`. */
  countResponse(method: string, route: string, status: number): void {
    let byRoute = this.responsesSinceScrape.get(method);
    if (byRoute === undefined) {
      byRoute = new Map();
      this.responsesSinceScrape.set(method, byRoute);
    }
    let byStatus = byRoute.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      byRoute.set(route, byStatus);
    }
    const cell = byStatus.get(status);
    if (cell === undefined) byStatus.set(status, { count: 1 });
    else cell.count += 1;
  }

  private addCountedResponses(): void {
    for (const [method, byRoute] of this.responsesSinceScrape) {
      for (const [route, byStatus] of byRoute) {
        for (const [status, cell] of byStatus) {
          if (cell.count === 0) continue;
          this.httpRequests.inc({ method, route, status: String(status) }, cell.count);
          cell.count = 0;
        }
      }
    }
  }

  constructor() {
    // Each reason starts at 0, so an alert on increase() fires on the first drop.
    const reasons: DropReason[] = ['queue-full', 'shutdown'];
    for (const reason of reasons) this.opensDropped.inc({ reason }, 0);
  }

  private backlogSource: () => number = () => 0;

  readonly openBacklog = new Gauge({
    name: 'readmark_open_backlog',
    help: 'Opens held in memory: waiting for their group commit, queued while the database is unreachable, or being committed.',
    registers: [this.registry],
    collect: () => {
      this.openBacklog.set(this.backlogSource());
    },
  });

  readonly openBatchSize = new Histogram({
    name: 'readmark_open_batch_size',
    help: 'Opens per group commit.',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [this.registry],
  });

  readonly openCommitSeconds = new Histogram({
    name: 'readmark_open_commit_seconds',
    help: 'Time to commit one batch of opens, in seconds.',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  /** Sets where the backlog gauge reads its value when metrics are scraped. */
  watchBacklog(source: () => number): void {
    this.backlogSource = source;
  }
}
