import Redis from 'ioredis';
import request from 'supertest';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { eventually } from './support/eventually';
import { startGateway, TestGateway } from './support/gateway';
import { UpstreamProbeModule } from './support/upstream-probe.module';
import { DEMO_PASSWORD, DEMO_USER, startStack, TestStack, TokenPair } from './support/stack';

type Server = Parameters<typeof request>[0];

const get = (server: Server, path: string, token: string) =>
  request(server).get(path).auth(token, { type: 'bearer' });
const linkThinq = (server: Server, token: string, thinqToken: string) =>
  request(server)
    .put('/v1/me/links/thinq')
    .auth(token, { type: 'bearer' })
    .send({ accessToken: thinqToken, countryCode: 'KR' });

/**
 * Issue 25, first bullet: a ThinQ link belongs to the user, not to the session that made it.
 * Linking once serves every session of the user on every instance, until the user unlinks or
 * ThinQ refuses the token; signing out one session keeps it; the ThinQ budget is the account's.
 */
describe('ThinQ links are per user', () => {
  let stack: TestStack;
  let a: Server;
  let b: Server;
  let second: TestGateway;
  let minted = 0;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        // Every list read asks ThinQ, so a refused token is seen at once.
        THINQ_DEVICES_FRESH_MS: '1',
        THINQ_DEVICES_SWR_MS: '0',
        THINQ_DEVICES_STALE_IF_ERROR_MS: '0',
        LOG_LEVEL: 'info',
      },
    });
    a = stack.http;
    second = await stack.startInstance();
    b = second.app.getHttpServer();
  });
  afterAll(() => stack?.close());

  /** A ThinQ token of the simulator's user A that no other test holds. */
  const mint = (): string => {
    const token = `thinq-per-user-${(minted += 1)}`;
    stack.thinq.state.tokens.set(token, 'user-a');
    return token;
  };

  it('a link made in one session serves a new sign-in on this instance and on another', async () => {
    const user = await stack.newUser();
    const first = await user.login();
    expect((await linkThinq(a, first.accessToken, mint())).status).toBe(200);

    const again = await user.login();
    const list = await get(a, '/v1/appliances', again.accessToken);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(6);
    const links = await get(b, '/v1/me/links', again.accessToken);
    expect(links.body.thinq).toMatchObject({ linked: true, state: 'active', countryCode: 'KR' });
    expect((await get(b, '/v1/appliances', (await user.login()).accessToken)).status).toBe(200);
  });

  it('another user still starts unlinked', async () => {
    const owner = await stack.newUser();
    expect((await linkThinq(a, (await owner.login()).accessToken, mint())).status).toBe(200);
    const other = await (await stack.newUser()).login();
    const res = await get(a, '/v1/appliances', other.accessToken);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'ACCOUNT_NOT_LINKED', provider: 'thinq' });
  });

  it('signing out one session keeps the link for the others', async () => {
    const user = await stack.newUser();
    const first = await user.login();
    const other = await user.login();
    expect((await linkThinq(a, first.accessToken, mint())).status).toBe(200);
    await request(a).post('/v1/auth/revoke').send({ token: first.refreshToken }).expect(200);
    expect((await get(a, '/v1/appliances', first.accessToken)).status).toBe(401);
    expect((await get(b, '/v1/appliances', other.accessToken)).status).toBe(200);
    expect((await get(a, '/v1/appliances', other.accessToken)).status).toBe(200);
  });

  it('unlinking in one session reaches every session on every instance within 0.5 s', async () => {
    const user = await stack.newUser();
    const first = await user.login();
    const other = await user.login();
    expect((await linkThinq(a, first.accessToken, mint())).status).toBe(200);
    // Instance B has read the link (its near-cache holds it) before the unlink on A.
    expect((await get(b, '/v1/appliances', first.accessToken)).status).toBe(200);
    expect((await get(b, '/v1/me/links', first.accessToken)).body.thinq.linked).toBe(true);

    const started = Date.now();
    await request(a)
      .delete('/v1/me/links/thinq')
      .auth(other.accessToken, { type: 'bearer' })
      .expect(204);
    await eventually(
      async () => (await get(b, '/v1/appliances', first.accessToken)).status === 403,
      {
        timeoutMs: 500,
        everyMs: 10,
      },
    );
    expect(Date.now() - started).toBeLessThan(600);
    const res = await get(b, '/v1/appliances', first.accessToken);
    expect(res.body).toMatchObject({ code: 'ACCOUNT_NOT_LINKED', provider: 'thinq' });
    expect((await get(a, '/v1/me/links', other.accessToken)).body.thinq).toEqual({
      provider: 'thinq',
      linked: false,
    });
  });

  it('linking again replaces the user\u2019s link in every session', async () => {
    const user = await stack.newUser();
    const first = await user.login();
    const other = await user.login();
    expect((await linkThinq(a, first.accessToken, mint())).status).toBe(200);
    expect((await get(b, '/v1/appliances', other.accessToken)).body).toHaveLength(6);
    // User B's token: one purifier.
    expect((await linkThinq(a, other.accessToken, THINQ_DEMO_TOKENS.userB)).status).toBe(200);
    await eventually(
      async () => (await get(b, '/v1/appliances', first.accessToken)).body.length === 1,
      { timeoutMs: 500, everyMs: 10 },
    );
  });

  it('ThinQ refusing the token drops the link for every session of the user', async () => {
    const user = await stack.newUser();
    const first = await user.login();
    const other = await user.login();
    const token = mint();
    expect((await linkThinq(a, first.accessToken, token)).status).toBe(200);
    expect((await get(b, '/v1/appliances', other.accessToken)).status).toBe(200);

    stack.thinq.state.tokens.delete(token);
    const refused = await get(a, '/v1/appliances', first.accessToken);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UPSTREAM_LOGIN_REQUIRED');
    await eventually(
      async () => (await get(b, '/v1/appliances', other.accessToken)).status === 403,
      {
        timeoutMs: 500,
        everyMs: 10,
      },
    );
    expect((await get(a, '/v1/me/links', first.accessToken)).body.thinq.linked).toBe(false);
  });

  it('deleting the Lux account drops the user\u2019s links', async () => {
    const user = await stack.newUser();
    const session = await user.login();
    expect((await linkThinq(a, session.accessToken, mint())).status).toBe(200);
    const id = stack.nueyne.state.lux.users.find((u) => u.email === user.username)!.id;
    const key = `${stack.env.REDIS_KEY_PREFIX}user:{lux:${id}}:link:thinq`;
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    try {
      expect(await redis.exists(key)).toBe(1);
      await request(a).delete('/v1/me').auth(session.accessToken, { type: 'bearer' }).expect(204);
      expect(await redis.exists(key)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('keeps the token out of every response, log line and Redis value', async () => {
    const user = await stack.newUser();
    const session = await user.login();
    const token = mint();
    const linked = await linkThinq(a, session.accessToken, token);
    expect(linked.status).toBe(200);
    const answers = [
      linked,
      await get(b, '/v1/me/links', (await user.login()).accessToken),
      await get(b, '/v1/appliances', session.accessToken),
    ];
    for (const res of answers) expect(res.text).not.toContain(token);
    for (const lines of [stack.gateway.logs, second.logs]) {
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toContain(token);
    }
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    try {
      const keys = await redis.keys(`${stack.env.REDIS_KEY_PREFIX}*`);
      const linkKeys = keys.filter((key) => key.includes(':link:thinq'));
      expect(linkKeys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const type = await redis.type(key);
        const values =
          type === 'string'
            ? [await redis.get(key)]
            : type === 'set'
              ? await redis.smembers(key)
              : type === 'zset'
                ? await redis.zrange(key, 0, -1)
                : type === 'hash'
                  ? Object.values(await redis.hgetall(key))
                  : [];
        for (const value of values) expect(`${key} ${value}`).not.toContain(token);
      }
    } finally {
      redis.disconnect();
    }
  });
});

describe('Legacy credentials a Lux user links are per user', () => {
  let stack: TestStack;
  let a: Server;
  let b: Server;
  const REFRESH = 'POST /api/v1/legacy/auth/refresh-token';

  beforeAll(async () => {
    stack = await startStack({ imports: [UpstreamProbeModule], env: { LOG_LEVEL: 'error' } });
    a = stack.http;
    b = (await stack.startInstance()).app.getHttpServer();
  });
  afterAll(() => stack?.close());

  const linkLegacy = (server: Server, token: string) =>
    request(server)
      .put('/v1/me/links/legacy')
      .auth(token, { type: 'bearer' })
      .send({ username: DEMO_USER, password: DEMO_PASSWORD });

  it('linked once, they serve every session; signing out keeps them; unlinking drops them everywhere', async () => {
    const user = await stack.newUser();
    const first = await user.login();
    const other = await user.login();
    expect((await linkLegacy(a, first.accessToken)).status).toBe(200);

    const fresh = await user.login();
    expect((await get(b, '/v1/me/links', fresh.accessToken)).body.legacy).toMatchObject({
      linked: true,
      state: 'active',
    });
    expect((await get(b, '/probe/legacy-devices', fresh.accessToken)).body.status).toBe(200);
    await request(a).post('/v1/auth/revoke').send({ token: first.refreshToken }).expect(200);
    expect((await get(a, '/probe/legacy-devices', other.accessToken)).body.status).toBe(200);

    expect((await get(b, '/probe/legacy-devices', fresh.accessToken)).body.status).toBe(200);
    await request(a)
      .delete('/v1/me/links/legacy')
      .auth(other.accessToken, { type: 'bearer' })
      .expect(204);
    await eventually(
      async () => (await get(b, '/probe/legacy-devices', fresh.accessToken)).status === 403,
      { timeoutMs: 500, everyMs: 10 },
    );
    const res = await get(b, '/probe/legacy-devices', fresh.accessToken);
    expect(res.body).toMatchObject({ code: 'ACCOUNT_NOT_LINKED', provider: 'legacy' });
  });

  it('the link refreshes its Nueyne token once for many requests of several sessions on two instances', async () => {
    const user = await stack.newUser();
    const sessions = [await user.login(), await user.login(), await user.login()];
    expect((await linkLegacy(a, sessions[0].accessToken)).status).toBe(200);
    stack.nueyne.faults.resetCalls();
    stack.nueyne.expireAccessTokens();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        get(i % 2 ? b : a, '/probe/legacy-devices', sessions[i % 3].accessToken),
      ),
    );
    expect(answers.map((res) => res.body.status)).toEqual(Array(60).fill(200));
    expect(stack.nueyne.faults.count(REFRESH)).toBe(1);
  });

  it('a Legacy sign-in is still its session\u2019s own, and a Lux link stays per session', async () => {
    const legacy = await stack.login('legacy');
    expect((await get(a, '/probe/legacy-devices', legacy.accessToken)).body.status).toBe(200);
    await request(a)
      .delete('/v1/me/links/legacy')
      .auth(legacy.accessToken, { type: 'bearer' })
      .expect(204);
    const again = await stack.login('legacy');
    expect((await get(a, '/probe/legacy-devices', again.accessToken)).body.status).toBe(200);

    const user = await stack.newUser();
    const first = await user.login();
    const other = await user.login();
    await request(a)
      .delete('/v1/me/links/lux')
      .auth(first.accessToken, { type: 'bearer' })
      .expect(204);
    expect((await get(a, '/v1/me/links', first.accessToken)).body.lux.linked).toBe(false);
    expect((await get(a, '/v1/me/links', other.accessToken)).body.lux.linked).toBe(true);
  });
});

