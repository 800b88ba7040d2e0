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
