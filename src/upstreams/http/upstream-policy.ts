import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitBreakerPolicy,
  CircuitState,
  ExponentialBackoff,
  IPolicy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
} from 'cockatiel';
import { UpstreamResilience } from '../../config/app-config';
import { CallerAwareBreaker, CallerCircuits } from './caller-aware-breaker';
import type { UpstreamResponse } from './upstream-http.types';
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
  constructor(
    readonly response: UpstreamResponse<unknown>,
    readonly route: string,
  ) {
    super(`HTTP ${response.status}`);
  }
}

/** A 5xx answer, seen by the breaker as a failure but handed back to the caller as an answer. */
class ServerFailure extends Error {
  constructor(
    readonly response: UpstreamResponse<unknown>,
    readonly route: string,
  ) {
    super(`HTTP ${response.status}`);
  }
}

function isTransient(error: Error): boolean {
  return error instanceof UpstreamError && (error.kind === 'timeout' || error.kind === 'connect');
}

/**
 * Only faults of the upstream itself count toward its breaker: no answer (connection refused or
 * reset, timeouts), an unreadable answer, a 5xx. Never a 4xx (a refused credential, a bad
 * request: answers), never a request the gateway could not build (`unsendable`), never a
 * validation error (those never reach the upstream client).
 */
export function isUpstreamFault(error: Error): boolean {
  return (
    error instanceof RetryableAnswer ||
    error instanceof ServerFailure ||
    (error instanceof UpstreamError && ['timeout', 'connect', 'bad_response'].includes(error.kind))
  );
}

/** `HTTP 503 on GET /x` or `timeout on GET /x`: what a breaker log line gives as the cause. */
function describeFailure(error: Error | undefined): string | undefined {
  if (error instanceof RetryableAnswer || error instanceof ServerFailure)
    return `HTTP ${error.response.status} on ${error.route}`;
  if (error instanceof UpstreamError) return `${error.kind} on ${error.route}`;
  return error?.message;
}

/** Where the policy reports breaker transitions (a Nest Logger in the app; a fake in specs). */
export interface BreakerLog {
  warn(message: Record<string, unknown>): void;
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
 * a circuit breaker shared by every caller that fails fast while open and half-opens to probe, and
 * jittered exponential retries for idempotent calls only, within a retry budget. In front of the
 * shared breaker, each caller has a small circuit of its own.
 * Order: caller circuit, then retry( breaker( bulkhead( call ) ) ), so a retry waits its turn and
 * an open breaker stops retries.
 *
 * One caller cannot open the shared breaker (see CallerAwareBreaker): its failures must come with
 * failures of `breakerMinCallers` distinct callers. A caller whose own calls keep failing gets its
 * own circuit opened instead, and only its calls fail fast.
 */
export class UpstreamPolicy {
  readonly breaker: CircuitBreakerPolicy;
  private readonly counter: CallerAwareBreaker;
  private readonly callers: CallerCircuits;
  private readonly budget: RetryBudget;
  private readonly safe: IPolicy;
  private readonly unsafe: IPolicy;
  private openedAt = 0;
  private previous: BreakerState = 'closed';
  /** The caller of each failed call, for the shared breaker's count (see the constructor). */
  private readonly faultCallers = new WeakMap<Error, string>();

