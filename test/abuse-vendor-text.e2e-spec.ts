import request from 'supertest';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { authed } from './support/http';
import { startStack, TestStack } from './support/stack';

/**
 * Vendor text never reaches a client: each upstream is made to fail its routes with bodies that
 * name internal hosts, URLs, IPs, file paths and stack traces, with statuses the error tables
 * know and statuses they do not. Every answer carries the gateway's own words only; the vendor
 * text is in the log (with credentials redacted) for the operator.
 */

/** What an upstream may leak: hosts, URLs, IPs, ports, paths, traces, driver errors. */
const LEAK =
  /10\.0\.0\.9|db-internal|lge\.local|:5432|mongodb|iw-internal|27017|Traceback|\.py\b|\.js\b|\/srv\/|\/opt\/|\/app\/|ECONNREFUSED|MongoNetworkError|https?:\/\/|127\.0\.0\.1|sk_live|stack|at Object\./i;

const TRACEBACK =
  'Traceback (most recent call last):\n  File "/srv/nueyne/app/routers/user.py", line 42, in me\n' +
  '    user = await db.fetch(url="http://10.0.0.9:8000/internal/users")\n' +
  'ConnectionError: could not reach http://10.0.0.9:8000 (Bearer sk_live_0123456789abcdef)';
const THINQ_MESSAGE =
  'connect ECONNREFUSED db-internal.lge.local:5432 at Object.query (/opt/thinq/svc/db.js:10:7)';
const INTERWATER_MESSAGE =
  'MongoNetworkError: failed to connect to mongodb://iw-internal:27017 at /app/node_modules/mongodb/lib/topology.js:1:1';

function expectClean(res: request.Response, where: string): void {
  const text = res.text ?? '';
  if (LEAK.test(text)) throw new Error(`${where}: the answer leaks vendor text: ${text}`);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(600);
  // problem+json, or RFC 6749 JSON on the token endpoint.
  expect(res.headers['content-type']).toMatch(/^application\/(problem\+)?json/);
}

