import cluster from 'node:cluster';
import { getHeapStatistics } from 'node:v8';
import { Injectable } from '@nestjs/common';
import { shareWithPrimary } from '../cluster/cluster-metrics';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** ThinQ accounts (times call kinds) whose budget is exported: the most recently seen. */
const BUDGET_ACCOUNTS = 2000;
/** The budget is a rolling hour: an account not seen for that long has all of it back. */
const BUDGET_MEMORY_MS = 60 * 60 * 1000;

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

  /**
   * The V8 heap cap (`--max-old-space-size` plus the young generation): with
   * `junction_nodejs_heap_size_used_bytes`, how close the process is to dying of heap exhaustion.
   */
  readonly heapLimit = new Gauge({
    name: 'junction_nodejs_heap_size_limit_bytes',
    help: 'V8 heap size limit (the --max-old-space-size cap and the young generation)',
    registers: [this.registry],
    collect: () => {
      this.heapLimit.set(getHeapStatistics().heap_size_limit);
    },
  });

  private storeProbe?: () => Promise<void>;

  /** Whether this instance reaches Redis: a PING (1 s) at each scrape. */
  readonly redisUp = new Gauge({
    name: 'junction_redis_up',
    help: 'Whether Redis answered a PING within 1 s at this scrape (1) or not (0)',
    registers: [this.registry],
    // Across workers, the worst any of them sees.
    aggregator: 'min',
    collect: async () => {
      if (!this.storeProbe) return;
      const up = await this.storeProbe().then(
        () => 1,
        () => 0,
      );
      this.redisUp.set(up);
    },
  });

  registerStoreProbe(probe: () => Promise<void>): void {
    this.storeProbe = probe;
  }

  /**
   * What each ThinQ account had left of its hourly budget when this instance last asked, by a
   * pseudonymous account id (the start of the digest the budget is stored under). Bounded: the
   * 2,000 most recently seen accounts (and kinds); an account unseen for an hour has its whole
   * budget back and is dropped.
   */
  private readonly budgets = new Map<
    string,
    { account: string; kind: string; left: number; at: number }
  >();

  readonly thinqBudgetRemaining = new Gauge({
    name: 'junction_thinq_budget_remaining_calls',
    help: 'ThinQ calls an account may still make in the rolling hour, by account (digest) and kind, as last seen',
    labelNames: ['account', 'kind'] as const,
    registers: [this.registry],
    aggregator: 'min',
    collect: () => {
      this.thinqBudgetRemaining.reset();
      const since = Date.now() - BUDGET_MEMORY_MS;
      for (const [key, entry] of this.budgets) {
        if (entry.at < since) this.budgets.delete(key);
        else this.thinqBudgetRemaining.labels(entry.account, entry.kind).set(entry.left);
      }
    },
  });

  readonly thinqBudgetLimit = new Gauge({
    name: 'junction_thinq_budget_limit_calls',
    help: 'ThinQ calls of a kind an account may make per rolling hour (reads leave the command reserve)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
    aggregator: 'max',
  });

  recordThinqBudget(account: string, kind: string, left: number, limit: number): void {
    const key = `${account}:${kind}`;
    this.budgets.delete(key);
    this.budgets.set(key, { account, kind, left, at: Date.now() });
    if (this.budgets.size > BUDGET_ACCOUNTS) {
      const oldest = this.budgets.keys().next().value;
      if (oldest !== undefined) this.budgets.delete(oldest);
    }
    this.thinqBudgetLimit.labels(kind).set(limit);
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
