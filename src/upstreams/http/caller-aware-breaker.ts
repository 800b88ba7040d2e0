import { CircuitState, IBackoff, IBackoffFactory, IBreaker } from 'cockatiel';
import { LRUCache } from 'lru-cache';

/** Who made an upstream call: `lux:1`, `client:reports`, `ip:10.1.2.3`, or `gateway`. */
export type CallerOf = () => string;

/** What the shared breaker has counted since the last success. */
export interface BreakerCounts {
  consecutiveFailures: number;
  distinctCallers: number;
}

/** More distinct callers than this are not remembered: the rule only needs to know "at least K". */
const CALLER_MEMORY = 256;

/**
 * The second way the shared circuit opens: a share of failures over a sliding window, for a
 * brownout (a vendor failing one call in three, slowly) that never fails `threshold` times in a
 * row. `percent` 0 turns it off.
 */
export interface FailureRate {
  /** Failures, in percent of the calls that ended in the window, that open the circuit. */
  percent: number;
  /** The window, in milliseconds (kept as ten buckets). */
  windowMs: number;
  /** Calls that must have ended in the window before the share counts. */
  minCalls: number;
}

interface Bucket {
  start: number;
  calls: number;
  failures: number;
  /** Failing callers, at most minCallers of them (enough to tell "at least minCallers"). */
  callers: Set<string>;
}

const BUCKETS = 10;

/**
 * The shared circuit of one upstream, as a cockatiel breaker (`IBreaker`, its extension point):
 * it opens after `threshold` consecutive failures only when they came from at least `minCallers`
 * distinct callers, so one caller (one account, one service client, one anonymous IP) whose calls
 * fail, whatever the reason, cannot open the circuit for everyone. A success from anyone resets it.
 *
 * Half-open: cockatiel lets one probe through and re-opens when it fails. A failed probe holds
 * the circuit open for a full period only when its caller is not the one whose probe failed last
 * time; otherwise the next call (from anyone) probes at once (`halfOpenAfter()` reads `holdOpen`).
 * So one caller cannot keep a circuit open either, by being the one who probes.
 *
 * It also opens when, over the last `rate.windowMs`, at least `rate.minCalls` calls ended and
 * `rate.percent` of them failed, again only when the failures came from `minCallers` callers:
 * consecutive failures alone never see a brownout, where successes keep resetting the count.
 */
export class CallerAwareBreaker implements IBreaker {
  private failures = 0;
  private callers = new Set<string>();
  private lastProbeCaller: string | undefined;
  private buckets: Bucket[] = [];
  /** The window as it stood when the share of failures last opened the circuit (for its log line). */
  openedBy?: { calls: number; failures: number; failingCallers: number };
  /** Read by `halfOpenAfter()` when the circuit (re)opens. */
  holdOpen = true;

  constructor(
    private readonly threshold: number,
    private readonly minCallers: number,
    private readonly callerOf: CallerOf,
    private readonly rate: FailureRate = { percent: 0, windowMs: 10_000, minCalls: 20 },
    private readonly now: () => number = Date.now,
  ) {}

  /** For cockatiel's serialisation (`toJSON`); not used by the gateway. */
  get state(): unknown {
    return { failures: this.failures, callers: [...this.callers] };
  }

  set state(value: unknown) {
    const saved = value as { failures?: number; callers?: string[] } | undefined;
    this.failures = saved?.failures ?? 0;
    this.callers = new Set(saved?.callers ?? []);
  }

  get counts(): BreakerCounts {
    return { consecutiveFailures: this.failures, distinctCallers: this.callers.size };
  }

  /** Calls, failures and failing callers in the window now (for logs and tests). */
  get windowCounts(): { calls: number; failures: number; failingCallers: number } {
    const live = this.liveBuckets();
    const callers = new Set<string>();
    for (const bucket of live) for (const caller of bucket.callers) callers.add(caller);
    return {
      calls: live.reduce((sum, bucket) => sum + bucket.calls, 0),
      failures: live.reduce((sum, bucket) => sum + bucket.failures, 0),
      failingCallers: callers.size,
    };
  }

  success(state?: CircuitState): void {
    this.failures = 0;
    this.callers.clear();
    this.lastProbeCaller = undefined;
    this.holdOpen = true;
    // A probe that succeeded closes the circuit: the window starts again.
    if (state === CircuitState.HalfOpen) this.buckets = [];
    else if (this.rate.percent > 0) this.bucket().calls += 1;
  }

