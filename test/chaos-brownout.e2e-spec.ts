import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { DEMO_PASSWORD, startStack, TestStack } from './support/stack';

/**
 * How long the vendor is browned out (a shortened production night): at least 10 s, and then
 * until its breaker is open, so that the recovery measured is the one that waits on it.
 */
const MIN_BROWNOUT_MS = 10_000;
const MAX_BROWNOUT_MS = 25_000;
const LATENCY_MS = 2_000;
const ERROR_RATIO = 0.3;
const MAX_CONCURRENT = 8;
const MAX_QUEUE = 8;
const HALF_OPEN_MS = 3_000;
const HOME_DEADLINE_MS = 1_500;
/** The bounds the scenario asserts. */
const OTHER_VENDOR_P95_MS = 200;
const HOME_BUDGET_MS = HOME_DEADLINE_MS + 500;
const RECOVERY_MS = HALF_OPEN_MS + 1_500;
const HEAP_GROWTH_BYTES = 64 * 1024 * 1024;

/** Three Lux accounts: three distinct callers, as the shared breaker requires. */
const LUX_ACCOUNTS = ['demo@junction.dev', 'fresh@junction.dev', 'social@junction.dev'];

function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * A production night, scenario 1: Nueyne browns out (every call 2 s late, 3 in 10 failing with
 * 503) for 10 s or more under steady load from three accounts, while other callers read ThinQ and
 * Interwater. The gateway's bulkheads keep the other vendors' routes fast, Nueyne's calls in
 * flight and waiting stay bounded, Nueyne's breaker opens on Nueyne's failures, /v1/home answers
 * within its deadline with Nueyne's part in `errors`, and everything recovers when Nueyne does.
 */
