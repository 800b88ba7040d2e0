import Redis from 'ioredis';
import request from 'supertest';
import { TestGateway } from './support/gateway';
import { DEMO_PASSWORD, DEMO_USER, startStack, TestStack } from './support/stack';
import { UpstreamProbeModule } from './support/upstream-probe.module';

const REFRESH = 'POST /api/v1/lux/auth/refresh-token';

describe('upstream credentials: Nueyne refresh exactly once, links, secrets at rest', () => {
  let stack: TestStack;
  let second: TestGateway;

  beforeAll(async () => {
    stack = await startStack({ imports: [UpstreamProbeModule] });
    second = await stack.startInstance();
  });
  afterAll(() => stack.close());

  const probe = (server: unknown, accessToken: string, path = '/probe/lux-me') =>
    request(server as Parameters<typeof request>[0])
      .get(path)
      .set('authorization', `Bearer ${accessToken}`);

  it('100 concurrent requests just after the Nueyne token expired: one refresh upstream, 100 successes', async () => {
    const { accessToken } = await stack.login();
    stack.nueyne.faults.resetCalls();
    stack.nueyne.expireAccessTokens();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => probe(stack.http, accessToken)),
    );
    expect(results.map((r) => r.body.status)).toEqual(Array(100).fill(200));
    expect(stack.nueyne.faults.count(REFRESH)).toBe(1);
  });

  it('the same across two gateway instances on one Redis', async () => {
    const { accessToken } = await stack.login();
    stack.nueyne.faults.resetCalls();
    stack.nueyne.expireAccessTokens();
    const servers = [stack.http, second.app.getHttpServer()];
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => probe(servers[i % 2], accessToken)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(results.map((r) => r.body.status)).toEqual(Array(100).fill(200));
    expect(stack.nueyne.faults.count(REFRESH)).toBe(1);
    // The Nueyne session survived: no duplicate refresh logged the user out.
    expect((await probe(second.app.getHttpServer(), accessToken)).body.status).toBe(200);
  });

  it('a session and its revocation hold on every instance', async () => {
    const pair = await stack.login();
    expect(
      (
        await request(second.app.getHttpServer())
          .get('/v1/me/links')
          .auth(pair.accessToken, { type: 'bearer' })
      ).status,
    ).toBe(200);
    await request(stack.http)
      .post('/v1/auth/revoke')
      .send({ token: pair.refreshToken })
      .expect(200);
    expect(
      (
        await request(second.app.getHttpServer())
          .get('/v1/me/links')
          .auth(pair.accessToken, { type: 'bearer' })
      ).status,
    ).toBe(401);
  });

  it('refreshes before expiry without waiting for a 401', async () => {
    const short = await startStack({ imports: [UpstreamProbeModule], nueyneAccessTtlSeconds: 2 });
    try {
      const { accessToken } = await short.login();
      expect((await probe(short.http, accessToken)).body.status).toBe(200);
      expect(short.nueyne.faults.count(REFRESH)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1700));
      expect((await probe(short.http, accessToken)).body.status).toBe(200);
      expect(short.nueyne.faults.count(REFRESH)).toBe(1);
      // The expired-token 401 path was not needed.
      expect(short.nueyne.faults.recorded('GET /api/v1/lux/user/me').length).toBe(2);
    } finally {
      await short.close();
    }
  });

  it('when Nueyne refuses the refresh token, the link needs a new sign-in: 401 UPSTREAM_LOGIN_REQUIRED naming the provider', async () => {
    const { accessToken } = await stack.login();
    stack.nueyne.faults.add({
      route: REFRESH,
      fail: { count: 1, status: 401, body: { detail: 'Refresh token is not valid' } },
    });
    stack.nueyne.expireAccessTokens();
    const res = await probe(stack.http, accessToken);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UPSTREAM_LOGIN_REQUIRED', provider: 'lux' });
    const links = await request(stack.http)
      .get('/v1/me/links')
      .auth(accessToken, { type: 'bearer' });
    expect(links.body.lux.state).toBe('login_required');
    // Linking again repairs it.
    const relink = await request(stack.http)
      .put('/v1/me/links/lux')
      .auth(accessToken, { type: 'bearer' })
      .send({ username: DEMO_USER, password: DEMO_PASSWORD });
    expect(relink.status).toBe(200);
    expect(relink.body.state).toBe('active');
    expect((await probe(stack.http, accessToken)).body.status).toBe(200);
    stack.nueyne.faults.clear();
  });

  describe('links', () => {
    it('answers 403 ACCOUNT_NOT_LINKED for a product the session lacks, then works once linked', async () => {
      const { accessToken } = await stack.login('lux');
      const missing = await probe(stack.http, accessToken, '/probe/legacy-devices');
      expect(missing.status).toBe(403);
      expect(missing.body).toMatchObject({ code: 'ACCOUNT_NOT_LINKED', provider: 'legacy' });
      const linked = await request(stack.http)
        .put('/v1/me/links/legacy')
        .auth(accessToken, { type: 'bearer' })
        .send({ username: DEMO_USER, password: DEMO_PASSWORD });
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({ provider: 'legacy', linked: true, state: 'active' });
      expect((await probe(stack.http, accessToken, '/probe/legacy-devices')).body.status).toBe(200);
      await request(stack.http)
        .delete('/v1/me/links/legacy')
        .auth(accessToken, { type: 'bearer' })
        .expect(204);
      expect((await probe(stack.http, accessToken, '/probe/legacy-devices')).status).toBe(403);
    });

    it('refuses wrong credentials with 400 and bad bodies naming the field', async () => {
      const { accessToken } = await stack.login('lux');
      const wrong = await request(stack.http)
        .put('/v1/me/links/legacy')
        .auth(accessToken, { type: 'bearer' })
        .send({ username: DEMO_USER, password: 'nope' });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({
        code: 'UPSTREAM_CREDENTIALS_REJECTED',
        provider: 'legacy',
      });
      const bad = await request(stack.http)
        .put('/v1/me/links/lux')
        .auth(accessToken, { type: 'bearer' })
        .send({ username: 'not-an-email', password: '', extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'extra',
        'password',
        'username',
      ]);
      const provider = await request(stack.http)
        .delete('/v1/me/links/withnox')
        .auth(accessToken, { type: 'bearer' });
      // Each provider is a fixed route (lux, legacy, thinq): another word is no route.
      expect(provider.status).toBe(404);
      expect(provider.body.code).toBe('NOT_FOUND');
    });
  });

  it('after all of the above, no upstream token or password is in Redis in plaintext, nor in any log line', async () => {
    const pair = await stack.login();
    await probe(stack.http, pair.accessToken);
    await request(stack.http)
      .put('/v1/me/links/thinq')
      .auth(pair.accessToken, { type: 'bearer' })
      .send({ accessToken: 'thinq-demo-token', countryCode: 'KR' })
      .expect(200);
    await request(stack.http)
      .get('/v1/appliances')
      .auth(pair.accessToken, { type: 'bearer' })
      .expect(200);
    await request(stack.http)
      .get('/v1/conference/sessions')
      .auth(pair.accessToken, { type: 'bearer' })
      .expect(200);
    const secrets = new Set<string>([DEMO_PASSWORD, 'test-secret-key', 'test-service-key']);
    for (const issued of stack.nueyne.tokens.issued()) secrets.add(issued);
    secrets.add('thinq-demo-token');
    for (const call of stack.interwater.faults.recorded()) {
      if (call.headers['s-connector-jwt']) secrets.add(call.headers['s-connector-jwt']);
    }
    expect([...secrets].some((secret) => secret.startsWith('eyJ'))).toBe(true);
    expect(secrets.size).toBeGreaterThan(5);

    const redis = new Redis(process.env.TEST_REDIS_URL!);
    try {
      const keys = await redis.keys(`${stack.env.REDIS_KEY_PREFIX}*`);
      expect(keys.length).toBeGreaterThan(5);
      const dump: string[] = [];
      for (const key of keys) {
        const type = await redis.type(key);
        dump.push(
          key,
          ...(type === 'set'
            ? await redis.smembers(key)
            : type === 'zset'
              ? await redis.zrange(key, 0, -1)
              : [String(await redis.get(key))]),
        );
      }
      const text = dump.join('\n');
      for (const secret of secrets) expect(text).not.toContain(secret);
    } finally {
      redis.disconnect();
    }
    const logs = [...stack.gateway.logs, ...second.logs].join('\n');
    for (const secret of secrets) expect(logs).not.toContain(secret);
    expect(logs).not.toContain(pair.refreshToken);
    expect(logs).not.toContain(pair.accessToken);
  });
});
