import request from 'supertest';
import { THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { TestGateway } from './support/gateway';
import { startStack, TestStack } from './support/stack';

const DEVICES = 'GET /v2/devices';
const STATUS = 'GET /v2/devices/status/:deviceId';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const AC = THINQ_DEVICE_IDS.airConditioner;
const PURIFIER = THINQ_DEVICE_IDS.airPurifier;
const FRIDGE = THINQ_DEVICE_IDS.refrigerator;
const TOWER_WASHER = THINQ_DEVICE_IDS.washtowerWasher;
const TOWER_DRYER = THINQ_DEVICE_IDS.washtowerDryer;

type Server = Parameters<typeof request>[0];

/**
 * Issue 13, item 2: one busy client must not burn a ThinQ account's hourly quota. The appliance
 * list is cached like the status; every ThinQ call on an account is counted in Redis against
 * THINQ_HOURLY_CALL_BUDGET; a spent budget serves what is cached (STALE, with the reason) and
 * answers 429 UPSTREAM_QUOTA_EXHAUSTED only when nothing is. Calls are counted at the simulator,
 * per ThinQ token (each test is a user of its own linking an account of its own: the budget is
 * the linking user's, so budgets never mix).
 */
describe('ThinQ call budget and the appliance list cache', () => {
  let stack: TestStack;
  /** Short windows: 200 ms fresh, then every read wants a refresh (no stale-while-revalidate). */
  let gw: Server;
  /** The same Redis and simulators, 30 s fresh windows and a larger budget. */
  let steady: Server;
  let accounts = 0;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        // 8 calls an hour per account: reads may make 5, commands the last 3.
        THINQ_HOURLY_CALL_BUDGET: '8',
        THINQ_COMMAND_RESERVE: '3',
        THINQ_STATUS_FRESH_MS: '200',
        THINQ_STATUS_SWR_MS: '0',
        THINQ_STATUS_STALE_IF_ERROR_MS: '120000',
        THINQ_DEVICES_FRESH_MS: '200',
        THINQ_DEVICES_STALE_IF_ERROR_MS: '120000',
        THINQ_RETRIES: '0',
        LOG_LEVEL: 'error',
      },
    });
    gw = stack.http;
    const long: TestGateway = await stack.startInstance({
      THINQ_HOURLY_CALL_BUDGET: '100',
      THINQ_COMMAND_RESERVE: '10',
      THINQ_STATUS_FRESH_MS: '30000',
      THINQ_DEVICES_FRESH_MS: '30000',
    });
    steady = long.app.getHttpServer();
  });
  afterAll(() => stack?.close());
  afterEach(() => stack.thinq.faults.clear());

  const get = (server: Server, path: string, token: string) =>
    request(server).get(path).auth(token, { type: 'bearer' });
  const status = (server: Server, device: string, token: string) =>
    get(server, `/v1/appliances/${device}/status`, token);
  const link = (server: Server, token: string, thinqToken: string) =>
    request(server)
      .put('/v1/me/links/thinq')
      .auth(token, { type: 'bearer' })
      .send({ accessToken: thinqToken, countryCode: 'KR' });

  /**
   * A session of a new user linked to a new ThinQ account (of the simulator's user A: six
   * devices). A new user: the budget is counted per linking user.
   */
  const account = async (server: Server = gw) => {
    const thinqToken = `thinq-quota-token-${(accounts += 1)}`;
    stack.thinq.state.tokens.set(thinqToken, 'user-a');
    const session = (await (await stack.newUser()).login()).accessToken;
    expect((await link(server, session, thinqToken)).status).toBe(200);
    /** ThinQ calls the simulator accepted for this account (the link's check is the first). */
    const calls = () => stack.thinq.callsInWindow(thinqToken);
    return { session, thinqToken, calls };
  };

  it('a burst of concurrent list, devices, home and status reads from one session makes one call each', async () => {
    const { session, calls } = await account(steady);
    expect(calls()).toBe(1);
    stack.thinq.faults.add({ route: DEVICES, latencyMs: 200 });
    stack.thinq.faults.add({ route: STATUS, latencyMs: 200 });
    const paths = ['/v1/appliances', '/v1/devices', '/v1/home', `/v1/appliances/${AC}/status`];
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => get(steady, paths[i % paths.length], session)),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(200).fill(200));
    // One list call (shared by the three list routes) and one status call, after the link's.
    expect(calls()).toBe(3);
    const devices = answers[paths.indexOf('/v1/devices')];
    expect(devices.body.items.filter((i: { source: string }) => i.source === 'thinq')).toHaveLength(
      6,
    );
    const home = answers[paths.indexOf('/v1/home')];
    expect(home.body.devices).toHaveLength(6);
    const list = answers[paths.indexOf('/v1/appliances')];
    expect(list.body).toHaveLength(6);
    // Cached, and said so.
    const again = await get(steady, '/v1/appliances', session);
    expect(again.headers['x-cache']).toBe('HIT');
    expect(again.headers['cache-control']).toMatch(/^private, max-age=\d+/);
    expect(calls()).toBe(3);
  });

  it('with the budget spent: cached answers are 200 STALE with the reason, an uncached read is 429', async () => {
    const { session, calls } = await account();
    // The link's check, the list and three statuses: the 5 calls reads may make.
    expect((await get(gw, '/v1/appliances', session)).headers['x-cache']).toBe('MISS');
    for (const device of [AC, PURIFIER, FRIDGE])
      expect((await status(gw, device, session)).status).toBe(200);
    expect(calls()).toBe(5);
    await sleep(300); // past every fresh window: each read below wants ThinQ

    const list = await get(gw, '/v1/appliances', session);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(6);
    expect(list.headers['x-cache']).toBe('STALE');
    expect(list.headers['x-stale-reason']).toBe('UPSTREAM_QUOTA_EXHAUSTED');
    const retryAfter = Number(list.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);

    const warning = {
      source: 'thinq',
      code: 'UPSTREAM_QUOTA_EXHAUSTED',
      detail: expect.stringContaining('quota') as unknown,
      retryAfterSeconds: expect.any(Number) as unknown,
      ageSeconds: expect.any(Number) as unknown,
    };
    const devices = await get(gw, '/v1/devices', session);
    expect(devices.status).toBe(200);
    expect(devices.body.items).toHaveLength(6);
    expect(devices.body.errors).toEqual([]);
    expect(devices.body.warnings).toEqual([warning]);
    const home = await get(gw, '/v1/home', session);
    expect(home.status).toBe(200);
    expect(home.body.devices).toHaveLength(6);
    expect(home.body.warnings).toEqual([warning]);

    const cached = await status(gw, AC, session);
    expect(cached.status).toBe(200);
    expect(cached.body.airConJobMode).toBeDefined();
    expect(cached.headers['x-cache']).toBe('STALE');
    expect(cached.headers['x-stale-reason']).toBe('UPSTREAM_QUOTA_EXHAUSTED');

    const uncached = await status(gw, TOWER_WASHER, session);
    expect(uncached.status).toBe(429);
    expect(uncached.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(uncached.body).toMatchObject({ code: 'UPSTREAM_QUOTA_EXHAUSTED', status: 429 });
    expect(Number(uncached.headers['retry-after'])).toBeGreaterThan(3000);
    // None of that reached ThinQ.
    expect(calls()).toBe(5);

    // Commands may spend the reserve (3): the profile that checks the first one, then two controls.
    const command = () =>
      request(gw)
        .post(`/v1/appliances/${AC}/commands`)
        .auth(session, { type: 'bearer' })
        .send({ airFlow: { windStrength: 'HIGH' } });
    expect((await command()).status).toBe(204);
    expect((await command()).status).toBe(204);
    expect(calls()).toBe(8);
    const spent = await command();
    expect(spent.status).toBe(429);
    expect(spent.body.code).toBe('UPSTREAM_QUOTA_EXHAUSTED');
    expect(calls()).toBe(8);
  });

  it('Cache-Control: no-cache on /v1/devices spends a read call each; once spent, the list is marked stale, the reserve kept', async () => {
    // The list fresh for a minute: only no-cache makes these reads ask ThinQ.
    const fresh = (
      await stack.startInstance({ THINQ_DEVICES_FRESH_MS: '60000' })
    ).app.getHttpServer();
    const { session, calls } = await account(fresh);
    const devices = (revalidate: boolean) =>
      get(fresh, '/v1/devices', session).set(revalidate ? { 'cache-control': 'no-cache' } : {});
    const thinq = (body: { freshness: { source: string }[] }) =>
      body.freshness.find((entry) => entry.source === 'thinq');
    expect(thinq((await devices(false)).body)).toMatchObject({ state: 'live' });
    expect(thinq((await devices(false)).body)).toMatchObject({ state: 'cached' });
    expect(calls()).toBe(2); // the link's check, the list
    for (let i = 0; i < 3; i++)
      expect(thinq((await devices(true)).body)).toMatchObject({ state: 'live', ageSeconds: 0 });
    expect(calls()).toBe(5); // the 5 calls reads may make
    const refused = await devices(true);
    expect(refused.status).toBe(200);
    expect(refused.body.items).toHaveLength(6);
    expect(thinq(refused.body)).toEqual({
      source: 'thinq',
      state: 'stale',
      ageSeconds: expect.any(Number),
      reason: 'UPSTREAM_QUOTA_EXHAUSTED',
      retryAfterSeconds: expect.any(Number),
    });
    expect(calls()).toBe(5);
    // The command reserve is untouched by the revalidations.
    const command = await request(fresh)
      .post(`/v1/appliances/${AC}/commands`)
      .auth(session, { type: 'bearer' })
      .send({ airFlow: { windStrength: 'HIGH' } });
    expect(command.status).toBe(204);
  });

  it('with the budget spent, a cached value outlives its stale-if-error window until calls free up', async () => {
    const short = (
      await stack.startInstance({
        THINQ_STATUS_STALE_IF_ERROR_MS: '500',
        THINQ_DEVICES_STALE_IF_ERROR_MS: '500',
      })
    ).app.getHttpServer();
    const { session, calls } = await account(short);
    expect((await get(short, '/v1/appliances', session)).status).toBe(200);
    for (const device of [AC, PURIFIER, FRIDGE])
      expect((await status(short, device, session)).status).toBe(200);
    expect(calls()).toBe(5); // the reads' share of the budget is spent
    await sleep(300); // past fresh (200 ms), inside stale-if-error (500 ms)
    expect((await status(short, AC, session)).headers['x-cache']).toBe('STALE');
    expect((await get(short, '/v1/appliances', session)).headers['x-cache']).toBe('STALE');
    await sleep(1000); // past fresh + stale-if-error: only the spent budget keeps the values

    const later = await status(short, AC, session);
    expect(later.status).toBe(200);
    expect(later.body.airConJobMode).toBeDefined();
    expect(later.headers['x-cache']).toBe('STALE');
    expect(later.headers['x-stale-reason']).toBe('UPSTREAM_QUOTA_EXHAUSTED');
    expect(Number(later.headers['retry-after'])).toBeGreaterThan(3000);
    expect(Number(later.headers.age)).toBeGreaterThanOrEqual(1);
    const list = await get(short, '/v1/appliances', session);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(6);
    expect(list.headers['x-stale-reason']).toBe('UPSTREAM_QUOTA_EXHAUSTED');
    expect(calls()).toBe(5);
  });

  it('one account\u2019s spent budget does not touch another account', async () => {
    const spender = await account();
    for (const device of [AC, PURIFIER, FRIDGE, TOWER_WASHER])
      expect((await get(gw, `/v1/appliances/${device}/profile`, spender.session)).status).toBe(200);
    expect((await status(gw, TOWER_DRYER, spender.session)).status).toBe(429);
    // Its list was never cached: the device list has nothing to show either, and says when.
    const nothing = await get(gw, '/v1/devices', spender.session);
    expect(nothing.status).toBe(429);
    expect(nothing.body.code).toBe('UPSTREAM_QUOTA_EXHAUSTED');
    expect(nothing.body.errors).toEqual([
      expect.objectContaining({ source: 'thinq', status: 429, code: 'UPSTREAM_QUOTA_EXHAUSTED' }),
    ]);
    expect(Number(nothing.headers['retry-after'])).toBeGreaterThan(3000);

    const other = await account();
    const list = await get(gw, '/v1/appliances', other.session);
    expect(list.status).toBe(200);
    expect(list.headers['x-cache']).toBe('MISS');
    const fresh = await status(gw, TOWER_DRYER, other.session);
    expect(fresh.status).toBe(200);
    expect(fresh.headers['x-stale-reason']).toBeUndefined();
    expect(other.calls()).toBe(3);
  });

  it('two gateway instances share one count per account', async () => {
    const { session, calls } = await account(gw); // 1 (on instance one)
    const two = (await stack.startInstance()).app.getHttpServer();
    expect((await status(gw, AC, session)).status).toBe(200); // 2 and 3: the list, for its type
    expect((await status(two, PURIFIER, session)).status).toBe(200); // 4
    expect((await status(two, FRIDGE, session)).status).toBe(200); // 5
    // Instance two made 2 calls of its own; the account's 5 reads are spent all the same.
    const refused = await status(two, TOWER_DRYER, session);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('UPSTREAM_QUOTA_EXHAUSTED');
    expect(calls()).toBe(5);
  });

  it('counts a retry as one more call', async () => {
    const retrying = (await stack.startInstance({ THINQ_RETRIES: '1' })).app.getHttpServer();
    const { session } = await account(retrying); // 1
    stack.thinq.faults.add({ route: STATUS, fail: { count: 1, status: 503 } });
    const before = stack.thinq.faults.count(STATUS);
    // 2 and 3: a 503, then a retry; 4: the list, for the device's type.
    expect((await status(retrying, AC, session)).status).toBe(200);
    expect(stack.thinq.faults.count(STATUS) - before).toBe(2);
    expect((await status(retrying, PURIFIER, session)).status).toBe(200); // 5
    expect((await status(retrying, FRIDGE, session)).status).toBe(429);
  });

  it.each([
    ['1306', 429, { responseCode: '1306', response: { error: { code: '1306', message: 'x' } } }],
    ['1314', 429, { responseCode: '1314', response: { error: { code: '1314', message: 'x' } } }],
    ['HTTP 429', 429, undefined],
  ])(
    'maps ThinQ\u2019s own quota answer (%s) to 429 UPSTREAM_QUOTA_EXHAUSTED, then stops calling that account',
    async (_name, httpStatus, body) => {
      const { session, calls } = await account();
      const other = await account();
      stack.thinq.faults.add({
        route: DEVICES,
        fail: { count: 1, status: httpStatus, body: body && { messageId: '', ...body } },
      });
      const first = await get(gw, '/v1/appliances', session);
      expect(first.status).toBe(429);
      expect(first.body.code).toBe('UPSTREAM_QUOTA_EXHAUSTED');
      expect(first.headers['retry-after']).toBe('60');
      const before = stack.thinq.faults.count(DEVICES);
      // The account is left alone for ThinQ's Retry-After (60 s when ThinQ says nothing).
      const blocked = await get(gw, '/v1/appliances', session);
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('UPSTREAM_QUOTA_EXHAUSTED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(50);
      expect((await status(gw, AC, session)).status).toBe(429);
      expect(stack.thinq.faults.count(DEVICES)).toBe(before);
      expect(calls()).toBe(1);
      // Another account is not.
      expect((await get(gw, '/v1/appliances', other.session)).status).toBe(200);
    },
  );

  it('ThinQ\u2019s quota answer on a cached value serves it STALE with the reason', async () => {
    const { session } = await account();
    expect((await get(gw, '/v1/appliances', session)).status).toBe(200);
    await sleep(300);
    stack.thinq.faults.add({
      route: DEVICES,
      fail: {
        count: 1,
        status: 429,
        body: {
          messageId: '',
          responseCode: '1314',
          response: { error: { code: '1314', message: 'x' } },
        },
      },
    });
    const stale = await get(gw, '/v1/appliances', session);
    expect(stale.status).toBe(200);
    expect(stale.body).toHaveLength(6);
    expect(stale.headers['x-cache']).toBe('STALE');
    expect(stale.headers['x-stale-reason']).toBe('UPSTREAM_QUOTA_EXHAUSTED');
    expect(stale.headers['retry-after']).toBe('60');
  });

  it('linking the account again, or unlinking it, drops the cached list', async () => {
    const { session, thinqToken, calls } = await account(steady);
    expect((await get(steady, '/v1/appliances', session)).headers['x-cache']).toBe('MISS');
    expect((await get(steady, '/v1/appliances', session)).headers['x-cache']).toBe('HIT');
    expect(calls()).toBe(2);
    const dryer = stack.thinq.state.devices.get(TOWER_DRYER)!;
    stack.thinq.state.devices.delete(TOWER_DRYER);
    try {
      // The same account linked again: its check, then a fresh list (a device was removed).
      expect((await link(steady, session, thinqToken)).status).toBe(200);
      const relinked = await get(steady, '/v1/appliances', session);
      expect(relinked.headers['x-cache']).toBe('MISS');
      expect(relinked.body).toHaveLength(5);
      expect(calls()).toBe(4);
      // Unlinked, the list is gone; linked once more, it is fetched again.
      await request(steady)
        .delete('/v1/me/links/thinq')
        .auth(session, { type: 'bearer' })
        .expect(204);
      expect((await get(steady, '/v1/appliances', session)).status).toBe(403);
      expect((await link(steady, session, thinqToken)).status).toBe(200);
      expect((await get(steady, '/v1/appliances', session)).headers['x-cache']).toBe('MISS');
      expect(calls()).toBe(6);
    } finally {
      stack.thinq.state.devices.set(TOWER_DRYER, dryer);
    }
  });
});