  constructor(
    private readonly name: UpstreamName,
    private readonly config: UpstreamResilience,
    retryBudgetPercent: number,
    private readonly onRetry: () => void = () => undefined,
    private readonly log: BreakerLog = { warn: () => undefined },
  ) {
    this.budget = new RetryBudget(retryBudgetPercent);
    // cockatiel tells the breaker of a failure right after it stored it as `lastFailure`: the
    // caller is the one whose call threw that error.
    this.counter = new CallerAwareBreaker(
      config.breakerThreshold,
      config.breakerMinCallers,
      () => {
        const last = this.breaker.lastFailure;
        const error = last && 'error' in last ? last.error : undefined;
        return (error instanceof Error && this.faultCallers.get(error)) || 'gateway';
      },
      {
        percent: config.breakerFailurePercent ?? 0,
        windowMs: config.breakerWindowMs ?? 10_000,
        minCalls: config.breakerMinCalls ?? 20,
      },
    );
    this.callers = new CallerCircuits(config.breakerThreshold, config.breakerHalfOpenMs);
    this.breaker = circuitBreaker(handleWhen(isUpstreamFault), {
      halfOpenAfter: this.counter.halfOpenAfter(config.breakerHalfOpenMs),
      breaker: this.counter,
    });
    this.breaker.onStateChange((state) => this.transition(state));
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

  /** One warn line per transition of the shared circuit: why, and what was counted. */
  private transition(state: CircuitState): void {
    const to = STATE_NAMES[state];
    const from = this.previous;
    this.previous = to;
    const last = this.breaker.lastFailure;
    const lastError = last && 'error' in last ? last.error : undefined;
    const base = {
      upstream: this.name,
      from,
      to,
      ...this.counter.counts,
      threshold: this.config.breakerThreshold,
      minCallers: this.config.breakerMinCallers,
    };
    if (state === CircuitState.Open) {
      this.openedAt = Date.now();
      const holdMs = this.counter.holdOpen ? this.config.breakerHalfOpenMs : 0;
      this.log.warn({
        msg: 'upstream circuit opened',
        ...base,
        cause:
          from === 'half-open'
            ? `the probe failed (${describeFailure(lastError)})`
            : this.counter.openedBy
              ? `${this.counter.openedBy.failures} of ${this.counter.openedBy.calls} calls failed in ${this.config.breakerWindowMs ?? 10_000} ms (last: ${describeFailure(lastError)})`
              : describeFailure(lastError),
        holdMs,
      });
    } else if (state === CircuitState.HalfOpen) {
      this.log.warn({ msg: 'upstream circuit half-open', ...base, cause: 'probing with one call' });
    } else if (state === CircuitState.Closed) {
      this.log.warn({
        msg: 'upstream circuit closed',
        ...base,
        // After a success the count is back to 0; a probe that failed for the gateway's own
        // reasons (say an unsendable request) also closes it, with the count kept.
        cause:
          base.consecutiveFailures === 0
            ? 'the probe call succeeded'
            : 'the probe ended without an upstream fault',
      });
    }
  }

  /**
   * Runs one logical call of `caller`; `idempotent` calls may be attempted again. A 5xx answer is
   * a fault unless `refusal` says it is the upstream refusing the request's input.
   */
  async execute<T>(
    idempotent: boolean,
    route: string,
    send: () => Promise<UpstreamResponse<T>>,
    caller = 'gateway',
    refusal?: (response: UpstreamResponse<T>) => boolean,
  ): Promise<UpstreamResponse<T>> {
    const waitMs = this.callers.remainingMs(caller);
    if (waitMs > 0) {
      throw new UpstreamError(
        this.name,
        route,
        'circuit_open',
        `${this.name}: this caller's own circuit is open`,
        waitMs / 1000,
      );
    }
    this.budget.recordCall();
    try {
      return await (idempotent ? this.safe : this.unsafe).execute(async () => {
        let response: UpstreamResponse<T>;
        try {
          response = await send();
        } catch (error) {
          if (error instanceof Error && isUpstreamFault(error)) {
            this.faultCallers.set(error, caller);
            this.callerFailed(caller, error);
          }
          throw error;
        }
        if (response.status >= 500 && !refusal?.(response)) {
          const failure =
            idempotent && RETRYABLE_STATUS.has(response.status)
              ? new RetryableAnswer(response, route)
              : new ServerFailure(response, route);
          this.faultCallers.set(failure, caller);
          this.callerFailed(caller, failure);
          throw failure;
        }
        this.callers.success(caller);
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

  private callerFailed(caller: string, error: Error): void {
    if (this.callers.failure(caller)) {
      this.log.warn({
        msg: 'caller circuit opened',
        upstream: this.name,
        caller,
        cause: describeFailure(error),
        threshold: this.config.breakerThreshold,
        holdMs: this.config.breakerHalfOpenMs,
      });
    }
  }
}
