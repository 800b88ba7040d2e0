import Redis from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { leaseSize } from '../src/rate-limit/window-leases';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { eventually } from './support/eventually';
import { TestGateway } from './support/gateway';
import { startStack, TestStack } from './support/stack';

type Server = Parameters<typeof request>[0];

const STATUS = 'GET /v2/devices/status/:deviceId';
const LIMIT = 200;
/** Long enough that, within a test, only an invalidation message explains a change. */
const LONG_MAX_AGE = '60000';

function metric(text: string, name: string, labels = ''): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(labels ? `${name}{${labels}}` : `${name} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** Subscriber connections of the test redis-server (CLIENT LIST TYPE pubsub). */
async function subscriberIds(redis: Redis): Promise<Set<string>> {
  const list = (await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
  return new Set([...list.matchAll(/^id=(\d+) /gm)].map((m) => m[1]));
}

/** Redis commands of one name run so far (INFO commandstats; Lua's inner calls included). */
async function calls(redis: Redis, command: string): Promise<number> {
  const info = await redis.info('commandstats');
  return Number(new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(info)?.[1] ?? 0);
}

/**
 * Two gateway instances on one real redis-server, each with its near-cache (NEAR_CACHE_MAX_AGE_MS
 * of a minute, so that only the pub/sub invalidation can make the other instance see a change in
 * time): revocation, sign-out, link changes and commands reach the other instance; a lost message
 * or a dropped subscriber costs at most the max age; rate limits hold across both; the status
 * single flight still makes one upstream call.
 */
describe('near-cache across two instances', () => {
  let stack: TestStack;
  let second: TestGateway;
  let a: Server;
  let b: Server;
  let redis: Redis;
  let secondSubscriber: string;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        NEAR_CACHE_MAX_AGE_MS: LONG_MAX_AGE,
        THINQ_STATUS_FRESH_MS: '30000',
        LOG_LEVEL: 'error',
        RATE_LIMITS: JSON.stringify({
          default: { limit: LIMIT, windowSeconds: 60 },
          auth: { limit: 100000, windowSeconds: 60 },
          'sign-in-failures': { limit: 1000, windowSeconds: 60 },
          'appliance-commands': { limit: 100000, windowSeconds: 60 },
        }),
      },
    });
    redis = new Redis(process.env.TEST_REDIS_URL!);
    const before = await subscriberIds(redis);
    second = await stack.startInstance();
    a = stack.http;
    b = second.app.getHttpServer();
    await eventually(async () => (await subscriberIds(redis)).size > before.size);
    secondSubscriber = [...(await subscriberIds(redis))].find((id) => !before.has(id))!;
  }, 60000);
  afterAll(async () => {
    redis?.disconnect();
    await stack?.close();
  }, 30000);

  const get = (server: Server, path: string, token: string) =>
    request(server).get(path).set('authorization', `Bearer ${token}`);
  const linkThinq = (server: Server, token: string, thinqToken: string = THINQ_DEMO_TOKENS.userA) =>
    request(server)
      .put('/v1/me/links/thinq')
      .set('authorization', `Bearer ${token}`)
      .send({ accessToken: thinqToken, countryCode: 'KR' })
      .expect(200);
  const hits = async (server: Server) =>
    metric(
      (await request(server).get('/metrics')).text,
      'junction_near_cache_events_total',
      'event="hit"',
    );

  it('answers a warm request from memory: no Redis read for the session, the link or the cache entry', async () => {
    const { accessToken } = await stack.login();
    await linkThinq(a, accessToken);
    const path = `/v1/appliances/${THINQ_DEVICE_IDS.refrigerator}/status`;
    expect((await get(b, path, accessToken)).status).toBe(200);
    expect((await get(b, path, accessToken)).status).toBe(200);
    const reads = await calls(redis, 'get');
    const hitsBefore = await hits(b);
    for (let i = 0; i < 20; i++) {
      const res = await get(b, path, accessToken);
      expect(res.status).toBe(200);
      expect(res.headers['x-cache']).toBe('HIT');
    }
    expect((await calls(redis, 'get')) - reads).toBe(0);
    // Per read: the session, the link and the status (the device's type, which never changes, the
    // process keeps once it has read it).
    expect((await hits(b)) - hitsBefore).toBe(60);
  });

  it('a sign-out on one instance is refused on the other, which had the session in memory', async () => {
    const pair = await stack.login();
    for (const server of [a, b]) {
      expect((await get(server, '/v1/me/links', pair.accessToken)).status).toBe(200);
      expect((await get(server, '/v1/me/links', pair.accessToken)).status).toBe(200);
    }
    await request(a).post('/v1/auth/revoke').send({ token: pair.refreshToken }).expect(200);
    for (const server of [b, a]) {
      const refused = await get(server, '/v1/me/links', pair.accessToken);
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('INVALID_TOKEN');
    }
    const metrics = (await request(b).get('/metrics')).text;
    expect(metric(metrics, 'junction_near_cache_invalidation_delay_seconds_count')).toBeGreaterThan(
      0,
    );
  });

  it('a revoked service token is refused on the other instance, which had it in memory', async () => {
    const token = await stack.serviceToken('conference:read');
    expect((await get(b, '/v1/conference/sessions', token)).status).toBe(200);
    expect((await get(b, '/v1/conference/sessions', token)).status).toBe(200);
    await request(a).post('/v1/auth/revoke').send({ token }).expect(200);
    const refused = await get(b, '/v1/conference/sessions', token);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('The access token was revoked.');
  });

  it('a new ThinQ account or an unlink on one instance shows on the other', async () => {
    const { accessToken } = await stack.login();
    await linkThinq(a, accessToken, THINQ_DEMO_TOKENS.userA);
    const userA = `/v1/appliances/${THINQ_DEVICE_IDS.airConditioner}/status`;
    expect((await get(b, userA, accessToken)).status).toBe(200);
    expect((await get(b, userA, accessToken)).status).toBe(200);
    // Another account: user A's device is not among its devices, user B's is.
    await linkThinq(a, accessToken, THINQ_DEMO_TOKENS.userB);
    expect((await get(b, userA, accessToken)).status).toBe(404);
    const userB = `/v1/appliances/${THINQ_DEVICE_IDS.userBAirPurifier}/status`;
    expect((await get(b, userB, accessToken)).status).toBe(200);
    expect(stack.thinq.faults.recorded(STATUS).at(-1)?.headers.authorization).toBe(
      `Bearer ${THINQ_DEMO_TOKENS.userB}`,
    );
    await request(a)
      .delete('/v1/me/links/thinq')
      .set('authorization', `Bearer ${accessToken}`)
      .expect(204);
    const unlinked = await get(b, userB, accessToken);
    expect(unlinked.status).toBe(403);
    expect(unlinked.body.code).toBe('ACCOUNT_NOT_LINKED');
  });

  it('a command on one instance drops the cached status on the other', async () => {
    const { accessToken } = await stack.login();
    await linkThinq(a, accessToken);
    const device = THINQ_DEVICE_IDS.airConditioner;
    const path = `/v1/appliances/${device}/status`;
    expect((await get(b, path, accessToken)).status).toBe(200);
    expect((await get(b, path, accessToken)).headers['x-cache']).toBe('HIT');
    const reads = stack.thinq.faults.count(STATUS);
    await request(a)
      .post(`/v1/appliances/${device}/commands`)
      .set('authorization', `Bearer ${accessToken}`)
      .send({ airFlow: { windStrength: 'LOW' } })
      .expect(204);
    const after = await get(b, path, accessToken);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body.airFlow.windStrength).toBe('LOW');
    expect(stack.thinq.faults.count(STATUS) - reads).toBe(1);
  });

  it('a change nobody announces (a lost message) shows once the max age has passed', async () => {
    const maxAgeMs = 2000;
    const third = await stack.startInstance({ NEAR_CACHE_MAX_AGE_MS: String(maxAgeMs) });
    const c = third.app.getHttpServer();
    const { accessToken } = await stack.login();
    expect((await get(c, '/v1/me/links', accessToken)).status).toBe(200);
    // The session ends in Redis with no message: as if the invalidation had been lost.
    const sid = JSON.parse(
      Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'),
    ) as { sid: string };
    await redis.del(`${stack.env.REDIS_KEY_PREFIX}sess:{${sid.sid}}`);
    // Remembered: still open here for now...
    expect((await get(c, '/v1/me/links', accessToken)).status).toBe(200);
    // ...but for no longer than the max age (the margin is for a loaded machine).
    await eventually(async () => (await get(c, '/v1/me/links', accessToken)).status === 401, {
      timeoutMs: maxAgeMs + 3000,
      everyMs: 50,
    });
    expect((await get(a, '/v1/me/links', accessToken)).status).toBe(401);
  });

  it('a dropped subscriber connection empties the near-cache: a change made meanwhile shows at once', async () => {
    const pair = await stack.login();
    expect((await get(b, '/v1/me/links', pair.accessToken)).status).toBe(200);
    const flushes = async () =>
      metric(
        (await request(b).get('/metrics')).text,
        'junction_near_cache_events_total',
        'event="flush"',
      );
    const before = await flushes();
    await redis.call('CLIENT', 'KILL', 'ID', secondSubscriber);
    // Revoked while the other instance's subscriber is away: it cannot hear this message.
    await request(a).post('/v1/auth/revoke').send({ token: pair.refreshToken }).expect(200);
    expect((await get(b, '/v1/me/links', pair.accessToken)).status).toBe(401);
    expect(await flushes()).toBeGreaterThan(before);
    // It reconnects on its own, and answers from memory again.
    const others = await subscriberIds(redis);
    await eventually(async () => [...(await subscriberIds(redis))].some((id) => !others.has(id)));
    secondSubscriber = [...(await subscriberIds(redis))].find((id) => !others.has(id))!;
    // What it remembered before the gap is gone for good, not just skipped while it was away.
    await eventually(async () => (await flushes()) >= before + 2);
    expect((await get(b, '/v1/me/links', pair.accessToken)).status).toBe(401);
    const fresh = await stack.login();
    await eventually(async () => {
      const hitsBefore = await hits(b);
      await get(b, '/v1/me/links', fresh.accessToken);
      await get(b, '/v1/me/links', fresh.accessToken);
      return (await hits(b)) > hitsBefore;
    });
  });

  it(`keeps a per-session limit across both instances: never over ${LIMIT}, at most a lease under, and about one Redis command per lease`, async () => {
    const { accessToken } = await stack.login();
    const leases = await calls(redis, 'incrby');
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => get(i % 2 ? b : a, '/v1/me/links', accessToken)),
      );
      statuses.push(...answers.map((r) => r.status));
    }
    const admitted = statuses.filter((s) => s === 200).length;
    expect(admitted).toBeLessThanOrEqual(LIMIT);
    expect(admitted).toBeGreaterThanOrEqual(LIMIT - (leaseSize(LIMIT) - 1));
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    // One INCRBY per lease of 10, plus the last partial one on each instance.
    expect((await calls(redis, 'incrby')) - leases).toBeLessThanOrEqual(
      LIMIT / leaseSize(LIMIT) + 2,
    );
    const refused = await get(b, '/v1/me/links', accessToken);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.headers.ratelimit).toMatch(/^"default";r=0;t=\d+$/);
  });

  it('a stale status is never answered from memory: both instances answer STALE and share one refresh', async () => {
    const windows = { THINQ_STATUS_FRESH_MS: '1000', THINQ_STATUS_SWR_MS: '60000' };
    const [c, d] = (
      await Promise.all([stack.startInstance(windows), stack.startInstance(windows)])
    ).map((instance) => instance.app.getHttpServer());
    const { accessToken } = await stack.login();
    await linkThinq(c, accessToken);
    const path = `/v1/appliances/${THINQ_DEVICE_IDS.washtowerWasher}/status`;
    expect((await get(d, path, accessToken)).headers['x-cache']).toBe('MISS');
    for (const server of [c, d, c, d]) {
      expect((await get(server, path, accessToken)).headers['x-cache']).toBe('HIT');
    }
    // Both remember the entry; once its fresh second has passed, memory must not answer it.
    await sleep(1200);
    stack.thinq.faults.add({ route: STATUS, latencyMs: 300 });
    try {
      const before = stack.thinq.faults.count(STATUS);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => get(i % 2 ? c : d, path, accessToken)),
      );
      expect(answers.map((r) => [r.status, r.headers['x-cache']])).toEqual(
        Array(20).fill([200, 'STALE']),
      );
      await eventually(async () => (await get(c, path, accessToken)).headers['x-cache'] === 'HIT');
      expect(stack.thinq.faults.count(STATUS) - before).toBe(1);
    } finally {
      stack.thinq.faults.clear();
    }
  });

  it('when ThinQ fails past the fresh window, both instances serve the last value (stale-if-error)', async () => {
    const windows = {
      THINQ_STATUS_FRESH_MS: '1000',
      THINQ_STATUS_SWR_MS: '0',
      THINQ_STATUS_STALE_IF_ERROR_MS: '60000',
    };
    const [c, d] = (
      await Promise.all([stack.startInstance(windows), stack.startInstance(windows)])
    ).map((instance) => instance.app.getHttpServer());
    const { accessToken } = await stack.login();
    await linkThinq(c, accessToken);
    const path = `/v1/appliances/${THINQ_DEVICE_IDS.washtowerDryer}/status`;
    expect((await get(c, path, accessToken)).headers['x-cache']).toBe('MISS');
    expect((await get(d, path, accessToken)).headers['x-cache']).toBe('HIT');
    await sleep(1200);
    stack.thinq.faults.add({
      route: STATUS,
      fail: { count: 100, status: 500, body: { messageId: '', responseCode: '2000' } },
    });
    try {
      for (const server of [c, d]) {
        const stale = await get(server, path, accessToken);
        expect([stale.status, stale.headers['x-cache']]).toEqual([200, 'STALE']);
      }
    } finally {
      stack.thinq.faults.clear();
    }
  });

  it('150 concurrent cold status reads on both instances still make one ThinQ call', async () => {
    const { accessToken } = await stack.login();
    await linkThinq(a, accessToken);
    stack.thinq.faults.add({ route: STATUS, latencyMs: 300 });
    try {
      const before = stack.thinq.faults.count(STATUS);
      const path = `/v1/appliances/${THINQ_DEVICE_IDS.airPurifier}/status`;
      const answers = await Promise.all(
        Array.from({ length: 150 }, (_, i) => get(i % 2 ? b : a, path, accessToken)),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(150).fill(200));
      expect(stack.thinq.faults.count(STATUS) - before).toBe(1);
    } finally {
      stack.thinq.faults.clear();
    }
  });
});
