import { UpstreamResponse } from './upstream-http.types';
import { RetryBudget, UpstreamPolicy } from './upstream-policy';
import { UpstreamError } from './upstream.error';

const answer = (status: number): UpstreamResponse<unknown> => ({
  status,
  headers: {},
  body: undefined,
});
const config = {
  retries: 2,
  breakerThreshold: 3,
  // One caller may open the shared circuit in these older cases; the per-caller rule is below.
  breakerMinCallers: 1,
  breakerHalfOpenMs: 200,
  maxConcurrent: 2,
  maxQueue: 1,
};

describe('UpstreamPolicy', () => {
  it('retries an idempotent call on 503 and returns the first good answer', async () => {
    const policy = new UpstreamPolicy('thinq', config, 100);
    const statuses = [503, 502, 200];
    let calls = 0;
    const res = await policy.execute(true, 'GET /x', () =>
      Promise.resolve(answer(statuses[calls++])),
    );
    expect(res.status).toBe(200);
    expect(calls).toBe(3);
  });

  it('never retries a non-idempotent call, and hands back the 503 answer', async () => {
    const policy = new UpstreamPolicy('thinq', config, 100);
    let calls = 0;
    const res = await policy.execute(false, 'POST /x', () => {
      calls += 1;
      return Promise.resolve(answer(503));
    });
    expect(res.status).toBe(503);
    expect(calls).toBe(1);
  });

  it('retries timeouts of idempotent calls but not 4xx answers', async () => {
    const policy = new UpstreamPolicy('nueyne', config, 100);
    let calls = 0;
    await expect(
      policy.execute(true, 'GET /x', () => {
        calls += 1;
        return Promise.reject(new UpstreamError('nueyne', 'GET /x', 'timeout', 'slow'));
      }),
    ).rejects.toMatchObject({ kind: 'timeout' });
    expect(calls).toBe(3);
    // Three timeouts in a row also opened the breaker (threshold 3); a fresh policy for the 4xx case.
    expect(policy.state).toBe('open');
    const fresh = new UpstreamPolicy('nueyne', config, 100);
    calls = 0;
    expect(
      (await fresh.execute(true, 'GET /y', () => (calls++, Promise.resolve(answer(404))))).status,
    ).toBe(404);
    expect(calls).toBe(1);
  });

  it('a 5xx the caller calls a refusal of its input is an answer: no breaker counts it, no retry', async () => {
    const policy = new UpstreamPolicy('nueyne', config, 100);
    let calls = 0;
    const refused = () => (calls++, Promise.resolve(answer(503)));
    const refusal = (response: UpstreamResponse<unknown>) => response.status === 503;
    // Twice the threshold, from one caller, on an idempotent call (a 503 is otherwise retried).
    for (let i = 0; i < 6; i++)
      expect((await policy.execute(true, 'POST /log', refused, 'lux:1', refusal)).status).toBe(503);
    expect(calls).toBe(6);
    expect(policy.state).toBe('closed');
    // The caller's own circuit is closed too: its next call goes through.
    expect(
      (await policy.execute(true, 'GET /x', () => Promise.resolve(answer(200)), 'lux:1')).status,
    ).toBe(200);
    // The same answers without the refusal: retried and counted, the caller's circuit opens.
    calls = 0;
    await policy.execute(true, 'POST /log', refused, 'lux:2');
    expect(calls).toBe(3);
    await expect(policy.execute(true, 'POST /log', refused, 'lux:2')).rejects.toMatchObject({
      kind: 'circuit_open',
    });
  });

  it('opens after consecutive failures, fails fast with Retry-After, then half-opens and closes on success', async () => {
    const policy = new UpstreamPolicy('interwater', { ...config, retries: 0 }, 100);
    let calls = 0;
    const failing = () => (calls++, Promise.resolve(answer(500)));
    for (let i = 0; i < 3; i++)
      expect((await policy.execute(true, 'GET /x', failing)).status).toBe(500);
    expect(policy.state).toBe('open');
    const fast = policy.execute(true, 'GET /x', failing);
    await expect(fast).rejects.toMatchObject({
      kind: 'circuit_open',
      code: 'UPSTREAM_UNAVAILABLE',
      status: 503,
    });
    await expect(fast).rejects.toMatchObject({
      headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
    });
    expect(calls).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await policy.execute(true, 'GET /x', () => Promise.resolve(answer(200)))).status).toBe(
      200,
    );
    expect(policy.state).toBe('closed');
  });

  it('caps calls in flight and queues a few; beyond that 503 overloaded', async () => {
    const policy = new UpstreamPolicy('thinq', config, 100);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inFlight = 0;
    let peak = 0;
    const slow = async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await gate;
      inFlight -= 1;
      return answer(200);
    };
    const calls = [1, 2, 3, 4].map(() => policy.execute(true, 'GET /x', slow));
    const settled = Promise.allSettled(calls);
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    const results = await settled;
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { kind: 'overloaded' },
    });
  });
});

