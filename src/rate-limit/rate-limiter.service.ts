import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig, RateLimitRule } from '../config/app-config';
import { ErrorCode } from '../common/problem/error-code';
import { ProblemException } from '../common/problem/problem.exception';
import { MetricsService } from '../metrics/metrics.service';
import { KeyValueStore, StoreUnavailableError } from '../redis/key-value.store';
import { leaseSize, WindowLeases } from './window-leases';

export interface RateLimitState {
  group: string;
  rule: RateLimitRule;
  remaining: number;
  resetSeconds: number;
}

/**
 * IETF draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy` and `RateLimit` (structured
 * fields; one list member per group when a request counts toward several).
 */
export function rateLimitHeaders(...states: RateLimitState[]): Record<string, string> {
  return {
    'ratelimit-policy': states
      .map((state) => `"${state.group}";q=${state.rule.limit};w=${state.rule.windowSeconds}`)
      .join(', '),
    ratelimit: states
      .map((state) => `"${state.group}";r=${state.remaining};t=${state.resetSeconds}`)
      .join(', '),
  };
}

/**
 * Fixed-window counters in the shared store, so a limit holds across every instance. If Redis
 * cannot be reached the request passes (fail-open, counted): limits protect capacity, and a Redis
 * outage must not take the whole API down with it.
 *
 * `hit` on a limit of 40 or more per window takes admissions from Redis 5 % of the limit at a time
 * (WindowLeases): never over the limit across instances, at most 5 % of it refused early per other
 * instance a client used; smaller limits (sign-in failures, commands) count every request in Redis.
 * `check` and `count` always read and write Redis (the count there includes leased admissions).
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly leases: WindowLeases;

  constructor(
    private readonly store: KeyValueStore,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.leases = new WindowLeases(store);
  }

  rule(group: string): RateLimitRule {
    return this.config.rateLimits[group] ?? this.config.rateLimits.default;
  }

  private key(group: string, id: string): string {
    return `rl:${group}:${createHash('sha256').update(id).digest('base64url').slice(0, 22)}`;
  }

  /** Counts one request; throws 429 RATE_LIMITED (with Retry-After and RateLimit headers) past the limit. */
  async hit(group: string, id: string): Promise<RateLimitState | undefined> {
    const rule = this.rule(group);
    let count: number;
    let ttlMs: number;
    try {
      if (leaseSize(rule.limit) > 1) {
        const taken = await this.leases.take(
          `${group}\n${id}`,
          () => this.key(group, id),
          rule.limit,
          rule.windowSeconds * 1000,
        );
        // As the exact count would say: over the limit when refused, else what is left.
        count = taken.admitted ? rule.limit - taken.remaining : rule.limit + 1;
        ttlMs = taken.resetMs;
      } else {
        ({ count, ttlMs } = await this.store.increment(
          this.key(group, id),
          rule.windowSeconds * 1000,
        ));
      }
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.metrics.storeFailOpen.labels('rate-limit').inc();
      this.logger.warn(`Rate limit ${group} not enforced: ${error.message}`);
      return undefined;
    }
    const state: RateLimitState = {
      group,
      rule,
      remaining: Math.max(0, rule.limit - count),
      resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
    };
    if (count > rule.limit) throw this.refusal(state);
    return state;
  }

  /** Throws 429 when the counter is already at its limit, without counting (failed sign-ins). */
  async check(group: string, id: string): Promise<void> {
    const rule = this.rule(group);
    try {
      const key = this.key(group, id);
      const count = Number((await this.store.get(key)) ?? 0);
      if (count >= rule.limit) {
        const ttlMs = await this.store.ttl(key);
        throw this.refusal({
          group,
          rule,
          remaining: 0,
          resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
        });
      }
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.metrics.storeFailOpen.labels('rate-limit').inc();
    }
  }

  /** Counts without refusing (a failed sign-in). */
  async count(group: string, id: string): Promise<void> {
    try {
      await this.store.increment(this.key(group, id), this.rule(group).windowSeconds * 1000);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.metrics.storeFailOpen.labels('rate-limit').inc();
    }
  }

  private refusal(state: RateLimitState): ProblemException {
    this.metrics.rateLimited.labels(state.group).inc();
    return new ProblemException(ErrorCode.RATE_LIMITED, {
      detail: `Too many requests for "${state.group}": at most ${state.rule.limit} per ${state.rule.windowSeconds} s. Retry after ${state.resetSeconds} s.`,
      headers: { 'retry-after': String(state.resetSeconds), ...rateLimitHeaders(state) },
    });
  }
}
