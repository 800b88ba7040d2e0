import request from 'supertest';
import { DEMO_PASSWORD, DEMO_USER, startStack, TestStack } from './support/stack';

async function linkedSession(stack: TestStack): Promise<string> {
  const { accessToken } = await stack.login('lux');
  await request(stack.http)
    .put('/v1/me/links/legacy')
    .auth(accessToken, { type: 'bearer' })
    .send({ username: DEMO_USER, password: DEMO_PASSWORD })
    .expect(200);
  await request(stack.http)
    .put('/v1/me/links/thinq')
    .auth(accessToken, { type: 'bearer' })
    .send({ accessToken: 'thinq-demo-token', countryCode: 'KR' })
    .expect(200);
  return accessToken;
}

const THINQ_LIST = 'GET /v2/devices';
const LEGACY_LIST = 'GET /api/v1/legacy/device/my-devices';

describe('GET /v1/devices', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        AGGREGATE_SOURCE_TIMEOUT_MS: '400',
        THINQ_RETRIES: '0',
        NUEYNE_RETRIES: '0',
        // Failures must reach the aggregate: no appliance-list cache to stand in for them here
        // (thinq-quota.e2e-spec.ts tests the cached list and its warnings).
        THINQ_DEVICES_FRESH_MS: '0',
        THINQ_DEVICES_STALE_IF_ERROR_MS: '0',
      },
    });
    token = await linkedSession(stack);
  });
  afterAll(() => stack.close());
  afterEach(() => stack.thinq.faults.clear());

  const devices = (bearer = token) =>
    request(stack.http).get('/v1/devices').auth(bearer, { type: 'bearer' });

  it('lists therapy devices and appliances in one normalised list, each with a link to its resource', async () => {
    const res = await devices();
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    const ids = res.body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['legacy:1', 'legacy:2']));
    expect(ids.filter((id: string) => id.startsWith('thinq:')).length).toBeGreaterThanOrEqual(5);
    const therapy = res.body.items.find((i: { id: string }) => i.id === 'legacy:1');
    expect(therapy).toMatchObject({
      source: 'legacy',
      kind: 'therapy',
      type: 'THERAPY_DEVICE',
      href: '/v1/therapy/devices/1/last-used',
    });
    const purifier = res.body.items.find((i: { type: string }) => i.type === 'DEVICE_AIR_PURIFIER');
    expect(purifier).toMatchObject({ source: 'thinq', kind: 'appliance', model: 'AIR_910604_WW' });
    expect(purifier.href).toBe(`/v1/appliances/${purifier.id.slice('thinq:'.length)}/status`);
    // The link works.
    const status = await request(stack.http).get(purifier.href).auth(token, { type: 'bearer' });
    expect(status.status).toBe(200);
  });

  it('leaves out a failing source and says so, with 200', async () => {
    stack.thinq.faults.add({ route: THINQ_LIST, fail: { count: 1, status: 500 } });
    const res = await devices();
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([{ source: 'thinq', status: 502, code: 'UPSTREAM_ERROR' }]);
    expect(res.body.items.every((i: { source: string }) => i.source === 'legacy')).toBe(true);
  });

  it('cuts a source that is too slow at its deadline, answering without it', async () => {
    stack.thinq.faults.add({ route: THINQ_LIST, latencyMs: 3000 });
    const started = Date.now();
    const res = await devices();
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([{ source: 'thinq', status: 504, code: 'UPSTREAM_TIMEOUT' }]);
    expect(res.body.items.length).toBeGreaterThan(0);
    // It did not wait for ThinQ's 3 s.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers 502 when every linked source fails', async () => {
    // Another account, so the 30 s therapy-list cache of the demo user does not answer for Legacy.
    const login = await request(stack.http).post('/v1/auth/token').type('form').send({
      grant_type: 'password',
      provider: 'legacy',
      username: 'demo2@junction.dev',
      password: DEMO_PASSWORD,
    });
    const other = login.body.access_token as string;
    await request(stack.http)
      .put('/v1/me/links/thinq')
      .auth(other, { type: 'bearer' })
      .send({ accessToken: 'thinq-demo-token-2', countryCode: 'KR' })
      .expect(200);
    stack.thinq.faults.add({ route: THINQ_LIST, fail: { count: 1, status: 500 } });
    stack.nueyne.faults.add({
      route: LEGACY_LIST,
      fail: { count: 1, status: 500, body: { detail: 'Internal Server Error' } },
    });
    const res = await devices(other);
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { source: 'legacy', status: 502, code: 'UPSTREAM_ERROR' },
        { source: 'thinq', status: 502, code: 'UPSTREAM_ERROR' },
      ]),
    );
    stack.nueyne.faults.clear();
  });

  it('asks nothing when nothing is linked', async () => {
    // A user of its own: a ThinQ link is the user's, and the demo user has one.
    const { accessToken } = await (await stack.newUser()).login();
    await request(stack.http)
      .delete('/v1/me/links/lux')
      .auth(accessToken, { type: 'bearer' })
      .expect(204);
    stack.thinq.faults.resetCalls();
    const res = await devices(accessToken);
    expect(res.body).toEqual({ items: [], errors: [], warnings: [], freshness: [] });
    expect(stack.thinq.faults.count(THINQ_LIST)).toBe(0);
  });
});