describe('chaos: a vendor brownout', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        LOG_LEVEL: 'error',
        NUEYNE_MAX_CONCURRENT: String(MAX_CONCURRENT),
        NUEYNE_MAX_QUEUE: String(MAX_QUEUE),
        NUEYNE_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
        HOME_DEADLINE_MS: String(HOME_DEADLINE_MS),
        AGGREGATE_SOURCE_TIMEOUT_MS: String(HOME_DEADLINE_MS),
        // Status reads go to ThinQ itself every 100 ms or so, so their latency is ThinQ's path.
        THINQ_STATUS_FRESH_MS: '100',
        THINQ_HOURLY_CALL_BUDGET: '1000000',
        THINQ_COMMAND_RESERVE: '10',
      },
    });
  }, 60000);
  afterAll(() => stack?.close());

  const signIn = async (username: string) => {
    const res = await request(stack.http)
      .post('/v1/auth/token')
      .type('form')
      .send({ grant_type: 'password', provider: 'lux', username, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    return res.body.access_token as string;
  };

  it('other vendors keep their latency, Nueyne’s breaker opens, /v1/home keeps its budget, and all recovers', async () => {
    const sessions = await Promise.all(LUX_ACCOUNTS.map(signIn));
    const [demo] = sessions;
    await request(stack.http)
      .put('/v1/me/links/thinq')
      .auth(demo, { type: 'bearer' })
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
    const service = await stack.serviceToken('conference:read');
    const statusPath = `/v1/appliances/${THINQ_DEVICE_IDS.airConditioner}/status`;
    for (const token of sessions)
      await request(stack.http).get('/v1/me').auth(token, { type: 'bearer' }).expect(200);
    const before = await request(stack.http).get('/v1/home').auth(demo, { type: 'bearer' });
    expect(before.status).toBe(200);
    expect(before.body.errors).toEqual([]);
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;

    stack.nueyne.faults.resetCalls();
    stack.nueyne.faults.add({
      route: '*',
      latencyMs: LATENCY_MS,
      fail: {
        count: 1_000_000,
        status: 503,
        body: { detail: 'Service temporarily unavailable' },
        ratio: ERROR_RATIO,
      },
    });
    const started = performance.now();
    // What the gateway says of Nueyne's breaker, and the calls held at Nueyne.
    const breakerStates = new Set<string>();
    let gaugeOpen = false;
    let peakAtNueyne = 0;
    let openedAtMs: number | undefined;
    let ending = false;
    const browning = () => !ending;
    let cleared = 0;
    let breakerAtClear: string | undefined;
    const control = async () => {
      await sleep(MIN_BROWNOUT_MS);
      while (performance.now() - started < MAX_BROWNOUT_MS) {
        breakerAtClear = (await request(stack.http).get('/health/ready')).body.upstreams?.nueyne
          ?.breaker as string;
        breakerStates.add(breakerAtClear);
        if (breakerAtClear === 'open') {
          openedAtMs ??= performance.now() - started;
          const metrics = (await request(stack.http).get('/metrics')).text;
          if (metrics.includes('junction_upstream_circuit_state{upstream="nueyne"} 1'))
            gaugeOpen = true;
          break;
        }
        await sleep(50);
      }
      // The vendor is back.
      stack.nueyne.faults.clear();
      cleared = performance.now();
      ending = true;
    };

    // Steady load on Nueyne: six clients per account, each honouring Retry-After.
    const nueyneStatuses = new Map<number, number>();
    let unavailableWithoutRetryAfter = 0;
    const loadNueyne = async (token: string) => {
      while (browning()) {
        const res = await request(stack.http).get('/v1/me').auth(token, { type: 'bearer' });
        nueyneStatuses.set(res.status, (nueyneStatuses.get(res.status) ?? 0) + 1);
        const retryAfter = Number(res.headers['retry-after']);
        if (res.status === 503 && !(retryAfter > 0)) unavailableWithoutRetryAfter += 1;
        if (res.status >= 500 && retryAfter > 0) await sleep(Math.min(retryAfter, 1) * 1000);
        // Clients are not in lockstep.
        await sleep(Math.random() * 50);
      }
    };
    // Other callers on the other vendors, ten reads a second each.
    const thinqMs: number[] = [];
    const interwaterMs: number[] = [];
    const otherFailures: number[] = [];
    const readOthers = async () => {
      while (browning()) {
        for (const [path, token, into] of [
          [statusPath, demo, thinqMs],
          ['/v1/conference/sessions', service, interwaterMs],
        ] as const) {
          const t0 = performance.now();
          const res = await request(stack.http).get(path).auth(token, { type: 'bearer' });
          into.push(performance.now() - t0);
          if (res.status !== 200) otherFailures.push(res.status);
        }
        await sleep(100);
      }
    };
    // The home screen, once a second.
    const homes: { ms: number; status: number; errors: { source: string; code: string }[] }[] = [];
    const readHome = async () => {
      while (browning()) {
        const t0 = performance.now();
        const res = await request(stack.http).get('/v1/home').auth(demo, { type: 'bearer' });
        homes.push({ ms: performance.now() - t0, status: res.status, errors: res.body.errors });
        await sleep(1000);
      }
    };
    const watch = async () => {
      while (browning()) {
        const ready = await request(stack.http).get('/health/ready');
        const breaker = ready.body.upstreams?.nueyne?.breaker as string;
        breakerStates.add(breaker);
        if (breaker === 'open') openedAtMs ??= performance.now() - started;
        const metrics = (await request(stack.http).get('/metrics')).text;
        if (metrics.includes('junction_upstream_circuit_state{upstream="nueyne"} 1'))
          gaugeOpen = true;
        peakAtNueyne = Math.max(peakAtNueyne, stack.nueyne.faults.inFlight());
        await sleep(200);
      }
    };
    await Promise.all([
      ...sessions.flatMap((token) => Array.from({ length: 6 }, () => loadNueyne(token))),
      readOthers(),
      readHome(),
      watch(),
      control(),
    ]);
    collectGarbage();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;

    // Recovery: the vendor is back; its routes answer 2xx again within the bound.
    let recoveredMs = Infinity;
    while (performance.now() - cleared < RECOVERY_MS + 2000) {
      const res = await request(stack.http).get('/v1/me').auth(demo, { type: 'bearer' });
      if (res.status === 200) {
        recoveredMs = performance.now() - cleared;
        break;
      }
      await sleep(100);
    }
    const after = await request(stack.http).get('/v1/home').auth(demo, { type: 'bearer' });
    const ready = await request(stack.http).get('/health/ready');

    const figures = {
      thinqP95: Math.round(percentile(thinqMs, 95)),
      interwaterP95: Math.round(percentile(interwaterMs, 95)),
      otherReads: thinqMs.length + interwaterMs.length,
      nueyneStatuses: Object.fromEntries(nueyneStatuses),
      peakAtNueyne: Math.max(peakAtNueyne, stack.nueyne.faults.peakInFlight()),
      breakerStates: [...breakerStates],
      breakerOpenedAfterMs: openedAtMs === undefined ? undefined : Math.round(openedAtMs),
      brownoutMs: Math.round(cleared - started),
      breakerAtClear,
      homeMaxMs: Math.round(Math.max(...homes.map((h) => h.ms))),
      homes: homes.length,
      homeErrors: [...new Set(homes.flatMap((h) => h.errors.map((e) => `${e.source} ${e.code}`)))],
      recoveredMs: Math.round(recoveredMs),
      heapGrowthMiB: Math.round(heapGrowth / 1024 / 1024),
    };
    process.stdout.write(`brownout figures: ${JSON.stringify(figures)}\n`);

    // Bulkheads: ThinQ and Interwater reads kept their latency and never failed.
    expect(thinqMs.length).toBeGreaterThan(20);
    expect(otherFailures).toEqual([]);
    expect(figures.thinqP95).toBeLessThan(OTHER_VENDOR_P95_MS);
    expect(figures.interwaterP95).toBeLessThan(OTHER_VENDOR_P95_MS);
    // Calls held at Nueyne never exceeded its bulkhead; the rest were refused at once.
    expect(figures.peakAtNueyne).toBeLessThanOrEqual(MAX_CONCURRENT);
    expect(figures.heapGrowthMiB * 1024 * 1024).toBeLessThan(HEAP_GROWTH_BYTES);
    // Nueyne's own failures opened its breaker, as readiness and the gauge say.
    expect(figures.breakerStates).toContain('open');
    expect(gaugeOpen).toBe(true);
    // Nueyne routes: answers, Nueyne's 503 passed on as 502, or 503 with Retry-After at once
    // (breaker open, bulkhead full); never a 500.
    expect(
      Object.keys(figures.nueyneStatuses).every((s) => ['200', '502', '503'].includes(s)),
    ).toBe(true);
    expect(nueyneStatuses.get(200)).toBeGreaterThan(0);
    expect(unavailableWithoutRetryAfter).toBe(0);
    // The home screen: 200 within its budget every time, Nueyne's part listed in errors.
    expect(homes.length).toBeGreaterThanOrEqual(5);
    for (const home of homes) {
      expect(home.status).toBe(200);
      expect(home.ms).toBeLessThan(HOME_BUDGET_MS);
      expect(home.errors.map((e) => e.source)).toContain('lux');
    }
    // Recovery, from an open breaker: its half-open period, then one probe.
    expect(breakerAtClear).toBe('open');
    expect(recoveredMs).toBeLessThan(RECOVERY_MS);
    expect(after.status).toBe(200);
    expect(after.body.errors).toEqual([]);
    expect(ready.body.upstreams.nueyne.breaker).toBe('closed');
  }, 60000);
});
