import { load } from 'js-yaml';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { eventually } from './support/eventually';
import { RedisProcess, startRedis } from './support/redis-server';
import { DEMO_PASSWORD, DEMO_USER, startStack, TestStack } from './support/stack';

type Http = Parameters<typeof request>[0];

interface Seen {
  what: string;
  status: number;
  retryAfter?: string;
  body: unknown;
}

/**
 * Every kind of request the gateway serves, once: the user routes (session, links, Nueyne token,
 * caches, aggregates), a service route (fail-open), and the OAuth endpoints.
 */
function calls(http: Http, user: string, service: string): [string, () => request.Test][] {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return [
    ['links', () => request(http).get('/v1/me/links').set(bearer(user))],
    ['me', () => request(http).get('/v1/me').set(bearer(user))],
    ['appliances', () => request(http).get('/v1/appliances').set(bearer(user))],
    [
      'status',
      () =>
        request(http)
          .get(`/v1/appliances/${THINQ_DEVICE_IDS.airConditioner}/status`)
          .set(bearer(user)),
    ],
    ['devices', () => request(http).get('/v1/devices').set(bearer(user))],
    ['home', () => request(http).get('/v1/home').set(bearer(user))],
    ['therapy', () => request(http).get('/v1/therapy/devices').set(bearer(user))],
    ['conference', () => request(http).get('/v1/conference/sessions').set(bearer(service))],
    [
      // Checked at ThinQ first, then saved: the store is asked again after the upstream answered.
      'link thinq',
      () =>
        request(http)
          .put('/v1/me/links/thinq')
          .set(bearer(user))
          .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' }),
    ],
    [
      'command',
      () =>
        request(http)
          .post(`/v1/appliances/${THINQ_DEVICE_IDS.airConditioner}/commands`)
          .set(bearer(user))
          .send({ airFlow: { windStrength: 'HIGH' } }),
    ],
    [
      'password grant',
      () =>
        request(http).post('/v1/auth/token').type('form').send({
          grant_type: 'password',
          username: DEMO_USER,
          password: DEMO_PASSWORD,
        }),
    ],
    [
      // A refresh token of no session: the store is asked, nothing rotates.
      'refresh grant',
      () =>
        request(http)
          .post('/v1/auth/token')
          .type('form')
          .send({ grant_type: 'refresh_token', refresh_token: 'rt1.nosuchsession.secret' }),
    ],
    [
      'revoke',
      () =>
        request(http)
          .post('/v1/auth/revoke')
          .type('form')
          .send({ token: 'rt1.nosuchsession.secret' }),
    ],
  ];
}

async function send(what: string, call: () => request.Test): Promise<Seen> {
  const res = await call().timeout(15000);
  return {
    what,
    status: res.status,
    retryAfter: res.headers['retry-after'],
    body: res.body as unknown,
  };
}

/** Each kind of request once, all at the same time. */
function round(http: Http, user: string, service: string): Promise<Seen[]> {
  return Promise.all(calls(http, user, service).map(([what, call]) => send(what, call)));
}

/**
 * Requests without pause from `workers` clients, each going through every kind in turn, until
 * `stop()`: whatever happens to Redis finds requests at every step of their way.
 */
function traffic(http: Http, user: string, service: string, workers = 6) {
  const list = calls(http, user, service);
  const seen: Seen[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let n = worker; running; n += 1) {
      const [what, call] = list[n % list.length];
      seen.push(await send(what, call));
    }
  });
  return {
    seen,
    async stop() {
      running = false;
      await Promise.all(loops);
      return seen;
    },
  };
}

/** No 500 anywhere (nor a source error of 500 inside an aggregate); every 503 says when to retry. */
function expectNoInternalErrors(seen: Seen[]): void {
  const bad = seen.filter(
    (s) => s.status >= 500 && (s.status !== 503 || !s.retryAfter || Number(s.retryAfter) < 1),
  );
  expect(bad.map((s) => `${s.what} ${s.status} ${JSON.stringify(s.body)}`)).toEqual([]);
  const internal = seen.filter((s) => JSON.stringify(s.body).includes('INTERNAL_ERROR'));
  expect(internal.map((s) => `${s.what} ${JSON.stringify(s.body)}`)).toEqual([]);
}

