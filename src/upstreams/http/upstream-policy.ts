import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IPolicy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
} from 'cockatiel';
import { UpstreamResilience } from '../../config/app-config';
import type { UpstreamResponse } from './upstream-http.client';
import { UpstreamError, UpstreamName } from './upstream.error';

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/**
 * Retries may add at most `percent` of the calls seen in the last window (and at least `floor`),
 * so during an outage retries do not multiply the load (Envoy's retry budget, simplified).
 */
export class RetryBudget {
  private windowStart = 0;
  private calls = 0;
  private retries = 0;

  constructor(
    private readonly percent: number,
    private readonly floor = 3,
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  private roll(): void {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.calls = 0;
      this.retries = 0;
    }
  }

  recordCall(): void {
    this.roll();
    this.calls += 1;
  }

  tryRetry(): boolean {
    this.roll();
    if (this.retries >= Math.max(this.floor, (this.calls * this.percent) / 100)) return false;
    this.retries += 1;
    return true;
  }
}

/** The answer to retry on: 502, 503, 504 (carried through the retry policy as an error). */
class RetryableAnswer extends Error {
  constructor(readonly response: UpstreamResponse<unknown>) {
    super(`HTTP ${response.status}`);
  }
}

function isTransient(error: Error): boolean {
  return error instanceof UpstreamError && (error.kind === 'timeout' || error.kind === 'connect');
}

function countsAgainstBreaker(error: Error): boolean {
  return (
    error instanceof RetryableAnswer ||
    error instanceof ServerFailure ||
    (error instanceof UpstreamError && ['timeout', 'connect', 'bad_response'].includes(error.kind))
  );
}

/** A 5xx answer, seen by the breaker as a failure but handed back to the caller as an answer. */
class ServerFailure extends Error {
  constructor(readonly response: UpstreamResponse<unknown>) {
    super(`HTTP ${response.status}`);
  }
}

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * The resilience of one upstream, with cockatiel: a bulkhead (calls in flight plus a small queue),
 * a consecutive-failure circuit breaker that fails fast while open and half-opens to probe, and
 * jittered exponential retries for idempotent calls only, within a retry budget.
 * Order: retry( breaker( bulkhead( call ) ) ), so a retry waits its turn and an open breaker stops retries.
 */
export class UpstreamPolicy {
  readonly breaker: CircuitBreakerPolicy;
  private readonly budget: RetryBudget;
  private readonly safe: IPolicy;
  private readonly unsafe: IPolicy;
  private openedAt = 0;

  constructor(
    private readonly name: UpstreamName,
    private readonly config: UpstreamResilience,
    retryBudgetPercent: number,
    private readonly onRetry: () => void = () => undefined,
  ) {
    this.budget = new RetryBudget(retryBudgetPercent);
    this.breaker = circuitBreaker(handleWhen(countsAgainstBreaker), {
      halfOpenAfter: config.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(config.breakerThreshold),
    });
    this.breaker.onStateChange((state) => {
      if (state === CircuitState.Open) this.openedAt = Date.now();
    });
    const limiter = bulkhead(config.maxConcurrent, config.maxQueue);
    const retrying = retry(
      handleWhen(
        (error) =>
          (error instanceof RetryableAnswer || isTransient(error)) && this.budget.tryRetry(),
      ),
      {
        maxAttempts: config.retries,
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 }),
      },
    );
    retrying.onRetry(() => this.onRetry());
    this.safe = wrap(retrying, this.breaker, limiter);
    this.unsafe = wrap(this.breaker, limiter);
  }

  get state(): BreakerState {
    return STATE_NAMES[this.breaker.state];
  }

  /** Runs one logical call; `idempotent` calls may be attempted again. */
  async execute<T>(
    idempotent: boolean,
    route: string,
    send: () => Promise<UpstreamResponse<T>>,
  ): Promise<UpstreamResponse<T>> {
    this.budget.recordCall();
    try {
      return await (idempotent ? this.safe : this.unsafe).execute(async () => {
        const response = await send();
        if (idempotent && RETRYABLE_STATUS.has(response.status))
          throw new RetryableAnswer(response);
        if (response.status >= 500) throw new ServerFailure(response);
        return response;
      });
    } catch (error) {
      if (error instanceof RetryableAnswer || error instanceof ServerFailure)
        return error.response as UpstreamResponse<T>;
      if (error instanceof BrokenCircuitError) {
        const remainingMs = Math.max(
          1000,
          this.config.breakerHalfOpenMs - (Date.now() - this.openedAt),
        );
        throw new UpstreamError(
          this.name,
          route,
          'circuit_open',
          `${this.name} circuit is open`,
          remainingMs / 1000,
        );
      }
      if (error instanceof BulkheadRejectedError) {
        throw new UpstreamError(this.name, route, 'overloaded', `${this.name} bulkhead is full`, 1);
      }
      throw error;
    }
  }
}
