import { eventually } from './support/eventually';
import request from 'supertest';
import { leaseSize } from '../src/rate-limit/window-leases';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { TestGateway } from './support/gateway';
import { RedisCluster, startRedisCluster } from './support/redis-cluster';
import { startStack, TestStack } from './support/stack';
import { UpstreamProbeModule } from './support/upstream-probe.module';

const STATUS = 'GET /v2/devices/status/:deviceId';
const REFRESH = 'POST /api/v1/lux/auth/refresh-token';
const SESSIONS = 'GET /v1/sessions';
const LIMIT = 300;

type Server = Parameters<typeof request>[0];

function metric(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

/**
 * Two gateway instances on a 3-master Redis Cluster (ioredis Cluster, REDIS_CLUSTER_NODES): every
 * piece of shared state holds across them, and a Redis outage is fail-open for caches and
 * fail-closed for sessions, recovered from without a restart.
 */
describe('multi-instance on a Redis Cluster', () => {
  let cluster: RedisCluster;
  let stack: TestStack;
  let a: Server;
  let b: Server;
  let second: TestGateway;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    stack = await startStack({
      imports: [UpstreamProbeModule],
      env: {
        REDIS_CLUSTER_NODES: cluster.seeds,
        THINQ_STATUS_FRESH_MS: '30000',
        // Only pub/sub invalidation (or the flush when it drops) can make a change show in time.
        NEAR_CACHE_MAX_AGE_MS: '60000',
        LOG_LEVEL: 'error',
        RATE_LIMITS: JSON.stringify({
          default: { limit: LIMIT, windowSeconds: 60 },
          auth: { limit: 100000, windowSeconds: 60 },
          'sign-in-failures': { limit: 1000, windowSeconds: 60 },
          'appliance-commands': { limit: 100000, windowSeconds: 60 },
        }),
      },
    });
    second = await stack.startInstance();
    a = stack.http;
    b = second.app.getHttpServer();
  }, 60000);
  afterAll(async () => {
    await stack?.close();
    await cluster?.close();
  }, 30000);

  const get = (server: Server, path: string, token: string) =>
    request(server).get(path).set('authorization', `Bearer ${token}`);

  it('runs on the cluster: both instances use ioredis Cluster and are ready', async () => {
    for (const server of [a, b]) {
      const ready = await request(server).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.redis).toMatchObject({ status: 'up', kind: 'cluster' });
    }
  });

  it('a session opened on one instance works on the other; its revocation holds on both', async () => {
    const pair = await stack.login();
    for (const server of [a, b]) {
      expect((await get(server, '/v1/me/links', pair.accessToken)).status).toBe(200);
      expect((await get(server, '/v1/me/links', pair.accessToken)).status).toBe(200);
    }
    // Both remember the session now; the revocation reaches the other through pub/sub. On a
    // cluster the message crosses the cluster bus after PUBLISH has answered: a few ms later.
    await request(b).post('/v1/auth/revoke').send({ token: pair.refreshToken }).expect(200);
    expect((await get(b, '/v1/me/links', pair.accessToken)).status).toBe(401);
    await eventually(async () => (await get(a, '/v1/me/links', pair.accessToken)).status === 401, {
      timeoutMs: 2000,
      everyMs: 10,
    });
  });

  it('refreshes an expired Nueyne token exactly once for 100 concurrent requests on both instances', async () => {
    const { accessToken } = await stack.login();
    stack.nueyne.faults.resetCalls();
    stack.nueyne.expireAccessTokens();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => get(i % 2 ? b : a, '/probe/lux-me', accessToken)),
    );
    expect(results.map((r) => r.body.status)).toEqual(Array(100).fill(200));
    expect(stack.nueyne.faults.count(REFRESH)).toBe(1);
  });

  it('200 concurrent cold status reads on both instances make one ThinQ call', async () => {
    const { accessToken } = await stack.login();
    await request(a)
      .put('/v1/me/links/thinq')
      .set('authorization', `Bearer ${accessToken}`)
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
    // The link is the user's: an instance that remembered the user's links a moment ago (an
    // earlier test) drops them when the invalidation crosses the cluster bus, a few ms later.
    await eventually(
      async () => {
        const links = await get(b, '/v1/me/links', accessToken);
        return (links.body as { thinq?: { linked?: boolean } }).thinq?.linked === true;
      },
      { timeoutMs: 500, everyMs: 10 },
    );
    stack.thinq.faults.add({ route: STATUS, latencyMs: 300 });
    try {
      const before = stack.thinq.faults.count(STATUS);
      const path = `/v1/appliances/${THINQ_DEVICE_IDS.airConditioner}/status`;
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) => get(i % 2 ? b : a, path, accessToken)),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(200).fill(200));
      expect(stack.thinq.faults.count(STATUS) - before).toBe(1);
    } finally {
      stack.thinq.faults.clear();
    }
  });

  it('a per-session rate limit counts requests on both instances together', async () => {
    const { accessToken } = await stack.login();
    const statuses: number[] = [];
    for (let batch = 0; batch < 7; batch += 1) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => get(i % 2 ? b : a, '/v1/me/links', accessToken)),
      );
      statuses.push(...answers.map((r) => r.status));
    }
    // Leased 5 % at a time: never over the limit, at most one lease (less one) under it.
    const admitted = statuses.filter((s) => s === 200).length;
    expect(admitted).toBeLessThanOrEqual(LIMIT);
    expect(admitted).toBeGreaterThanOrEqual(LIMIT - (leaseSize(LIMIT) - 1));
    expect(statuses.filter((s) => s === 429)).toHaveLength(350 - admitted);
    const refused = await get(b, '/v1/me/links', accessToken);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('Redis away: cached routes fall back to the upstream (counted), session routes answer 503; both recover without a restart', async () => {
    const user = (await stack.login()).accessToken;
    await request(a)
      .put('/v1/me/links/thinq')
      .set('authorization', `Bearer ${user}`)
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
    const service = await stack.serviceToken('conference:read');
    const statusPath = `/v1/appliances/${THINQ_DEVICE_IDS.refrigerator}/status`;
    expect((await get(a, statusPath, user)).status).toBe(200);
    expect((await get(b, '/v1/conference/sessions', service)).status).toBe(200);
    expect((await get(b, '/v1/conference/sessions', service)).headers['x-cache']).toBe('HIT');
    const metricsBefore = (await request(b).get('/metrics')).text;

    await cluster.stopAll();
    await eventually(async () => (await request(a).get('/health/ready')).status === 503);
    await eventually(async () => (await request(b).get('/health/ready')).status === 503);

    // Fail-closed: a user route cannot check its session.
    for (const server of [a, b]) {
      const closed = await get(server, statusPath, user);
      expect(closed.status).toBe(503);
      expect(closed.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(closed.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    }
    // Fail-open: the gateway's own credentials keep serving, from the upstream.
    const callsBefore = stack.interwater.faults.count(SESSIONS);
    for (const server of [b, a]) {
      const open = await get(server, '/v1/conference/sessions', service);
      expect(open.status).toBe(200);
      expect(Array.isArray(open.body)).toBe(true);
    }
    expect(stack.interwater.faults.count(SESSIONS) - callsBefore).toBe(2);
    const metricsDuring = (await request(b).get('/metrics')).text;
    const cacheErrors = 'cache="conference-sessions",result="error"';
    expect(metric(metricsDuring, 'junction_cache_events_total', cacheErrors)).toBeGreaterThan(
      metric(metricsBefore, 'junction_cache_events_total', cacheErrors),
    );
    expect(
      metric(
        metricsDuring,
        'junction_store_fail_open_total',
        'component="service-token-revocation"',
      ),
    ).toBeGreaterThan(0);

    await cluster.startAll();
    await eventually(async () => (await request(a).get('/health/ready')).status === 200);
    await eventually(async () => (await request(b).get('/health/ready')).status === 200);
    // The same session (Redis kept its data) and the cache work again on both instances.
    for (const server of [a, b]) {
      const back = await get(server, statusPath, user);
      expect(back.status).toBe(200);
      expect(back.headers['x-cache']).toMatch(/^(HIT|MISS|STALE)$/);
    }
    const first = await get(b, '/v1/conference/sessions', service);
    expect(first.status).toBe(200);
    const calls = stack.interwater.faults.count(SESSIONS);
    const cached = await get(a, '/v1/conference/sessions', service);
    expect(cached.headers['x-cache']).toBe('HIT');
    expect(stack.interwater.faults.count(SESSIONS)).toBe(calls);
  }, 60000);
});
