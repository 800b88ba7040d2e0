import request from 'supertest';
import { THINQ_DEMO_TOKENS } from '../src/sandbox/thinq/demo-data';
import { eventually } from './support/eventually';
import { authed } from './support/http';
import { startStack, TestStack } from './support/stack';

/**
 * Attacks on the shared circuit breakers, driven against the built app (real redis-server,
 * simulators by URL): one caller, or one odd input, must never open a circuit for everyone.
 * Every test also checks that an unrelated user keeps getting 200.
 */

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const LUX_ME = 'GET /api/v1/lux/user/me';
const CHECK_DEVICE = 'GET /api/v1/legacy/device/check-device';
const THINQ_DEVICES = 'GET /v2/devices';

/** Log lines of the gateway, parsed. */
const parsed = (stack: TestStack): Record<string, unknown>[] =>
  stack.gateway.logs.map((line) => JSON.parse(line) as Record<string, unknown>);

const health = async (stack: TestStack) =>
  (await request(stack.http).get('/health/ready')).body.upstreams as Record<
    string,
    { breaker?: string; state: string }
  >;

describe('abuse: values that cannot be sent upstream never reach the breaker', () => {
  let stack: TestStack;
  let victim: string;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        // Low thresholds and a long open period: before the fix, three requests opened the circuit.
        NUEYNE_BREAKER_THRESHOLD: '3',
        THINQ_BREAKER_THRESHOLD: '3',
        NUEYNE_BREAKER_HALF_OPEN_MS: '60000',
        THINQ_BREAKER_HALF_OPEN_MS: '60000',
      },
    });
    victim = (await stack.login('lux')).accessToken;
    const linked = await authed(stack.http, victim)
      .put('/v1/me/links/thinq')
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' });
    expect(linked.status).toBe(200);
  });
  afterAll(() => stack.close());

  const exchange = (subjectToken: string) =>
    request(stack.http).post('/v1/auth/token').type('form').send({
      grant_type: TOKEN_EXCHANGE,
      subject_token: subjectToken,
      subject_token_type: 'urn:nueyne:lux',
    });

  it('token exchange with a subject_token outside visible ASCII is 400 invalid_request, before any Nueyne call', async () => {
    stack.nueyne.faults.resetCalls();
    for (const subjectToken of ['中', 'abc\u0001def', 'two words', 'tab\there', '\u00e9t\u00e9']) {
      for (let i = 0; i < 3; i++) {
        const res = await exchange(subjectToken);
        expect({ status: res.status, error: res.body.error }).toEqual({
          status: 400,
          error: 'invalid_request',
        });
        expect(res.body.error_description).toContain('subject_token');
      }
    }
    expect(stack.nueyne.faults.count(LUX_ME)).toBe(0);
    // The unrelated user and everyone's password sign-in are untouched.
    for (let i = 0; i < 5; i++)
      expect((await authed(stack.http, victim).get('/v1/me')).status).toBe(200);
    await stack.login('legacy');
    const upstreams = await health(stack);
    expect(upstreams.nueyne.breaker).toBe('closed');
    expect(upstreams.nueyne.state).not.toBe('failing');
    // At LOG_LEVEL=info (this stack), no debug line is written.
    expect(parsed(stack).filter((line) => line.level === 'debug')).toEqual([]);
  });

  it('the same in a JSON body', async () => {
    const res = await request(stack.http).post('/v1/auth/token').send({
      grant_type: TOKEN_EXCHANGE,
      subject_token: '\u4e2d',
      subject_token_type: 'urn:nueyne:legacy',
    });
    expect({ status: res.status, error: res.body.error }).toEqual({
      status: 400,
      error: 'invalid_request',
    });
  });

  it('a ThinQ link with an accessToken outside visible ASCII is 400 naming accessToken, before any ThinQ call', async () => {
    const attacker = (await stack.login('legacy', 'demo2@junction.dev')).accessToken;
    stack.thinq.faults.resetCalls();
    for (const accessToken of ['中', 'a\u0000b', 'with space', 'x\ny']) {
      for (let i = 0; i < 3; i++) {
        const res = await authed(stack.http, attacker)
          .put('/v1/me/links/thinq')
          .send({ accessToken, countryCode: 'KR' });
        expect({ status: res.status, code: res.body.code }).toEqual({
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'accessToken' }));
      }
    }
    expect(stack.thinq.faults.count(THINQ_DEVICES)).toBe(0);
    for (let i = 0; i < 5; i++) {
      const res = await authed(stack.http, victim).get('/v1/appliances');
      expect(res.status).toBe(200);
      expect(res.body.length).toBeGreaterThan(0);
    }
    expect((await health(stack)).thinq.breaker).toBe('closed');
  });
});

