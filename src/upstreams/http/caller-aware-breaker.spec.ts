import { CircuitState } from 'cockatiel';
import { CallerAwareBreaker, CallerCircuits } from './caller-aware-breaker';

describe('CallerAwareBreaker', () => {
  let caller = 'a';
  const breaker = () => new CallerAwareBreaker(3, 2, () => caller);

  it('needs the threshold of consecutive failures from at least minCallers distinct callers', () => {
    const b = breaker();
    caller = 'a';
    expect([1, 2, 3, 4, 5].map(() => b.failure(CircuitState.Closed))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    caller = 'b';
    expect(b.failure(CircuitState.Closed)).toBe(true);
    expect(b.counts).toEqual({ consecutiveFailures: 6, distinctCallers: 2 });
  });

  it('forgets everything on a success', () => {
    const b = breaker();
    caller = 'a';
    b.failure(CircuitState.Closed);
    caller = 'b';
    b.failure(CircuitState.Closed);
    b.success();
    expect(b.counts).toEqual({ consecutiveFailures: 0, distinctCallers: 0 });
    expect(b.failure(CircuitState.Closed)).toBe(false);
  });

  it('holds open after a failed probe unless the same caller failed the previous probe', () => {
    const b = breaker();
    const backoff = b.halfOpenAfter(1000);
    caller = 'a';
    b.failure(CircuitState.HalfOpen);
    expect(backoff.next(undefined).duration).toBe(1000);
    b.failure(CircuitState.HalfOpen);
    expect(backoff.next(undefined).duration).toBe(0);
    caller = 'b';
    b.failure(CircuitState.HalfOpen);
    expect(backoff.next(undefined).duration).toBe(1000);
  });
});

describe('CallerAwareBreaker: the share of failures over a window (a brownout)', () => {
  const rate = { percent: 25, windowMs: 10_000, minCalls: 20 };
  /** One call in three fails, from callers a, b, c in turn: never two failures in a row. */
  const brownout = (b: CallerAwareBreaker, calls: number, callers = ['a', 'b', 'c']) => {
    const opened: number[] = [];
    let failed = 0;
    for (let n = 1; n <= calls; n++) {
      if (n % 3 === 0) {
        caller = callers[failed++ % callers.length];
        if (b.failure(CircuitState.Closed)) opened.push(n);
      } else b.success(CircuitState.Closed);
    }
    return opened;
  };
  let caller = 'a';
  let now = 0;
  const make = (minCallers = 3, percent = 25) =>
    new CallerAwareBreaker(
      5,
      minCallers,
      () => caller,
      { ...rate, percent },
      () => now,
    );

  it('opens once 20 calls ended with a quarter or more failing, though none failed twice in a row', () => {
    now = 0;
    const b = make();
    // Calls 3, 6, ..., 21 fail: at the 21st, 7 of 21 (33 %) from three callers.
    expect(brownout(b, 21)[0]).toBe(21);
    expect(b.openedBy).toEqual({ calls: 21, failures: 7, failingCallers: 3 });
    // What opened it is spent: the window starts again.
    expect(b.windowCounts).toEqual({ calls: 0, failures: 0, failingCallers: 0 });
  });

  it('does not open below the share, below minCalls, with one failing caller, or when turned off', () => {
    now = 0;
    expect(brownout(make(3, 40), 60)).toEqual([]);
    expect(brownout(make(), 18)).toEqual([]);
    expect(brownout(make(), 60, ['a'])).toEqual([]);
    expect(brownout(make(3, 0), 60)).toEqual([]);
  });

  it('forgets calls older than the window', () => {
    now = 0;
    const b = make();
    expect(brownout(b, 18)).toEqual([]);
    now = 10_500;
    // The first 18 calls are out of the window: 3 more are not 20.
    expect(brownout(b, 3)).toEqual([]);
    expect(b.windowCounts.calls).toBe(3);
  });

  it('a probe that succeeds (half-open) starts the window again', () => {
    now = 0;
    const b = make();
    brownout(b, 18);
    b.success(CircuitState.HalfOpen);
    expect(b.windowCounts.calls).toBe(0);
  });
});

describe('CallerCircuits', () => {
  it('opens for one caller after the threshold, for the period, then lets a call through again', () => {
    let now = 0;
    const circuits = new CallerCircuits(2, 1000, 100, () => now);
    expect(circuits.failure('a')).toBe(false);
    expect(circuits.failure('a')).toBe(true);
    expect(circuits.remainingMs('a')).toBe(1000);
    expect(circuits.remainingMs('b')).toBe(0);
    now = 400;
    expect(circuits.remainingMs('a')).toBe(600);
    // A failure of a call already in flight does not extend the period.
    expect(circuits.failure('a')).toBe(false);
    now = 1000;
    expect(circuits.remainingMs('a')).toBe(0);
    // The next call fails again: open again at once.
    expect(circuits.failure('a')).toBe(true);
    circuits.success('a');
    expect(circuits.remainingMs('a')).toBe(0);
    expect(circuits.failure('a')).toBe(false);
  });

  it('remembers at most maxCallers failing callers', () => {
    const circuits = new CallerCircuits(1, 1000, 2, () => 0);
    circuits.failure('a');
    circuits.failure('b');
    circuits.failure('c');
    expect(circuits.remainingMs('a')).toBe(0);
    expect(circuits.remainingMs('c')).toBe(1000);
  });
});
