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
 * The shared circuit of one upstream, as a cockatiel breaker (`IBreaker`, its extension point):
 * it opens after `threshold` consecutive failures only when they came from at least `minCallers`
 * distinct callers, so one caller (one account, one service client, one anonymous IP) whose calls
 * fail, whatever the reason, cannot open the circuit for everyone. A success from anyone resets it.
 *
 * Half-open: cockatiel lets one probe through and re-opens when it fails. A failed probe holds
 * the circuit open for a full period only when its caller is not the one whose probe failed last
 * time; otherwise the next call (from anyone) probes at once (`halfOpenAfter()` reads `holdOpen`).
 * So one caller cannot keep a circuit open either, by being the one who probes.
 */
export class CallerAwareBreaker implements IBreaker {
  private failures = 0;
  private callers = new Set<string>();
  private lastProbeCaller: string | undefined;
  /** Read by `halfOpenAfter()` when the circuit (re)opens. */
  holdOpen = true;

  constructor(
    private readonly threshold: number,
    private readonly minCallers: number,
    private readonly callerOf: CallerOf,
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

  success(): void {
    this.failures = 0;
    this.callers.clear();
    this.lastProbeCaller = undefined;
    this.holdOpen = true;
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
    const open = this.failures >= this.threshold && this.callers.size >= this.minCallers;
    if (open) {
      this.holdOpen = true;
      this.lastProbeCaller = undefined;
    }
    return open;
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