describe('GET /v1/home', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({
      env: { HOME_DEADLINE_MS: '1500', AGGREGATE_SOURCE_TIMEOUT_MS: '1500' },
    });
  });
  afterAll(() => stack.close());

  const home = (token: string) =>
    request(stack.http).get('/v1/home').auth(token, { type: 'bearer' });

  it('asks every upstream in parallel: the total is near the slowest, not the sum', async () => {
    const latency = 400;
    const routes = {
      nueyne: [
        'GET /api/v1/lux/user/me',
        'GET /api/v1/legacy/device/my-devices',
        'GET /api/v1/legacy/device/my-devlog/:year_month',
      ],
      thinq: [THINQ_LIST],
      interwater: ['GET /v1/sessions'],
    };
    const token = await linkedSession(stack);
    for (const route of routes.nueyne) stack.nueyne.faults.add({ route, latencyMs: latency });
    stack.thinq.faults.add({ route: THINQ_LIST, latencyMs: latency });
    stack.interwater.faults.add({ route: 'GET /v1/sessions', latencyMs: latency });
    const res = await home(token);
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    const arrivals = [
      ...routes.nueyne.map((r) => stack.nueyne.faults.recorded(r).at(-1)!.at),
      stack.thinq.faults.recorded(THINQ_LIST).at(-1)!.at,
      stack.interwater.faults.recorded('GET /v1/sessions').at(-1)!.at,
    ];
    // All five calls reached their upstreams before the first one (400 ms) could have answered:
    // they ran side by side, so the screen costs one latency, not five.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(latency);
    expect(res.body.profile).toMatchObject({ rootUserId: 1 });
    expect(res.body.devices.length).toBeGreaterThan(2);
    expect(res.body.therapySummary).toMatchObject({
      month: expect.stringMatching(/^\d{4}-\d{2}$/),
    });
    expect(res.body.therapySummary.sessions).toBeGreaterThan(0);
    expect(res.body.therapySummary.totalTreatmentSeconds).toBeGreaterThan(0);
    expect(Array.isArray(res.body.liveSessions)).toBe(true);
    stack.nueyne.faults.clear();
    stack.thinq.faults.clear();
    stack.interwater.faults.clear();
  });

  it('keeps its deadline when one part hangs, and names the missing part', async () => {
    const token = await linkedSession(stack);
    // The Lux profile is never cached, so its call really hangs.
    stack.nueyne.faults.add({ route: 'GET /api/v1/lux/user/me', hang: true });
    const started = Date.now();
    const res = await home(token);
    expect(res.status).toBe(200);
    expect(res.body.profile).toBeNull();
    expect(res.body.errors).toContainEqual({
      source: 'lux',
      status: 504,
      code: 'UPSTREAM_TIMEOUT',
    });
    expect(res.body.devices.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    stack.nueyne.faults.clear();
  });

  it('with nothing linked: nulls and no errors', async () => {
    // A user of its own: a ThinQ link is the user's, and the demo user has one.
    const { accessToken } = await (await stack.newUser()).login();
    await request(stack.http)
      .delete('/v1/me/links/lux')
      .auth(accessToken, { type: 'bearer' })
      .expect(204);
    const res = await home(accessToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      profile: null,
      devices: [],
      therapySummary: null,
      errors: [],
    });
  });
});

