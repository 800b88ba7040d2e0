import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'junction_' });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
