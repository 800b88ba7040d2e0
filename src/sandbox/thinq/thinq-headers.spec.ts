import { randomBytes } from 'node:crypto';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from './demo-data';
import { createThinqSimulator, type ThinqSimulator } from './thinq-simulator';
import { listenSimulator } from '../simulator';

const newMessageId = () => randomBytes(16).toString('base64url');

function headers(overrides: Record<string, string | undefined> = {}) {
  const all: Record<string, string | undefined> = {
    authorization: `Bearer ${THINQ_DEMO_TOKENS.userA}`,
    'x-message-id': newMessageId(),
    'x-service-id': 'junction-sandbox',
    'x-service-key': 'sandbox-service-key',
    'x-country-code': 'KR',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

function expectFailure(
  res: { statusCode: number; json: () => ReturnType<JSON['parse']> },
  status: number,
  code: string,
  messageId?: string,
) {
  expect(res.statusCode).toBe(status);
  const body = res.json();
  expect(body).toEqual({
    messageId: messageId ?? expect.any(String),
    timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
    responseCode: code,
    response: { error: { code, message: expect.any(String) } },
  });
}

describe('ThinQ simulator: common headers', () => {
  let sim: ThinqSimulator;
  let clock: number;

  beforeEach(() => {
    clock = Date.parse('2024-05-01T00:00:00Z');
    sim = createThinqSimulator({ now: () => clock });
  });
  afterEach(async () => {
    await sim.app.close();
  });

  const get = (h: Record<string, string>, url = '/v2/devices') =>
    sim.app.inject({ method: 'GET', url, headers: h });

  it('accepts a call with all five headers', async () => {
    const res = await get(headers());
    expect(res.statusCode).toBe(200);
  });

  it.each(['authorization', 'x-message-id', 'x-service-id', 'x-service-key', 'x-country-code'])(
    'missing %s -> 1101 at 400',
    async (name) => {
      const res = await get(headers({ [name]: undefined }));
      expectFailure(res, 400, '1101');
      expect(res.json().response.error.message).toContain(name);
    },
  );

  it('an empty header counts as missing', async () => {
    expectFailure(await get(headers({ 'x-service-key': '' })), 400, '1101');
  });

  it.each([
    ['too short', 'Ig7pfvgQQFiLjrKoBFJ0x'],
    ['too long', 'Ig7pfvgQQFiLjrKoBFJ0xgA'],
    ['padded', 'Ig7pfvgQQFiLjrKoBFJ0xg=='],
    ['standard base64 alphabet', 'Ig7pfvgQQFiLjrKoBFJ0+g'],
    ['not canonical (trailing bits set)', 'Ig7pfvgQQFiLjrKoBFJ0xh'],
    ['a uuid', '0f8fad5b-d9cb-469f-a165-70867728950e'],
  ])('malformed x-message-id (%s) -> 1104 at 400, echoed', async (_label, messageId) => {
    const res = await get(headers({ 'x-message-id': messageId }));
    expectFailure(res, 400, '1104', messageId);
  });

  it('a reused x-message-id is refused with 1104, even across routes', async () => {
    const messageId = newMessageId();
    expect((await get(headers({ 'x-message-id': messageId }))).statusCode).toBe(200);
    expectFailure(await get(headers({ 'x-message-id': messageId })), 400, '1104', messageId);
    expectFailure(
      await get(
        headers({ 'x-message-id': messageId }),
        `/v2/devices/profile/${THINQ_DEVICE_IDS.airPurifier}`,
      ),
      400,
      '1104',
    );
  });

  it('a message id is spent even when the call fails for another reason', async () => {
    const messageId = newMessageId();
    expectFailure(
      await get(headers({ 'x-message-id': messageId, authorization: 'Bearer nope' })),
      401,
      '1103',
    );
    expectFailure(await get(headers({ 'x-message-id': messageId })), 400, '1104');
  });

  it('reset() forgets used message ids', async () => {
    const messageId = newMessageId();
    await get(headers({ 'x-message-id': messageId }));
    sim.reset();
    expect((await get(headers({ 'x-message-id': messageId }))).statusCode).toBe(200);
  });

  it('wrong x-service-id -> 1216 at 400', async () => {
    expectFailure(await get(headers({ 'x-service-id': 'someone-else' })), 400, '1216');
  });

  it('wrong x-service-key -> 1216 at 400', async () => {
    expectFailure(await get(headers({ 'x-service-key': 'wrong-key' })), 400, '1216');
  });

  it('honours configured service credentials', async () => {
    const custom = createThinqSimulator({ serviceId: 'svc', serviceKey: 'key' });
    const ok = await custom.app.inject({
      method: 'GET',
      url: '/v2/devices',
      headers: headers({ 'x-service-id': 'svc', 'x-service-key': 'key' }),
    });
    expect(ok.statusCode).toBe(200);
    const ko = await custom.app.inject({ method: 'GET', url: '/v2/devices', headers: headers() });
    expectFailure(ko, 400, '1216');
    await custom.app.close();
  });

  it.each(['KOR', 'kr', 'XX', 'K1'])('x-country-code %s -> 1102 at 400', async (country) => {
    expectFailure(await get(headers({ 'x-country-code': country })), 400, '1102');
  });

  it.each(['US', 'DE', 'JP'])('accepts x-country-code %s', async (country) => {
    expect((await get(headers({ 'x-country-code': country }))).statusCode).toBe(200);
  });

  it.each([
    ['unknown token', 'Bearer not-a-token'],
    ['no Bearer scheme', THINQ_DEMO_TOKENS.userA],
    ['Basic scheme', 'Basic dXNlcjpwYXNz'],
  ])('%s -> 1103 at 401', async (_label, authorization) => {
    expectFailure(await get(headers({ authorization })), 401, '1103');
  });

  it('checks headers on all four routes', async () => {
    const urls: Array<['GET' | 'POST', string]> = [
      ['GET', '/v2/devices'],
      ['GET', `/v2/devices/profile/${THINQ_DEVICE_IDS.airPurifier}`],
      ['GET', `/v2/devices/status/${THINQ_DEVICE_IDS.airPurifier}`],
      ['POST', `/v2/devices/control/${THINQ_DEVICE_IDS.airPurifier}`],
    ];
    for (const [method, url] of urls) {
      const res = await sim.app.inject({
        method,
        url,
        headers: headers({ authorization: 'Bearer bad' }),
        ...(method === 'POST' ? { payload: { airFlow: { windStrength: 'LOW' } } } : {}),
      });
      expectFailure(res, 401, '1103');
    }
  });
});

describe('ThinQ simulator: rate limits', () => {
  let sim: ThinqSimulator;
  let clock: number;

  beforeEach(() => {
    clock = Date.parse('2024-05-01T00:00:00Z');
    sim = createThinqSimulator({ now: () => clock, hourlyQuota: 3 });
  });
  afterEach(async () => {
    await sim.app.close();
  });

  const call = (token: string = THINQ_DEMO_TOKENS.userA) =>
    sim.app.inject({
      method: 'GET',
      url: '/v2/devices',
      headers: headers({ authorization: `Bearer ${token}` }),
    });

  it('allows hourlyQuota calls per token per rolling hour, then 1314 at 429', async () => {
    for (let i = 0; i < 3; i += 1) expect((await call()).statusCode).toBe(200);
    expectFailure(await call(), 429, '1314');
    expect(sim.callsInWindow(THINQ_DEMO_TOKENS.userA)).toBe(3);
    // Another user's token has its own budget.
    expect((await call(THINQ_DEMO_TOKENS.userB)).statusCode).toBe(200);
  });

  it('the window rolls: calls older than an hour stop counting', async () => {
    expect((await call()).statusCode).toBe(200);
    clock += 30 * 60 * 1000;
    expect((await call()).statusCode).toBe(200);
    expect((await call()).statusCode).toBe(200);
    expectFailure(await call(), 429, '1314');
    clock += 30 * 60 * 1000 + 1; // the first call is now more than an hour old
    expect((await call()).statusCode).toBe(200);
    expectFailure(await call(), 429, '1314');
  });

  it('refused and unauthenticated calls do not count', async () => {
    await sim.app.inject({
      method: 'GET',
      url: '/v2/devices',
      headers: headers({ 'x-service-key': 'wrong' }),
    });
    for (let i = 0; i < 3; i += 1) expect((await call()).statusCode).toBe(200);
    expectFailure(await call(), 429, '1314');
    expectFailure(await call(), 429, '1314');
    expect(sim.callsInWindow(THINQ_DEMO_TOKENS.userA)).toBe(3);
  });

  it('setQuota() changes the per-token quota', async () => {
    sim.setQuota(1);
    expect((await call()).statusCode).toBe(200);
    expectFailure(await call(), 429, '1314');
    sim.setQuota(10);
    expect((await call()).statusCode).toBe(200);
  });

  it('setServiceQuota() caps the whole service: 1306 at 429 for every token', async () => {
    sim.setServiceQuota(2);
    expect((await call(THINQ_DEMO_TOKENS.userA)).statusCode).toBe(200);
    expect((await call(THINQ_DEMO_TOKENS.userB)).statusCode).toBe(200);
    expectFailure(await call(THINQ_DEMO_TOKENS.userA), 429, '1306');
    expectFailure(await call(THINQ_DEMO_TOKENS.userB), 429, '1306');
    sim.setServiceQuota(Infinity);
    expect((await call(THINQ_DEMO_TOKENS.userB)).statusCode).toBe(200);
  });

  it('serviceHourlyQuota option', async () => {
    const capped = createThinqSimulator({ serviceHourlyQuota: 1 });
    const h = () => ({ method: 'GET' as const, url: '/v2/devices', headers: headers() });
    expect((await capped.app.inject(h())).statusCode).toBe(200);
    expectFailure(await capped.app.inject(h()), 429, '1306');
    await capped.app.close();
  });

  it('reset() restores the configured quota and clears counters', async () => {
    sim.setQuota(0);
    expectFailure(await call(), 429, '1314');
    sim.reset();
    expect((await call()).statusCode).toBe(200);
  });
});

describe('ThinQ simulator: sandbox admin routes and faults', () => {
  let sim: ThinqSimulator;

  beforeEach(() => {
    sim = createThinqSimulator();
  });
  afterEach(async () => {
    await sim.app.close();
  });

  it('PUT /__sandbox/state/devices/:id takes a device offline and patches status', async () => {
    const res = await sim.app.inject({
      method: 'PUT',
      url: `/__sandbox/state/devices/${THINQ_DEVICE_IDS.airConditioner}`,
      payload: { online: false, status: { temperature: { currentTemperature: 30 } } },
    });
    expect(res.statusCode).toBe(200);
    const device = sim.deviceOf(THINQ_DEVICE_IDS.airConditioner);
    expect(device.online).toBe(false);
    expect(device.status.temperature).toEqual({
      currentTemperature: 30,
      targetTemperature: 24,
      unit: 'C',
    });
  });

  it('PUT /__sandbox/state/quota and POST /__sandbox/state/reset', async () => {
    const quota = await sim.app.inject({
      method: 'PUT',
      url: '/__sandbox/state/quota',
      payload: { hourly: 0 },
    });
    expect(quota.json()).toEqual({ hourly: 0, serviceHourly: null });
    expectFailure(
      await sim.app.inject({ method: 'GET', url: '/v2/devices', headers: headers() }),
      429,
      '1314',
    );
    const reset = await sim.app.inject({ method: 'POST', url: '/__sandbox/state/reset' });
    expect(reset.statusCode).toBe(204);
    const ok = await sim.app.inject({ method: 'GET', url: '/v2/devices', headers: headers() });
    expect(ok.statusCode).toBe(200);
  });

  it('injected faults answer before the header checks, and calls are recorded', async () => {
    sim.faults.add({
      route: 'GET /v2/devices',
      fail: { count: 1, status: 500, body: { responseCode: '2000' } },
    });
    const res = await sim.app.inject({ method: 'GET', url: '/v2/devices', headers: {} });
    expect(res.statusCode).toBe(500);
    expect(sim.faults.count('GET /v2/devices')).toBe(1);
    expect(sim.faults.recorded('GET /v2/devices')[0].headers).toEqual(expect.any(Object));
  });
});

describe('ThinQ simulator over real HTTP', () => {
  it('serves a control then status round trip through listenSimulator', async () => {
    const running = await listenSimulator(createThinqSimulator());
    try {
      const control = await fetch(
        `${running.url}/v2/devices/control/${THINQ_DEVICE_IDS.refrigerator}`,
        {
          method: 'POST',
          headers: { ...headers(), 'content-type': 'application/json' },
          body: JSON.stringify({ refrigeration: { expressMode: true } }),
        },
      );
      expect(control.status).toBe(200);
      const status = await fetch(
        `${running.url}/v2/devices/status/${THINQ_DEVICE_IDS.refrigerator}`,
        { headers: headers() },
      );
      const body = (await status.json()) as { response: { refrigeration: unknown } };
      expect(body.response.refrigeration).toEqual({ expressMode: true, freshAirFilter: 'OFF' });
      const offline = await fetch(`${running.url}/v2/devices/status/${THINQ_DEVICE_IDS.washer}`, {
        headers: headers(),
      });
      expect(offline.status).toBe(416);
    } finally {
      await running.close();
    }
  });
});