/** The redis-server arguments docker/docker-compose.yml ships (persistence: AOF, fsync every second). */
function composeRedisArgs(): string[] {
  const compose = load(readFileSync(join(__dirname, '../docker/docker-compose.yml'), 'utf8')) as {
    services: { redis: { command: string[] } };
  };
  const [program, ...args] = compose.services.redis.command;
  expect(program).toBe('redis-server');
  return args;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real redis-server of its own, hung (SIGSTOP: every command times out) and killed (SIGKILL)
 * while requests keep coming: every store failure is a 503 with Retry-After (or a fail-open 200),
 * never a 500; the gateway recovers when Redis is back, by itself.
 */
describe('Redis faults mid-traffic', () => {
  let dir: string;
  let redis: RedisProcess;
  let stack: TestStack;
  let user: string;
  let service: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'junction-redis-faults-'));
    redis = await startRedis(composeRedisArgs(), undefined, dir);
    stack = await startStack({
      env: { REDIS_URL: redis.url, LOG_LEVEL: 'error', THINQ_STATUS_FRESH_MS: '0' },
    });
    user = (await stack.login('lux')).accessToken;
    await request(stack.http)
      .put('/v1/me/links/thinq')
      .set('authorization', `Bearer ${user}`)
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
    service = await stack.serviceToken('conference:read');
  }, 60000);
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After (or serves fail-open), never 500, while Redis hangs and dies', async () => {
    const healthy = await round(stack.http, user, service);
    const byWhat = Object.fromEntries(healthy.map((s) => [s.what, s.status]));
    expect(byWhat).toMatchObject({ links: 200, me: 200, status: 200, conference: 200 });

    // Slow upstreams: requests sit between the session check and their next store call.
    stack.thinq.faults.add({ route: '*', latencyMs: 300 });
    stack.nueyne.faults.add({ route: '*', latencyMs: 300 });
    const load = traffic(stack.http, user, service);
    await sleep(1000);
    // And for certain: links checked upstream (1 s) that will be saved once Redis has gone.
    stack.thinq.faults.add({ route: 'GET /v2/devices', latencyMs: 1000 });
    stack.nueyne.faults.add({ route: 'POST /api/v1/legacy/auth/signin', latencyMs: 1000 });
    const bearer = { authorization: `Bearer ${user}` };
    const linking = [
      ...Array.from({ length: 3 }, () =>
        send('link thinq', () =>
          request(stack.http)
            .put('/v1/me/links/thinq')
            .set(bearer)
            .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' }),
        ),
      ),
      ...Array.from({ length: 3 }, () =>
        send('link legacy', () =>
          request(stack.http)
            .put('/v1/me/links/legacy')
            .set(bearer)
            .send({ username: DEMO_USER, password: DEMO_PASSWORD }),
        ),
      ),
    ];
    await sleep(500);
    // Hung: the socket stays open and every command waits for its timeout.
    redis.kill('SIGSTOP');
    await sleep(4000);
    // Dead: the connection drops and is refused from then on.
    redis.kill('SIGKILL');
    await redis.exited();
    await sleep(2500);
    const seen = [...(await load.stop()), ...(await Promise.all(linking))];
    stack.thinq.faults.clear();
    stack.nueyne.faults.clear();
    expectNoInternalErrors(seen);
    // The outage was seen: user routes refused, the gateway's own credentials still served.
    expect(seen.filter((s) => s.what === 'links' && s.status === 503).length).toBeGreaterThan(0);
    expect(seen.filter((s) => s.what === 'conference').map((s) => s.status)).toContain(200);
    const grants = seen.filter((s) => s.what === 'password grant' && s.status === 503);
    expect(grants.length).toBeGreaterThan(0);
    expect(grants[0].body).toMatchObject({ error: 'temporarily_unavailable' });
  }, 60000);

  it('comes back by itself; run as the compose file runs it, a revocation survives a crash', async () => {
    // Redis restarts on its port from its append-only file.
    redis = await startRedis(composeRedisArgs(), redis.port, dir);
    await eventually(async () => (await request(stack.http).get('/health/ready')).status === 200);
    const after = await round(stack.http, user, service);
    expectNoInternalErrors(after);
    expect(after.find((s) => s.what === 'links')?.status).toBe(200);

    const revoked = await stack.serviceToken('conference:read');
    const conference = () =>
      request(stack.http).get('/v1/conference/sessions').set('authorization', `Bearer ${revoked}`);
    expect((await conference()).status).toBe(200);
    await request(stack.http).post('/v1/auth/revoke').type('form').send({ token: revoked });
    expect((await conference()).status).toBe(401);
    // appendfsync everysec: what was written more than a second ago is on disk.
    await sleep(1500);
    redis.kill('SIGKILL');
    await redis.exited();
    redis = await startRedis(composeRedisArgs(), redis.port, dir);
    await eventually(async () => (await request(stack.http).get('/health/ready')).status === 200);
    expect((await conference()).status).toBe(401);
    expect(
      (await request(stack.http).get('/v1/me/links').set('authorization', `Bearer ${user}`)).status,
    ).toBe(200);
  }, 60000);
});
