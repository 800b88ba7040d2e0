import request from 'supertest';
import { DEMO_PASSWORD, DEMO_USER, startStack, TestStack } from './support/stack';
import { UpstreamProbeModule } from './support/upstream-probe.module';

const ME = 'GET /api/v1/lux/user/me';
const SIGN_IN = 'POST /api/v1/lux/auth/email/signin';

describe('resilience: breaker, retries, timeouts, bulkhead', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack({
      imports: [UpstreamProbeModule],
      env: {
        NUEYNE_RETRIES: '2',
        NUEYNE_BREAKER_THRESHOLD: '4',
        // One test user plays a whole outage here; one caller opening the shared circuit is the
        // exception this allows (abuse-breakers.e2e-spec.ts tests the default of 3 callers).
        NUEYNE_BREAKER_MIN_CALLERS: '1',
        NUEYNE_BREAKER_HALF_OPEN_MS: '400',
        NUEYNE_TIMEOUT_MS: '400',
        NUEYNE_MAX_CONCURRENT: '2',
        NUEYNE_MAX_QUEUE: '1',
      },
    });
    token = (await stack.login()).accessToken;
  });
  afterAll(() => stack.close());
  afterEach(() => {
    stack.nueyne.faults.clear();
    stack.nueyne.faults.resetCalls();
  });

  const probe = () => request(stack.http).get('/probe/lux-me').auth(token, { type: 'bearer' });

  it('retries a GET that got 503 and answers from the second attempt', async () => {
    stack.nueyne.faults.add({
      route: ME,
      fail: { count: 1, status: 503, body: { detail: 'busy' } },
    });
    const res = await probe();
    expect(res.body).toEqual({ status: 200 });
    expect(stack.nueyne.faults.count(ME)).toBe(2);
  });

  it('never retries a POST', async () => {
    stack.nueyne.faults.add({
      route: SIGN_IN,
      fail: { count: 1, status: 503, body: { detail: 'busy' } },
    });
    const res = await request(stack.http)
      .post('/v1/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: DEMO_USER, password: DEMO_PASSWORD });
    expect(res.status).toBe(503);
    expect(stack.nueyne.faults.count(SIGN_IN)).toBe(1);
  });

  it('cuts a hanging upstream at its timeout: 504 UPSTREAM_TIMEOUT', async () => {
    stack.nueyne.faults.add({ route: ME, hang: true });
    const res = await probe();
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ code: 'UPSTREAM_TIMEOUT', upstream: { name: 'nueyne' } });
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|http:\/\//);
    // 3 attempts (2 retries) hit the hang, then the breaker stayed closed (3 < 4 failures).
    expect(stack.nueyne.faults.count(ME)).toBe(3);
    stack.nueyne.faults.clear();
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await probe()).body).toEqual({ status: 200 });
  });

  it('caps calls in flight per upstream with a small queue; the rest get 503 at once', async () => {
    stack.nueyne.faults.add({ route: ME, latencyMs: 150 });
    const results = await Promise.all(Array.from({ length: 6 }, () => probe()));
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 503);
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(3);
    expect(refused[0].body.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(stack.nueyne.faults.count(ME)).toBe(3);
  });

  it('opens the breaker after the threshold, fails fast without calling, half-opens and closes again', async () => {
    stack.nueyne.faults.add({
      route: ME,
      fail: {
        count: 1000,
        status: 500,
        body: { detail: 'Internal server error. Please try again later.' },
      },
    });
    for (let i = 0; i < 4; i++) expect((await probe()).body).toEqual({ status: 500 });
    expect(stack.nueyne.faults.count(ME)).toBe(4);
    const fast = await probe();
    expect(fast.status).toBe(503);
    expect(fast.body.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(Number(fast.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(stack.nueyne.faults.count(ME)).toBe(4);
    const health = await request(stack.http).get('/health/ready');
    expect(health.body.upstreams.nueyne.breaker).toBe('open');
    // ThinQ and Interwater are not affected.
    expect(health.body.upstreams.thinq?.breaker ?? 'closed').toBe('closed');
    const metrics = await request(stack.http).get('/metrics');
    expect(metrics.text).toContain('junction_upstream_circuit_state{upstream="nueyne"} 1');

    stack.nueyne.faults.clear();
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await probe()).body).toEqual({ status: 200 });
    expect((await request(stack.http).get('/health/ready')).body.upstreams.nueyne.breaker).toBe(
      'closed',
    );
  });
});