describe('RetryBudget', () => {
  it('allows retries up to a share of recent calls, with a floor', () => {
    let now = 0;
    const budget = new RetryBudget(20, 3, 10_000, () => now);
    for (let i = 0; i < 100; i++) budget.recordCall();
    const granted = Array.from({ length: 50 }, () => budget.tryRetry()).filter(Boolean).length;
    expect(granted).toBe(20);
    now = 10_001;
    budget.recordCall();
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry(), budget.tryRetry()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('UpstreamPolicy: one caller cannot open the shared circuit', () => {
  const shared = { ...config, retries: 0, breakerThreshold: 3, breakerMinCallers: 3 };
  let caller = 'lux:1';
  const lines: Record<string, unknown>[] = [];
  /** A policy whose calls are made by whoever `caller` names when each call starts. */
  const make = (overrides: Partial<typeof shared> = {}) => {
    const policy = new UpstreamPolicy('nueyne', { ...shared, ...overrides }, 100, undefined, {
      warn: (line) => lines.push(line),
    });
    const execute = policy.execute.bind(policy);
    policy.execute = (idempotent, route, send) => execute(idempotent, route, send, caller);
    return policy;
  };
  const fail = () => Promise.resolve(answer(500));
  const ok = () => Promise.resolve(answer(200));
  beforeEach(() => {
    caller = 'lux:1';
    lines.length = 0;
  });

  it('one caller failing: its own circuit opens and fails fast; the shared one stays closed for others', async () => {
    const policy = make();
    let calls = 0;
    const counted = () => (calls++, fail());
    for (let i = 0; i < 3; i++)
      expect((await policy.execute(true, 'GET /x', counted)).status).toBe(500);
    await expect(policy.execute(true, 'GET /x', counted)).rejects.toMatchObject({
      kind: 'circuit_open',
      status: 503,
      headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
    });
    expect(calls).toBe(3);
    expect(policy.state).toBe('closed');
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'caller circuit opened',
        caller: 'lux:1',
        upstream: 'nueyne',
      }),
    );
    caller = 'lux:2';
    expect((await policy.execute(true, 'GET /y', ok)).status).toBe(200);
  });

  it('failures from enough distinct callers open it, with one warn line naming the cause and the counts', async () => {
    const policy = make();
    for (const who of ['lux:1', 'lux:2', 'client:reports']) {
      caller = who;
      expect((await policy.execute(false, 'POST /x', fail)).status).toBe(500);
    }
    expect(policy.state).toBe('open');
    expect(lines).toContainEqual({
      msg: 'upstream circuit opened',
      upstream: 'nueyne',
      from: 'closed',
      to: 'open',
      cause: 'HTTP 500 on POST /x',
      consecutiveFailures: 3,
      distinctCallers: 3,
      threshold: 3,
      minCallers: 3,
      holdMs: 200,
    });
    caller = 'lux:9';
    await expect(policy.execute(true, 'GET /x', ok)).rejects.toMatchObject({
      kind: 'circuit_open',
    });
  });

  it('counts each failure against the caller whose call failed, when calls of several callers are in flight at once', async () => {
    const policy = new UpstreamPolicy('nueyne', shared, 100);
    // Each call fails a few ticks later, after the others started: the caller of a failure is
    // its call's own, not whoever started last.
    const late = (ticks: number) => async () => {
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      return answer(500);
    };
    // One caller, three failures at once: its own circuit, not the shared one.
    await Promise.all(
      [3, 1, 2].map((ticks) => policy.execute(true, 'GET /x', late(ticks), 'lux:1')),
    );
    expect(policy.state).toBe('closed');
    await expect(
      policy.execute(true, 'GET /x', () => Promise.resolve(answer(200)), 'lux:1'),
    ).rejects.toMatchObject({ kind: 'circuit_open' });
    // Three callers at once (the first one's failure lands last): the shared one opens.
    const other = new UpstreamPolicy('nueyne', shared, 100);
    await Promise.all(
      ['lux:1', 'lux:2', 'client:reports'].map((who, i) =>
        other.execute(true, 'GET /x', late(3 - i), who),
      ),
    );
    expect(other.state).toBe('open');
  });

  it('a success from anyone resets the count', async () => {
    const policy = make();
    for (const who of ['lux:1', 'lux:2']) {
      caller = who;
      await policy.execute(true, 'GET /x', fail);
    }
    caller = 'lux:3';
    await policy.execute(true, 'GET /x', ok);
    await policy.execute(true, 'GET /x', fail);
    expect(policy.state).toBe('closed');
  });

  it('4xx answers and requests the gateway could not build never count, for the caller or the circuit', async () => {
    const policy = make({ breakerMinCallers: 1, retries: 2 });
    let calls = 0;
    for (let i = 0; i < 10; i++) {
      expect(
        (await policy.execute(true, 'GET /x', () => (calls++, Promise.resolve(answer(401)))))
          .status,
      ).toBe(401);
      await expect(
        policy.execute(true, 'GET /x', () => {
          calls++;
          return Promise.reject(new UpstreamError('nueyne', 'GET /x', 'unsendable', 'bad header'));
        }),
      ).rejects.toMatchObject({ kind: 'unsendable' });
    }
    // No retries either: one attempt per call.
    expect(calls).toBe(20);
    expect(policy.state).toBe('closed');
    expect((await policy.execute(true, 'GET /x', ok)).status).toBe(200);
  });

  it('a caller whose probe failed last time cannot hold the circuit open: the next caller probes at once', async () => {
    const policy = make({ breakerHalfOpenMs: 300 });
    for (const who of ['lux:1', 'lux:2', 'lux:3']) {
      caller = who;
      await policy.execute(true, 'GET /x', fail);
    }
    expect(policy.state).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 330));
    // The attacker probes and fails: that holds the circuit one more period (a first failed probe).
    caller = 'ip:6.6.6.6';
    expect((await policy.execute(true, 'GET /x', fail)).status).toBe(500);
    expect(policy.state).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 330));
    // Its second failed probe in a row does not: the circuit half-opens for the very next call.
    expect((await policy.execute(true, 'GET /x', fail)).status).toBe(500);
    expect(lines.at(-1)).toMatchObject({ msg: 'upstream circuit opened', holdMs: 0 });
    caller = 'lux:1';
    expect((await policy.execute(true, 'GET /x', ok)).status).toBe(200);
    expect(policy.state).toBe('closed');
    expect(lines.at(-1)).toMatchObject({ msg: 'upstream circuit closed', to: 'closed' });
  });

  it('a real outage: failed probes from different callers keep it open for the full period', async () => {
    const policy = make({ breakerHalfOpenMs: 300 });
    for (const who of ['lux:1', 'lux:2', 'lux:3']) {
      caller = who;
      await policy.execute(true, 'GET /x', fail);
    }
    for (const who of ['lux:4', 'lux:5']) {
      await new Promise((resolve) => setTimeout(resolve, 330));
      caller = who;
      expect((await policy.execute(true, 'GET /x', fail)).status).toBe(500);
      await expect(policy.execute(true, 'GET /x', ok)).rejects.toMatchObject({
        kind: 'circuit_open',
      });
    }
  });
});