describe('the ThinQ budget is the LG account\u2019s, whatever the session or token', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        // 5 calls an hour per account: reads may make 4.
        THINQ_HOURLY_CALL_BUDGET: '5',
        THINQ_COMMAND_RESERVE: '1',
        THINQ_STATUS_FRESH_MS: '1',
        THINQ_STATUS_SWR_MS: '0',
        THINQ_STATUS_STALE_IF_ERROR_MS: '0',
        THINQ_RETRIES: '0',
        LOG_LEVEL: 'error',
      },
    });
  });
  afterAll(() => stack?.close());

  it('two sessions, and a second token of the same account, spend one budget', async () => {
    const tokens = ['thinq-budget-one', 'thinq-budget-two'];
    for (const token of tokens) stack.thinq.state.tokens.set(token, 'user-a');
    const user = await stack.newUser();
    const first = await user.login();
    const other = await user.login();
    expect((await linkThinq(stack.http, first.accessToken, tokens[0])).status).toBe(200);
    const status = (session: TokenPair, device: string) =>
      get(stack.http, `/v1/appliances/${device}/status`, session.accessToken);
    // The link's check, the list (for the first device's type) and two reads (of devices
    // nothing has cached) from two sessions: the 4 calls reads may make.
    const devices = Object.values(THINQ_DEVICE_IDS);
    for (const [i, session] of [first, other].entries())
      expect((await status(session, devices[i])).status).toBe(200);
    const spent = await status(first, devices[2]);
    expect(spent.status).toBe(429);
    expect(spent.body.code).toBe('UPSTREAM_QUOTA_EXHAUSTED');

    // Another token of the same account counts on the same budget: its link check is refused.
    const relink = await linkThinq(stack.http, other.accessToken, tokens[1]);
    expect(relink.status).toBe(429);
    expect(relink.body.code).toBe('UPSTREAM_QUOTA_EXHAUSTED');
    expect(stack.thinq.callsInWindow(tokens[0])).toBe(4);
    expect(stack.thinq.callsInWindow(tokens[1])).toBe(0);

    // Another user's account has a budget of its own.
    const stranger = await (await stack.newUser()).login();
    expect((await linkThinq(stack.http, stranger.accessToken, tokens[1])).status).toBe(200);
    expect((await status(stranger, devices[0])).status).toBe(200);
  });
});

describe('the sandbox: the demo user comes linked', () => {
  let sandbox: TestGateway;

  beforeAll(async () => {
    // No upstream URL: the embedded simulators, as `npm start` runs them.
    sandbox = await startGateway({ env: { LOG_LEVEL: 'error' } });
  });
  afterAll(() => sandbox?.close());

  const signIn = async (provider: 'lux' | 'legacy') => {
    const res = await request(sandbox.app.getHttpServer())
      .post('/v1/auth/token')
      .type('form')
      .send({ grant_type: 'password', provider, username: DEMO_USER, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    return res.body.access_token as string;
  };

  it.each(['lux', 'legacy'] as const)(
    'the %s demo user\u2019s first session reads appliances without linking',
    async (provider) => {
      const token = await signIn(provider);
      const http = sandbox.app.getHttpServer();
      const links = await get(http, '/v1/me/links', token);
      expect(links.body.thinq).toMatchObject({ linked: true, state: 'active' });
      const list = await get(http, '/v1/appliances', token);
      expect(list.status).toBe(200);
      expect(list.body.length).toBeGreaterThan(0);
    },
  );
});