describe('abuse: no vendor text reaches a response', () => {
  let stack: TestStack;
  let lux: string;
  let legacy: string;
  let service: string;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        // Every failure here is the test's own doing: keep breakers and retries out of the way.
        NUEYNE_BREAKER_THRESHOLD: '1000',
        THINQ_BREAKER_THRESHOLD: '1000',
        INTERWATER_BREAKER_THRESHOLD: '1000',
        NUEYNE_BREAKER_FAILURE_PERCENT: '0',
        THINQ_BREAKER_FAILURE_PERCENT: '0',
        INTERWATER_BREAKER_FAILURE_PERCENT: '0',
        NUEYNE_RETRIES: '0',
        THINQ_RETRIES: '0',
        INTERWATER_RETRIES: '0',
      },
    });
    lux = (await stack.login('lux')).accessToken;
    legacy = (await stack.login('legacy')).accessToken;
    service = await stack.serviceToken();
    expect(
      (
        await authed(stack.http, lux)
          .put('/v1/me/links/thinq')
          .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      ).status,
    ).toBe(200);
  });
  afterAll(() => stack.close());
  afterEach(() => {
    stack.nueyne.faults.clear();
    stack.thinq.faults.clear();
    stack.interwater.faults.clear();
  });

  const logsAfter = (start: number) => stack.gateway.logs.slice(start).join('\n');

  describe('Nueyne', () => {
    const bodies: { status: number; body: unknown }[] = [
      { status: 500, body: { detail: TRACEBACK } },
      { status: 502, body: TRACEBACK },
      { status: 503, body: { detail: TRACEBACK } },
      { status: 418, body: { detail: TRACEBACK } },
      { status: 404, body: { detail: 'No row at http://10.0.0.9/users/1' } },
      { status: 400, body: { detail: TRACEBACK } },
      {
        status: 422,
        body: {
          detail: [{ loc: ['body', 'user_id'], msg: 'db http://10.0.0.9 refused', type: 'x' }],
        },
      },
      { status: 599, body: { detail: TRACEBACK } },
    ];
    const routes: {
      name: string;
      upstream: string;
      call: () => request.Test;
    }[] = [
      {
        name: 'GET /v1/me',
        upstream: 'GET /api/v1/lux/user/me',
        call: () => authed(stack.http, lux).get('/v1/me'),
      },
      {
        name: 'GET /v1/me/members/1',
        upstream: 'GET /api/v1/lux/user/real-user/:real_user_id',
        call: () => authed(stack.http, lux).get('/v1/me/members/1'),
      },
      {
        name: 'PATCH /v1/me/policy',
        upstream: 'PATCH /api/v1/lux/user/policy',
        call: () => authed(stack.http, lux).patch('/v1/me/policy').send({ isMarketingAgree: true }),
      },
      {
        name: 'GET /v1/therapy/devices',
        upstream: 'GET /api/v1/legacy/device/my-devices',
        call: () => authed(stack.http, legacy).get('/v1/therapy/devices'),
      },
      {
        name: 'GET /v1/therapy/logs',
        upstream: 'GET /api/v1/legacy/device/my-devlog/:year_month',
        call: () => authed(stack.http, legacy).get('/v1/therapy/logs?month=2025-01'),
      },
      {
        name: 'POST /v1/auth/token (password)',
        upstream: 'POST /api/v1/lux/auth/email/signin',
        call: () =>
          request(stack.http).post('/v1/auth/token').type('form').send({
            grant_type: 'password',
            username: 'demo@junction.dev',
            password: 'junction-demo',
          }),
      },
      {
        name: 'PUT /v1/me/links/legacy',
        upstream: 'POST /api/v1/legacy/auth/signin',
        call: () =>
          authed(stack.http, lux)
            .put('/v1/me/links/legacy')
            .send({ username: 'demo@junction.dev', password: 'junction-demo' }),
      },
    ];

    for (const route of routes) {
      it(`${route.name}: every injected body stays in the log`, async () => {
        const start = stack.gateway.logs.length;
        for (const { status, body } of bodies) {
          stack.nueyne.faults.clear();
          stack.nueyne.faults.add({ route: route.upstream, fail: { count: 5, status, body } });
          expectClean(await route.call(), `${route.name} with HTTP ${status}`);
        }
        const logs = logsAfter(start);
        expect(logs).toContain('10.0.0.9');
        expect(logs).not.toContain('sk_live_0123456789abcdef');
      });
    }
  });

  describe('ThinQ', () => {
    const failure = (code: string) => ({
      messageId: 'm',
      timestamp: '2025-01-01T00:00:00.000000',
      responseCode: code,
      response: { error: { code, message: THINQ_MESSAGE } },
    });
    const bodies: { status: number; body: unknown }[] = [
      { status: 500, body: failure('2000') },
      { status: 400, body: failure('9999') },
      { status: 404, body: failure('1205') },
      { status: 418, body: failure('not-a-code http://10.0.0.9') },
      { status: 502, body: THINQ_MESSAGE },
      { status: 503, body: { error: THINQ_MESSAGE } },
      { status: 451, body: failure('1311') },
    ];
    const routes: { name: string; upstream: string; call: () => request.Test }[] = [
      {
        name: 'GET /v1/appliances/:id/status',
        upstream: 'GET /v2/devices/status/:deviceId',
        call: () => authed(stack.http, lux).get(`/v1/appliances/${THINQ_DEVICE_IDS.washer}/status`),
      },
      {
        name: 'GET /v1/appliances/:id/profile',
        upstream: 'GET /v2/devices/profile/:deviceId',
        call: () =>
          authed(stack.http, lux).get(`/v1/appliances/${THINQ_DEVICE_IDS.refrigerator}/profile`),
      },
      {
        name: 'GET /v1/appliances',
        upstream: 'GET /v2/devices',
        call: () => authed(stack.http, lux).get('/v1/appliances'),
      },
      {
        name: 'PUT /v1/me/links/thinq',
        upstream: 'GET /v2/devices',
        call: () =>
          authed(stack.http, legacy)
            .put('/v1/me/links/thinq')
            .send({ accessToken: THINQ_DEMO_TOKENS.userB, countryCode: 'KR' }),
      },
    ];

    for (const route of routes) {
      it(`${route.name}: every injected body stays in the log`, async () => {
        const start = stack.gateway.logs.length;
        for (const { status, body } of bodies) {
          stack.thinq.faults.clear();
          stack.thinq.faults.add({ route: route.upstream, fail: { count: 5, status, body } });
          expectClean(await route.call(), `${route.name} with HTTP ${status}`);
        }
        expect(logsAfter(start)).toContain('db-internal.lge.local');
      });
    }
  });

  describe('Interwater', () => {
    const bodies: { status: number; body: unknown }[] = [
      { status: 500, body: { status: false, message: INTERWATER_MESSAGE } },
      { status: 200, body: { status: false, message: INTERWATER_MESSAGE } },
      { status: 400, body: { status: false, message: INTERWATER_MESSAGE } },
      { status: 403, body: { status: false, message: INTERWATER_MESSAGE } },
      { status: 418, body: { status: false, message: INTERWATER_MESSAGE } },
      { status: 503, body: INTERWATER_MESSAGE },
      { status: 302, body: { status: false, message: INTERWATER_MESSAGE } },
    ];
    const routes: { name: string; upstream: string; call: () => request.Test }[] = [
      {
        name: 'GET /v1/conference/license',
        upstream: 'GET /v1/info',
        call: () => authed(stack.http, service).get('/v1/conference/license'),
      },
      {
        name: 'GET /v1/conference/sessions',
        upstream: 'GET /v1/sessions',
        call: () => authed(stack.http, service).get('/v1/conference/sessions'),
      },
      {
        name: 'GET /v1/conference/sessions/:roomName',
        upstream: 'GET /v1/sessions/:room_name',
        call: () => authed(stack.http, service).get('/v1/conference/sessions/room-1'),
      },
      {
        name: 'GET /v1/conference/usage',
        upstream: 'GET /v1/static',
        call: () => authed(stack.http, service).get('/v1/conference/usage?from=2025-01-01'),
      },
    ];

    for (const route of routes) {
      it(`${route.name}: every injected body stays in the log`, async () => {
        const start = stack.gateway.logs.length;
        for (const { status, body } of bodies) {
          stack.interwater.faults.clear();
          stack.interwater.faults.add({ route: route.upstream, fail: { count: 5, status, body } });
          expectClean(await route.call(), `${route.name} with HTTP ${status}`);
        }
        expect(logsAfter(start)).toContain('iw-internal:27017');
      });
    }
  });

  describe('screens that gather several upstreams', () => {
    it('GET /v1/devices and GET /v1/home list failed sources by the gateway\u2019s codes only', async () => {
      const start = stack.gateway.logs.length;
      stack.nueyne.faults.add({
        route: '*',
        fail: { count: 50, status: 500, body: { detail: TRACEBACK } },
      });
      stack.thinq.faults.add({
        route: '*',
        fail: { count: 50, status: 500, body: { error: THINQ_MESSAGE } },
      });
      stack.interwater.faults.add({
        route: '*',
        fail: { count: 50, status: 500, body: { status: false, message: INTERWATER_MESSAGE } },
      });
      for (const path of ['/v1/devices', '/v1/home']) {
        const res = await authed(stack.http, lux).get(path);
        if (LEAK.test(res.text)) throw new Error(`${path} leaks vendor text: ${res.text}`);
        expect(res.status).toBeLessThan(600);
      }
      expect(logsAfter(start)).toContain('10.0.0.9');
    });
  });
});