  failure(state: CircuitState): boolean {
    const caller = this.callerOf();
    this.failures += 1;
    if (this.callers.size < CALLER_MEMORY) this.callers.add(caller);
    if (state === CircuitState.HalfOpen) {
      // cockatiel re-opens after a failed probe whatever this returns.
      this.holdOpen = caller !== this.lastProbeCaller;
      this.lastProbeCaller = caller;
      return true;
    }
    if (this.rate.percent > 0) {
      const bucket = this.bucket();
      bucket.calls += 1;
      bucket.failures += 1;
      if (bucket.callers.size < this.minCallers) bucket.callers.add(caller);
    }
    const consecutive = this.failures >= this.threshold && this.callers.size >= this.minCallers;
    const share = !consecutive && this.rateExceeded();
    this.openedBy = share ? this.windowCounts : undefined;
    const open = consecutive || share;
    if (open) {
      this.holdOpen = true;
      this.lastProbeCaller = undefined;
      // What opened it is spent: after the open period the window starts again.
      this.buckets = [];
    }
    return open;
  }

  private rateExceeded(): boolean {
    if (this.rate.percent <= 0) return false;
    const { calls, failures, failingCallers } = this.windowCounts;
    return (
      calls >= this.rate.minCalls &&
      failures * 100 >= this.rate.percent * calls &&
      failingCallers >= this.minCallers
    );
  }

  private liveBuckets(): Bucket[] {
    const since = this.now() - this.rate.windowMs;
    this.buckets = this.buckets.filter((bucket) => bucket.start > since);
    return this.buckets;
  }

  /** The bucket of now (a tenth of the window), made when missing. */
  private bucket(): Bucket {
    const width = Math.max(1, Math.floor(this.rate.windowMs / BUCKETS));
    const start = Math.floor(this.now() / width) * width;
    const last = this.buckets.at(-1);
    if (last?.start === start) return last;
    const fresh: Bucket = { start, calls: 0, failures: 0, callers: new Set() };
    this.liveBuckets().push(fresh);
    return fresh;
  }

  /** cockatiel's `halfOpenAfter`: the full period, or 0 when a failed probe must not hold the circuit. */
  halfOpenAfter(periodMs: number): IBackoffFactory<unknown> {
    const next = (): IBackoff<unknown> => ({ duration: this.holdOpen ? periodMs : 0, next });
    return { next };
  }
}

interface CallerCircuit {
  failures: number;
  openedAt?: number;
}

/**
 * One small circuit per caller, in front of the shared one: after `threshold` consecutive upstream
 * failures of one caller, that caller's next calls fail fast for `openMs` (then one goes through
 * again), while everyone else's calls go on. It keeps a caller whose calls keep failing from
 * filling the upstream's bulkhead or hammering the upstream.
 *
 * Written here rather than as one cockatiel breaker per caller: a cockatiel policy wraps the call
 * before its outcome is known, so every caller would need a policy object (with its emitters) of
 * its own. This keeps an entry only for callers whose last calls failed (at most `maxCallers`,
 * least recent out) and drops it on their next success.
 */
export class CallerCircuits {
  private readonly circuits: LRUCache<string, CallerCircuit>;

  constructor(
    private readonly threshold: number,
    private readonly openMs: number,
    maxCallers = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.circuits = new LRUCache({ max: maxCallers });
  }

  /** Milliseconds this caller must still wait, or 0 when its call may go. */
  remainingMs(caller: string): number {
    const openedAt = this.circuits.get(caller)?.openedAt;
    if (openedAt === undefined) return 0;
    return Math.max(0, this.openMs - (this.now() - openedAt));
  }

  success(caller: string): void {
    this.circuits.delete(caller);
  }

  /** Counts one failure; true when this one opened (or re-opened) the caller's circuit. */
  failure(caller: string): boolean {
    const circuit = this.circuits.get(caller) ?? { failures: 0 };
    circuit.failures += 1;
    const opens = circuit.failures >= this.threshold && this.remainingMs(caller) === 0;
    if (opens) circuit.openedAt = this.now();
    this.circuits.set(caller, circuit);
    return opens;
  }
}
