import cluster from 'node:cluster';
import { Injectable } from '@nestjs/common';
import { shareWithPrimary } from '../cluster/cluster-metrics';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one gateway instance (own registry, so tests can run several apps). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'junction_http_request_duration_seconds',
    help: 'Gateway request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly upstreamRequests = new Histogram({
    name: 'junction_upstream_request_duration_seconds',
    help: 'Upstream call latency by upstream, route and status',
    labelNames: ['upstream', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly upstreamErrors = new Counter({
    name: 'junction_upstream_errors_total',
    help: 'Upstream calls that failed without a usable answer, by kind (timeout, connect, bad_response)',
    labelNames: ['upstream', 'route', 'kind'] as const,
    registers: [this.registry],
  });

  readonly cacheEvents = new Counter({
    name: 'junction_cache_events_total',
    help: 'Cache lookups by cache and result (hit, miss, stale, coalesced, error)',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });

  readonly tokenRefreshes = new Counter({
    name: 'junction_upstream_token_refreshes_total',
    help: 'Upstream credential refreshes by upstream and outcome',
    labelNames: ['upstream', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly upstreamRetries = new Counter({
    name: 'junction_upstream_retries_total',
    help: 'Upstream call attempts that were retries',
    labelNames: ['upstream'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'junction_rate_limited_total',
    help: 'Requests refused by a rate limit, by group',
    labelNames: ['group'] as const,
    registers: [this.registry],
  });

  readonly storeFailOpen = new Counter({
    name: 'junction_store_fail_open_total',
    help: 'Times Redis was unreachable and a cache or limit let the request through (fail-open)',
    labelNames: ['component'] as const,
    registers: [this.registry],
  });

  readonly nearCacheEvents = new Counter({
    name: 'junction_near_cache_events_total',
    help: 'Near-cache events: hit (answered from memory), load (asked Redis), invalidation (keys dropped), flush (everything dropped: pub/sub gap), publish_failed',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  readonly nearCacheInvalidationDelay = new Histogram({
    name: 'junction_near_cache_invalidation_delay_seconds',
    help: 'From an invalidation being sent by one instance to its arrival at this one',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  private readonly breakers = new Map<string, () => string>();

  readonly breakerState = new Gauge({
    name: 'junction_upstream_circuit_state',
    help: 'Circuit breaker state per upstream: 0 closed, 1 open, 2 half-open, 3 isolated',
    labelNames: ['upstream'] as const,
    registers: [this.registry],
    // Across workers, the worst state any of them sees.
    aggregator: 'max',
    collect: () => {
      const codes: Record<string, number> = { closed: 0, open: 1, 'half-open': 2, isolated: 3 };
      for (const [name, state] of this.breakers)
        this.breakerState.labels(name).set(codes[state()] ?? 0);
    },
  });

  registerBreaker(upstream: string, state: () => string): void {
    this.breakers.set(upstream, state);
  }

  /** In a node:cluster worker, the scrape answer is every worker's metrics together. */
  private readonly machineWide?: () => Promise<string>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'junction_' });
    if (cluster.isWorker) this.machineWide = shareWithPrimary(this.registry);
  }

  render(): Promise<string> {
    return this.machineWide ? this.machineWide() : this.registry.metrics();
  }
}