describe('abuse: one caller cannot open a circuit shared by all', () => {
  let stack: TestStack;
  let attacker: string;
  /** Three distinct Nueyne accounts besides the attacker's, each with an uncached Nueyne route. */
  let victims: { token: string; path: string }[];
  const asVictim = (victim: { token: string; path: string }) =>
    authed(stack.http, victim.token).get(victim.path);
  const nueyneCalls = () =>
    Object.values(stack.nueyne.faults.counts()).reduce((sum, n) => sum + n, 0);

  beforeAll(async () => {
    stack = await startStack({
      env: {
        NUEYNE_BREAKER_THRESHOLD: '3',
        NUEYNE_BREAKER_HALF_OPEN_MS: '3000',
        NUEYNE_RETRIES: '0',
        LOG_LEVEL: 'debug',
      },
    });
    attacker = (await stack.login('legacy', 'demo2@junction.dev')).accessToken;
    victims = [
      { token: (await stack.login('lux')).accessToken, path: '/v1/me' },
      { token: (await stack.login('lux', 'fresh@junction.dev')).accessToken, path: '/v1/me' },
      {
        token: (await stack.login('legacy')).accessToken,
        path: '/v1/therapy/logs?month=2025-01',
      },
    ];
    for (const victim of victims) expect((await asVictim(victim)).status).toBe(200);
    stack.nueyne.faults.resetCalls();
  });
  afterAll(() => stack.close());
  afterEach(() => {
    stack.nueyne.faults.clear();
    stack.nueyne.faults.resetCalls();
  });

  it('one caller hammering a failing route: its own calls fail fast, everyone else keeps getting 200', async () => {
    // A route only the attacker uses answers 500 (as an odd input might make it).
    stack.nueyne.faults.add({
      route: CHECK_DEVICE,
      fail: {
        count: 1000,
        status: 500,
        body: { detail: 'Internal server error. Please try again later.' },
      },
    });
    const attackerStatuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      attackerStatuses.push(
        (
          await authed(stack.http, attacker).get(
            '/v1/therapy/devices/check?uniqueId=270038000C50524833343720',
          )
        ).status,
      );
      // Between the attacker's calls, no other call: nothing resets a consecutive count.
    }
    // Its first three reached Nueyne (502); then its own circuit answered 503 without calling.
    expect(attackerStatuses.slice(0, 3)).toEqual([502, 502, 502]);
    expect(new Set(attackerStatuses.slice(3))).toEqual(new Set([503]));
    expect(stack.nueyne.faults.count(CHECK_DEVICE)).toBe(3);
    // The shared circuit stayed closed: every other user is served.
    expect((await health(stack)).nueyne.breaker).toBe('closed');
    for (const victim of victims) {
      for (let i = 0; i < 3; i++) expect((await asVictim(victim)).status).toBe(200);
    }
    await stack.login('lux');
  });

  it('a real outage, seen by several callers, still opens the circuit; it logs why, and closes again', async () => {
    await eventually(async () => (await health(stack)).nueyne.breaker === 'closed');
    stack.nueyne.faults.add({
      route: '*',
      fail: { count: 1000, status: 503, body: { detail: 'Service Unavailable' } },
    });
    for (const victim of victims) expect((await asVictim(victim)).status).toBe(502);
    expect(nueyneCalls()).toBe(3);
    const fast = await asVictim(victims[0]);
    expect({ status: fast.status, code: fast.body.code }).toEqual({
      status: 503,
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(Number(fast.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(nueyneCalls()).toBe(3);
    expect((await health(stack)).nueyne.breaker).toBe('open');

    const opened = parsed(stack).find((line) => line.msg === 'upstream circuit opened');
    expect(opened).toMatchObject({
      level: 'warn',
      upstream: 'nueyne',
      from: 'closed',
      to: 'open',
      cause: expect.stringContaining('503'),
      consecutiveFailures: 3,
      distinctCallers: 3,
    });

    stack.nueyne.faults.clear();
    await eventually(async () => (await asVictim(victims[1])).status === 200, {
      timeoutMs: 10000,
      everyMs: 200,
    });
    expect((await health(stack)).nueyne.breaker).toBe('closed');
    expect(parsed(stack).find((line) => line.msg === 'upstream circuit closed')).toMatchObject({
      level: 'warn',
      upstream: 'nueyne',
      to: 'closed',
    });
  });

  it('logs every upstream call at debug: upstream, method, route template, status, ms; no secrets, no query values', async () => {
    const before = stack.gateway.logs.length;
    const res = await authed(stack.http, victims[2].token).get(
      '/v1/therapy/devices/check?uniqueId=270038000C50524833343720',
    );
    expect(res.status).toBeLessThan(500);
    const lines = stack.gateway.logs.slice(before);
    const calls = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'upstream call');
    expect(calls).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        upstream: 'nueyne',
        method: 'GET',
        route: '/api/v1/legacy/device/check-device',
        status: expect.any(Number),
        durationMs: expect.any(Number),
      }),
    );
    const text = lines.join('\n');
    expect(text).not.toContain('270038000C50524833343720');
    expect(text).not.toMatch(/legacy_at_|lux_at_|Bearer [A-Za-z0-9]/);
  });
});