describe('rate limits', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        RATE_LIMITS: JSON.stringify({
          default: { limit: 5, windowSeconds: 60 },
          auth: { limit: 8, windowSeconds: 60 },
          'sign-in-failures': { limit: 2, windowSeconds: 60 },
        }),
      },
    });
  });
  afterAll(() => stack.close());

  it('holds a per-client limit across two instances, with Retry-After and RateLimit headers', async () => {
    const second = await stack.startInstance();
    const token = (await stack.login()).accessToken;
    const servers = [stack.http, second.app.getHttpServer()];
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await request(servers[i % 2])
        .get('/v1/me/links')
        .auth(token, { type: 'bearer' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last!.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(last!.body.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.headers['ratelimit-policy']).toBe('"default";q=5;w=60');
    expect(last!.headers.ratelimit).toMatch(/^"default";r=0;t=\d+$/);
    // Another session has its own budget.
    const other = (await stack.login()).accessToken;
    expect(
      (
        await request(second.app.getHttpServer())
          .get('/v1/me/links')
          .auth(other, { type: 'bearer' })
      ).status,
    ).toBe(200);
  });

  it('answers 401 for a closed session even past its limit, and 403 for a missing scope before 429', async () => {
    const pair = await stack.login();
    const links = () =>
      request(stack.http).get('/v1/me/links').auth(pair.accessToken, { type: 'bearer' });
    for (let i = 0; i < 5; i++) expect((await links()).status).toBe(200);
    expect((await links()).status).toBe(429);
    // conference:admin is not among a user token's scopes: the scope answer comes first.
    const conference = await request(stack.http)
      .get('/v1/conference/license')
      .auth(pair.accessToken, { type: 'bearer' });
    expect({ status: conference.status, code: conference.body.code }).toEqual({
      status: 403,
      code: 'INSUFFICIENT_SCOPE',
    });
    await request(stack.http)
      .post('/v1/auth/revoke')
      .type('form')
      .send({ token: pair.refreshToken })
      .expect(200);
    const closed = await links();
    expect({ status: closed.status, code: closed.body.code }).toEqual({
      status: 401,
      code: 'INVALID_TOKEN',
    });
    expect(closed.headers.ratelimit).toBeUndefined();
  });

  it('limits failed sign-ins per username, then refuses even the right password until the window ends', async () => {
    const attempt = (password: string) =>
      request(stack.http).post('/v1/auth/token').type('form').send({
        grant_type: 'password',
        provider: 'legacy',
        username: 'demo2@junction.dev',
        password,
      });
    expect((await attempt('wrong-1')).body.error).toBe('invalid_grant');
    expect((await attempt('wrong-2')).body.error).toBe('invalid_grant');
    const blocked = await attempt(DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    // The token endpoint answers in RFC 6749 form, its limits too.
    expect(blocked.body.error).toBe('temporarily_unavailable');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits the token endpoint per IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (await request(stack.http).post('/v1/auth/token').type('form').send({ grant_type: 'nope' }))
          .status,
      );
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses[0]).toBe(400);
  });
});

describe('operations: metrics, security headers, graceful shutdown', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({
      imports: [UpstreamProbeModule],
      env: { SHUTDOWN_DRAIN_MS: '300', CORS_ORIGINS: 'https://app.example.com' },
    });
  });
  afterAll(() => stack.close());

  it('exposes counters with the right values after a known sequence', async () => {
    const { accessToken } = await stack.login();
    for (let i = 0; i < 3; i++)
      await request(stack.http)
        .get('/probe/lux-me')
        .auth(accessToken, { type: 'bearer' })
        .expect(200);
    stack.nueyne.expireAccessTokens();
    await request(stack.http)
      .get('/probe/lux-me')
      .auth(accessToken, { type: 'bearer' })
      .expect(200);
    const text = (await request(stack.http).get('/metrics').expect(200)).text;
    expect(text).toMatch(
      /junction_http_request_duration_seconds_count\{method="GET",route="\/probe\/lux-me",status="200"\} 4/,
    );
    expect(text).toMatch(
      /junction_upstream_request_duration_seconds_count\{upstream="nueyne",route="GET \/api\/v1\/lux\/user\/me",status="200"\} 4/,
    );
    expect(text).toMatch(
      /junction_upstream_request_duration_seconds_count\{upstream="nueyne",route="GET \/api\/v1\/lux\/user\/me",status="401"\} 1/,
    );
    expect(text).toMatch(
      /junction_upstream_token_refreshes_total\{upstream="nueyne",outcome="refreshed"\} 1/,
    );
    expect(text).toContain('junction_nodejs_eventloop_lag_seconds');
    expect(text).toContain('junction_process_resident_memory_bytes');
  });

  it('sets API security headers and answers CORS preflights for the configured origin only', async () => {
    const res = await request(stack.http).get('/health/live');
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
    const preflight = await request(stack.http)
      .options('/v1/me/links')
      .set('origin', 'https://app.example.com')
      .set('access-control-request-method', 'GET')
      .set('access-control-request-headers', 'authorization');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const foreign = await request(stack.http)
      .get('/health/live')
      .set('origin', 'https://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('on shutdown: readiness goes false first, in-flight requests finish, then it stops', async () => {
    const instance = await stack.startInstance({ SHUTDOWN_DRAIN_MS: '300' });
    await instance.app.listen({ port: 0, host: '127.0.0.1' });
    const url = await instance.app.getUrl();
    const { accessToken } = await stack.login();
    stack.nueyne.faults.add({ route: ME, latencyMs: 600 });
    const slow = fetch(`${url}/probe/lux-me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = instance.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    const done = await slow;
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ status: 200 });
    await closing;
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
    stack.nueyne.faults.clear();
  });
});