describe('how fresh each part of an aggregate is', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    // The appliance list's own defaults: fresh for 5 min, stale-if-error for a day.
    stack = await startStack({ env: { THINQ_RETRIES: '0', NUEYNE_RETRIES: '0' } });
    token = await linkedSession(stack);
  });
  afterAll(() => stack.close());
  afterEach(() => stack.thinq.faults.clear());

  const get = (path: string, headers: Record<string, string> = {}) =>
    request(stack.http).get(path).auth(token, { type: 'bearer' }).set(headers);
  const part = (body: { freshness: { source: string }[] }, source: string) =>
    body.freshness.find((entry) => entry.source === source);

  it('a source fetched for this request is live; read again, it is cached, with its age', async () => {
    const first = await get('/v1/devices');
    expect(first.status).toBe(200);
    expect(part(first.body, 'thinq')).toEqual({ source: 'thinq', state: 'live', ageSeconds: 0 });
    expect(part(first.body, 'legacy')).toEqual({ source: 'legacy', state: 'live', ageSeconds: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    stack.thinq.faults.resetCalls();
    const second = await get('/v1/devices');
    // Served from the cache without asking ThinQ: it says so, and how old the list is.
    expect(part(second.body, 'thinq')).toEqual({
      source: 'thinq',
      state: 'cached',
      ageSeconds: expect.any(Number),
    });
    expect(
      (part(second.body, 'thinq') as { ageSeconds?: number }).ageSeconds,
    ).toBeGreaterThanOrEqual(1);
    expect(stack.thinq.faults.count(THINQ_LIST)).toBe(0);
  });

  it('with ThinQ failing, Cache-Control: no-cache gets the cached list marked stale with its age and reason', async () => {
    await get('/v1/devices').expect(200);
    stack.thinq.faults.resetCalls();
    stack.thinq.faults.add({ route: THINQ_LIST, fail: { count: 1, status: 500 } });
    const res = await get('/v1/devices', { 'cache-control': 'no-cache' });
    expect(res.status).toBe(200);
    // It asked ThinQ (which failed), and says what it served instead.
    expect(stack.thinq.faults.count(THINQ_LIST)).toBe(1);
    expect(res.body.errors).toEqual([]);
    expect(res.body.items.some((item: { source: string }) => item.source === 'thinq')).toBe(true);
    expect(part(res.body, 'thinq')).toEqual({
      source: 'thinq',
      state: 'stale',
      ageSeconds: expect.any(Number),
      reason: 'UPSTREAM_ERROR',
    });
    expect(res.body.warnings).toContainEqual(
      expect.objectContaining({ source: 'thinq', code: 'UPSTREAM_ERROR' }),
    );
  });

  it('Cache-Control: no-cache with ThinQ answering is live again', async () => {
    await get('/v1/devices').expect(200);
    stack.thinq.faults.resetCalls();
    const res = await get('/v1/devices', { 'cache-control': 'no-cache' });
    expect(part(res.body, 'thinq')).toEqual({ source: 'thinq', state: 'live', ageSeconds: 0 });
    expect(stack.thinq.faults.count(THINQ_LIST)).toBe(1);
  });

  it('/v1/home says it for every part, the devices per source', async () => {
    await get('/v1/devices').expect(200);
    stack.thinq.faults.add({ route: THINQ_LIST, fail: { count: 1, status: 500 } });
    stack.thinq.faults.resetCalls();
    const res = await get('/v1/home', { 'cache-control': 'no-cache' });
    expect(res.status).toBe(200);
    expect(res.body.freshness).toEqual(
      expect.arrayContaining([
        { part: 'profile', source: 'lux', state: 'live', ageSeconds: 0 },
        { part: 'devices', source: 'legacy', state: 'live', ageSeconds: 0 },
        {
          part: 'devices',
          source: 'thinq',
          state: 'stale',
          ageSeconds: expect.any(Number),
          reason: 'UPSTREAM_ERROR',
        },
        { part: 'therapySummary', source: 'legacy', state: 'live', ageSeconds: 0 },
        { part: 'liveSessions', source: 'interwater', state: 'live', ageSeconds: 0 },
      ]),
    );
    expect(res.body.freshness).toHaveLength(5);
  });
});
