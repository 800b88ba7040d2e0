import { eventually } from './support/eventually';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { ERROR_CODES, ErrorCode } from '../src/common/problem/error-code';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { THINQ_ERROR_TABLE } from '../src/upstreams/thinq/thinq-errors';
import { TestGateway } from './support/gateway';
import { startStack, TestStack } from './support/stack';

const STATUS = 'GET /v2/devices/status/:deviceId';
const PROFILE = 'GET /v2/devices/profile/:deviceId';
const CONTROL = 'POST /v2/devices/control/:deviceId';
const DEVICES = 'GET /v2/devices';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listen(gateway: TestGateway): Promise<string> {
  await gateway.app.listen(0, '127.0.0.1');
  const address = gateway.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/** Forwards `/<region>/v2/...` to the simulator and remembers the region (a stand-in for LG's hosts). */
function regionProxy(target: string): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [, region, ...rest] = (req.url ?? '/').split('/');
      seen.push(region);
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (!['host', 'connection', 'content-length'].includes(key) && typeof value === 'string') {
          headers[key] = value;
        }
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(`${target}/${rest.join('/')}`, { method: req.method, headers, body })
        .then(async (upstream) => {
          res.writeHead(upstream.status, {
            'content-type': upstream.headers.get('content-type') ?? 'application/json',
          });
          res.end(await upstream.text());
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, seen });
    });
  });
}

describe('appliances (LG ThinQ) e2e', () => {
  let stack: TestStack;
  let gw: string;
  let userA: string;
  let userB: string;
  let userAShared: string;
  /** A second instance with a 30 s fresh window, for tests that must not see the value age. */
  let longFresh: string;

  const count = (route: string) => stack.thinq.faults.count(route);
  const get = (path: string, token: string, server = gw) =>
    request(server).get(path).set('authorization', `Bearer ${token}`);
  const post = (path: string, token: string, body: unknown, server = gw) =>
    request(server)
      .post(path)
      .set('authorization', `Bearer ${token}`)
      .send(body as object);
  const link = (token: string, accessToken: string, countryCode: string, server = gw) =>
    request(server)
      .put('/v1/me/links/thinq')
      .set('authorization', `Bearer ${token}`)
      .send({ accessToken, countryCode });

  beforeAll(async () => {
    stack = await startStack({
      env: {
        THINQ_STATUS_FRESH_MS: '300',
        THINQ_STATUS_SWR_MS: '2000',
        THINQ_STATUS_STALE_IF_ERROR_MS: '6000',
        THINQ_TIMEOUT_MS: '1000',
        // This file drives every ThinQ error code through one upstream: the circuit breaker and
        // retries (tested in resilience.e2e-spec.ts) would turn those answers into fast 503s.
        THINQ_BREAKER_THRESHOLD: '1000',
        THINQ_RETRIES: '0',
        // ...and through the list route: no list cache here (thinq-quota.e2e-spec.ts tests it).
        THINQ_DEVICES_FRESH_MS: '0',
        THINQ_DEVICES_STALE_IF_ERROR_MS: '0',
        LOG_LEVEL: 'warn',
      },
    });
    gw = await listen(stack.gateway);
    longFresh = await listen(await stack.startInstance({ THINQ_STATUS_FRESH_MS: '30000' }));
    userA = (await stack.login('lux')).accessToken;
    userB = (await stack.login('legacy', 'demo2@junction.dev')).accessToken;
    userAShared = (await stack.login('legacy')).accessToken;
    expect((await link(userA, THINQ_DEMO_TOKENS.userA, 'KR')).status).toBe(200);
    expect((await link(userB, THINQ_DEMO_TOKENS.userB, 'KR')).status).toBe(200);
    expect((await link(userAShared, THINQ_DEMO_TOKENS.userA, 'KR')).status).toBe(200);
  });
  afterAll(async () => {
    await stack?.close();
  });
  afterEach(() => stack.thinq.faults.clear());

  let spares = 0;
  /**
   * A session of a new user linked to a new ThinQ account of the simulator's user A (links and
   * the ThinQ budget are per user: this one shares neither with userA).
   */
  const spareAccount = async (): Promise<string> => {
    const thinqToken = `thinq-spare-token-${(spares += 1)}`;
    stack.thinq.state.tokens.set(thinqToken, 'user-a');
    const session = (await (await stack.newUser()).login()).accessToken;
    expect((await link(session, thinqToken, 'KR')).status).toBe(200);
    return session;
  };

  describe('linking', () => {
    it('refuses an unsupported country naming countryCode, and a token ThinQ rejects', async () => {
      const token = (await stack.login('lux')).accessToken;
      const before = count(DEVICES);
      const country = await link(token, THINQ_DEMO_TOKENS.userA, 'XX');
      expect(country.status).toBe(400);
      expect(country.body.code).toBe('VALIDATION_FAILED');
      expect(country.body.errors).toContainEqual(expect.objectContaining({ field: 'countryCode' }));
      expect(count(DEVICES)).toBe(before);
      const bad = await link(token, 'not-a-thinq-token', 'KR');
      expect(bad.body.code).toBe('UPSTREAM_CREDENTIALS_REJECTED');
      expect(bad.status).toBe(ERROR_CODES.UPSTREAM_CREDENTIALS_REJECTED.status);
      expect(bad.body.upstream).toMatchObject({ name: 'thinq', code: '1103' });
    });

    it('answers 403 ACCOUNT_NOT_LINKED without a ThinQ link', async () => {
      const token = (await (await stack.newUser()).login()).accessToken;
      const res = await get('/v1/appliances', token);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ACCOUNT_NOT_LINKED');
    });
  });

  describe('routes', () => {
    it('lists the devices without the envelope, deviceInfo flattened', async () => {
      const res = await get('/v1/appliances', userA);
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(6);
      expect(res.body[0]).toEqual({
        deviceId: THINQ_DEVICE_IDS.airConditioner,
        alias: 'PAC1',
        codeName: 'standard',
        deviceType: 'DEVICE_AIR_CONDITIONER',
        modelName: 'PAC_910604_KR',
        reportable: true,
      });
      const tower = (res.body as { deviceId: string; groupId?: string }[]).find(
        (d) => d.deviceId === THINQ_DEVICE_IDS.washtowerDryer,
      );
      expect(tower?.groupId).toBe('1692851234567');
      expect(JSON.stringify(res.body)).not.toMatch(/responseCode|messageId|deviceInfo/);
    });

    it('caches the profile per user and device', async () => {
      const path = `/v1/appliances/${THINQ_DEVICE_IDS.airPurifier}/profile`;
      const before = count(PROFILE);
      const first = await get(path, userA);
      expect(first.status).toBe(200);
      expect(first.headers['x-cache']).toBe('MISS');
      expect(first.body.property.airFlow.windStrength.value.w).toContain('HIGH');
      const second = await get(path, userA);
      expect(second.headers['x-cache']).toBe('HIT');
      expect(second.headers['cache-control']).toMatch(/^private, max-age=\d+/);
      expect(count(PROFILE) - before).toBe(1);
    });

    it('returns the status with cache headers; a fresh hit makes no upstream call', async () => {
      const path = `/v1/appliances/${THINQ_DEVICE_IDS.refrigerator}/status`;
      const first = await get(path, userA);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        deviceType: 'DEVICE_REFRIGERATOR',
        ...stack.thinq.statusOf(THINQ_DEVICE_IDS.refrigerator),
      });
      expect(first.headers['x-cache']).toBe('MISS');
      expect(first.headers.age).toBe('0');
      expect(first.headers['cache-control']).toBe(
        'private, max-age=0, stale-while-revalidate=2, stale-if-error=6',
      );
      const before = count(STATUS);
      const hit = await get(path, userA, longFresh);
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(hit.body).toEqual(first.body);
      expect(hit.headers['cache-control']).toMatch(/^private, max-age=(29|30), /);
      expect(count(STATUS)).toBe(before);
    });
  });

  describe('status cache', () => {
    it('200 concurrent cold reads make 1 upstream call', async () => {
      const url = longFresh;
      stack.thinq.faults.add({ route: STATUS, latencyMs: 300 });
      const before = count(STATUS);
      const path = `/v1/appliances/${THINQ_DEVICE_IDS.airConditioner}/status`;
      const answers = await Promise.all(Array.from({ length: 200 }, () => get(path, userA, url)));
      expect(answers.every((res) => res.status === 200)).toBe(true);
      expect(answers.every((res) => res.body.airConJobMode.currentJobMode === 'COOL')).toBe(true);
      expect(count(STATUS) - before).toBe(1);
    });

    it('200 concurrent cold reads across two gateway instances make 1 upstream call', async () => {
      const one = longFresh;
      const two = await listen(await stack.startInstance({ THINQ_STATUS_FRESH_MS: '30000' }));
      stack.thinq.faults.add({ route: STATUS, latencyMs: 300 });
      const before = count(STATUS);
      const path = `/v1/appliances/${THINQ_DEVICE_IDS.washtowerWasher}/status`;
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) => get(path, userA, i % 2 === 0 ? one : two)),
      );
      expect(answers.map((res) => res.status)).toEqual(Array(200).fill(200));
      expect(count(STATUS) - before).toBe(1);
      // Requests that waited on the shared load say MISS; any that arrived after it was stored
      // (a loaded machine spreads 200 requests out) are fresh HITs. None is stale.
      const states = answers.map((res) => res.headers['x-cache']);
      expect(states.filter((state) => state !== 'MISS' && state !== 'HIT')).toEqual([]);
      expect(states).toContain('MISS');
    });

    it('after the fresh window, answers STALE at once and refreshes once in the background', async () => {
      const device = THINQ_DEVICE_IDS.washtowerDryer;
      const path = `/v1/appliances/${device}/status`;
      const first = await get(path, userA);
      expect(first.headers['x-cache']).toBe('MISS');
      await sleep(450); // past fresh (300 ms), inside stale-while-revalidate (2 s more)
      stack.thinq.patchStatus(device, { runState: { currentState: 'PAUSE' } });
      // The refresh takes 600 ms upstream; a request that waited for it would say MISS.
      stack.thinq.faults.add({ route: STATUS, latencyMs: 600 });
      const before = count(STATUS);
      const answers = await Promise.all(Array.from({ length: 20 }, () => get(path, userA)));
      expect(answers.map((res) => res.headers['x-cache'])).toEqual(Array(20).fill('STALE'));
      expect(answers.every((res) => res.body.runState.currentState === 'RUNNING')).toBe(true);
      expect(Number(answers[0].headers.age)).toBeGreaterThanOrEqual(0);
      expect(answers[0].headers['cache-control']).toMatch(/^private, max-age=0,/);
      await eventually(() => count(STATUS) - before >= 1, { timeoutMs: 5000, everyMs: 20 });
      await sleep(700);
      expect(count(STATUS) - before).toBe(1);
      const after = await get(path, userA);
      expect(after.body.runState.currentState).toBe('PAUSE');
    });

    it('with ThinQ failing, serves the last value within stale-if-error, then a clear problem', async () => {
      const device = THINQ_DEVICE_IDS.airPurifier;
      const path = `/v1/appliances/${device}/status`;
      expect((await get(path, userA)).headers['x-cache']).toBe('MISS');
      await sleep(2500); // past fresh + stale-while-revalidate (2.3 s), inside stale-if-error (6.3 s)
      const failure = {
        count: 100,
        status: 500,
        body: {
          messageId: '',
          responseCode: '2000',
          response: { error: { code: '2000', message: 'Internal server error' } },
        },
      };
      stack.thinq.faults.add({ route: STATUS, fail: failure });
      const before = count(STATUS);
      const stale = await get(path, userA);
      expect(stale.status).toBe(200);
      expect(stale.headers['x-cache']).toBe('STALE');
      expect(stale.body.operation.airPurifierOperationMode).toBe('POWER_ON');
      expect(Number(stale.headers.age)).toBeGreaterThanOrEqual(1);
      expect(count(STATUS) - before).toBe(1);

      // A hanging ThinQ: the call times out (THINQ_TIMEOUT_MS 1 s), the last value is served.
      stack.thinq.faults.clear();
      stack.thinq.faults.add({ route: STATUS, hang: true });
      const slow = await get(path, userA);
      expect(slow.status).toBe(200);
      expect(slow.headers['x-cache']).toBe('STALE');
      // The refresh carries on until its timeout, which gives the held call up (clearing the fault
      // before that would let the simulator answer it).
      await eventually(() => stack.thinq.faults.holding() === 0, { timeoutMs: 5000, everyMs: 20 });

      stack.thinq.faults.clear();
      stack.thinq.faults.add({ route: STATUS, fail: failure });
      await sleep(3200); // past fresh + stale-if-error (6.3 s)
      const gone = await get(path, userA);
      expect(gone.status).toBe(502);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(gone.body).toMatchObject({
        code: 'UPSTREAM_ERROR',
        upstream: { name: 'thinq', status: 500, code: '2000' },
      });
    });

    it('user B never receives user A\u2019s cached status; another user of A\u2019s ThinQ account shares it', async () => {
      const path = `/v1/appliances/${THINQ_DEVICE_IDS.airConditioner}/status`;
      const instance = longFresh;
      const a = await get(path, userA, instance);
      expect(a.status).toBe(200);
      // Another user who linked the same ThinQ account (the same token): the status is keyed by
      // the account, so the entry is shared, no upstream call (they could read it from ThinQ).
      const before = count(STATUS);
      const shared = await get(path, userAShared, instance);
      expect(shared.status).toBe(200);
      expect(shared.headers['x-cache']).toBe('HIT');
      expect(shared.body).toEqual(a.body);
      expect(count(STATUS) - before).toBe(0);
      // A session of another ThinQ account of the same simulated user (another token): its own.
      const spare = await spareAccount();
      const own = await get(path, spare, instance);
      expect(own.headers['x-cache']).toBe('MISS');
      expect(count(STATUS) - before).toBe(1);
      // A user whose ThinQ account does not own the device: ThinQ's answer, not A's cache.
      const b = await get(path, userB, instance);
      expect(b.status).toBe(404);
      expect(b.body).toMatchObject({ code: 'DEVICE_NOT_FOUND', upstream: { code: '1212' } });
      expect(JSON.stringify(b.body)).not.toContain('airConJobMode');
    });
  });

  describe('commands', () => {
    it('sends a valid command, answers 204 and drops the cached status', async () => {
      const instance = longFresh;
      const device = THINQ_DEVICE_IDS.airConditioner;
      const path = `/v1/appliances/${device}/status`;
      expect((await get(path, userA, instance)).status).toBe(200);
      const reads = count(STATUS);
      expect((await get(path, userA, instance)).headers['x-cache']).toBe('HIT');
      expect(count(STATUS)).toBe(reads);
      const before = count(CONTROL);
      const res = await post(
        `/v1/appliances/${device}/commands`,
        userA,
        { airFlow: { windStrength: 'HIGH' }, temperature: { targetTemperature: 22.5 } },
        instance,
      );
      expect(res.status).toBe(204);
      expect(count(CONTROL) - before).toBe(1);
      expect(stack.thinq.faults.recorded(CONTROL).at(-1)?.body).toEqual({
        airFlow: { windStrength: 'HIGH' },
        temperature: { targetTemperature: 22.5 },
      });
      const after = await get(path, userA, instance);
      expect(after.headers['x-cache']).toBe('MISS');
      expect(after.body.airFlow.windStrength).toBe('HIGH');
      expect(after.body.temperature.targetTemperature).toBe(22.5);
    });

    it('a refused command answers 400 INVALID_COMMAND naming the property and never reaches ThinQ', async () => {
      const device = THINQ_DEVICE_IDS.airConditioner;
      const before = count(CONTROL);
      const cases: [unknown, string][] = [
        [{ temperature: { targetTemperature: 30.5 } }, 'temperature.targetTemperature'],
        [{ temperature: { targetTemperature: 22.3 } }, 'temperature.targetTemperature'],
        [{ airFlow: { windStrength: 'TURBO' } }, 'airFlow.windStrength'],
        [{ temperature: { currentTemperature: 20 } }, 'temperature.currentTemperature'],
        [{ powerSave: { powerSaveEnabled: 'yes' } }, 'powerSave.powerSaveEnabled'],
        [{ nothing: { here: 1 } }, 'nothing'],
        [{}, 'body'],
      ];
      for (const [body, field] of cases) {
        const res = await post(`/v1/appliances/${device}/commands`, userA, body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('INVALID_COMMAND');
        expect(res.body.errors).toContainEqual(expect.objectContaining({ field }));
        expect(res.body.detail).toContain(field);
      }
      const fridge = await post(`/v1/appliances/${THINQ_DEVICE_IDS.refrigerator}/commands`, userA, {
        temperature: { locationName: 'CELLAR', targetTemperature: 3 },
      });
      expect(fridge.status).toBe(400);
      expect(fridge.body.errors[0].field).toBe('temperature.locationName');
      expect(count(CONTROL)).toBe(before);
    });

    it('addresses located resources by locationName', async () => {
      const res = await post(`/v1/appliances/${THINQ_DEVICE_IDS.refrigerator}/commands`, userA, {
        temperature: { locationName: 'FREEZER', targetTemperature: -20 },
      });
      expect(res.status).toBe(204);
      const freezer = (
        stack.thinq.statusOf(THINQ_DEVICE_IDS.refrigerator).temperature as {
          locationName: string;
          targetTemperature: number;
        }[]
      ).find((entry) => entry.locationName === 'FREEZER');
      expect(freezer?.targetTemperature).toBe(-20);
    });
  });

  describe('status deviceType', () => {
    it('answers each device type with its deviceType; a warm read makes no ThinQ call at all', async () => {
      const types: Record<string, string> = {
        airConditioner: 'DEVICE_AIR_CONDITIONER',
        airPurifier: 'DEVICE_AIR_PURIFIER',
        refrigerator: 'DEVICE_REFRIGERATOR',
        washtowerWasher: 'DEVICE_WASHTOWER_WASHER',
        washtowerDryer: 'DEVICE_WASHTOWER_DRYER',
      };
      for (const [name, deviceType] of Object.entries(types)) {
        const path = `/v1/appliances/${THINQ_DEVICE_IDS[name as keyof typeof THINQ_DEVICE_IDS]}/status`;
        const cold = await get(path, userA, longFresh);
        expect(cold.status).toBe(200);
        expect(cold.body.deviceType).toBe(deviceType);
        const calls = count(STATUS) + count(DEVICES) + count(PROFILE);
        const warm = await get(path, userA, longFresh);
        expect(warm.headers['x-cache']).toBe('HIT');
        expect(warm.body).toEqual(cold.body);
        expect(count(STATUS) + count(DEVICES) + count(PROFILE)).toBe(calls);
      }
    });

    it('finds the type in the cached list: a cold status read after the list makes one call', async () => {
      // This file runs without a list cache; this instance has one, as by default.
      const listCached = await listen(
        await stack.startInstance({
          THINQ_DEVICES_FRESH_MS: '300000',
          THINQ_STATUS_FRESH_MS: '30000',
        }),
      );
      const list = await get('/v1/appliances', userB, listCached);
      expect(list.status).toBe(200);
      const before = { status: count(STATUS), devices: count(DEVICES) };
      const path = `/v1/appliances/${THINQ_DEVICE_IDS.userBAirPurifier}/status`;
      const answer = await get(path, userB, listCached);
      expect(answer.body).toMatchObject({ deviceType: 'DEVICE_AIR_PURIFIER' });
      expect({ status: count(STATUS), devices: count(DEVICES) }).toEqual({
        status: before.status + 1,
        devices: before.devices,
      });
      // Linking again drops the cached list, which the rest of this file must not find.
      expect((await link(userB, THINQ_DEMO_TOKENS.userB, 'KR')).status).toBe(200);
    });
  });

  describe('ThinQ errors', () => {
    it.each(Object.entries(THINQ_ERROR_TABLE))(
      'maps ThinQ %s to its problem, keeping the code',
      async (code, rule) => {
        // A quota answer stops the gateway calling that account for a minute, and a refused
        // token drops the user's link: use one of its own.
        const session =
          rule.problem === ErrorCode.UPSTREAM_QUOTA_EXHAUSTED ||
          rule.problem === ErrorCode.UPSTREAM_LOGIN_REQUIRED
            ? await spareAccount()
            : userA;
        const status = Number(code) >= 2000 || code === '0000' ? 500 : 400;
        stack.thinq.faults.add({
          route: DEVICES,
          fail: {
            count: 1,
            status,
            body: {
              messageId: '',
              responseCode: code,
              response: { error: { code, message: 'x' } },
            },
          },
        });
        const res = await get('/v1/appliances', session);
        expect(res.status).toBe(ERROR_CODES[rule.problem].status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ code: rule.problem, upstream: { name: 'thinq', code } });
        if (rule.problem === ErrorCode.UPSTREAM_QUOTA_EXHAUSTED)
          expect(res.headers['retry-after']).toBe('60');
      },
    );

    it('a device id of 101 to 128 characters is a device ThinQ does not know, never a 502', async () => {
      for (const length of [101, 128]) {
        const res = await get(`/v1/appliances/${'A'.repeat(length)}/status`, userA);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect({ status: res.status, code: res.body.code }).toEqual({
          status: 404,
          code: 'DEVICE_NOT_FOUND',
        });
      }
      const tooLong = await get(`/v1/appliances/${'A'.repeat(129)}/status`, userA);
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors.map((e: { field: string }) => e.field)).toEqual(['deviceId']);
    });

    it.each([400, 404, 405, 413, 414, 431])(
      'a ThinQ %i without a ThinQ code is 400 UPSTREAM_REJECTED_REQUEST, not a 502',
      async (status) => {
        stack.thinq.faults.add({
          route: CONTROL,
          fail: { count: 1, status, body: { statusCode: status, error: 'Client Error' } },
        });
        // A command: never answered from a cache.
        const res = await post(`/v1/appliances/${THINQ_DEVICE_IDS.refrigerator}/commands`, userA, {
          temperature: { locationName: 'FRIDGE', targetTemperature: 3 },
        });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect({ status: res.status, code: res.body.code }).toEqual({
          status: 400,
          code: 'UPSTREAM_REJECTED_REQUEST',
        });
        expect(res.body.upstream).toEqual({ name: 'thinq', status });
      },
    );

    it('maps what the simulator itself answers: offline, unknown, not owned, power off, rate limit', async () => {
      const offline = await get(`/v1/appliances/${THINQ_DEVICE_IDS.washer}/status`, userA);
      expect(offline.status).toBe(409);
      expect(offline.body).toMatchObject({ code: 'DEVICE_OFFLINE', upstream: { code: '1222' } });
      const unknown = await get('/v1/appliances/TQS-NOPE/profile', userA);
      expect(unknown.body).toMatchObject({ code: 'DEVICE_NOT_FOUND', upstream: { code: '1205' } });
      const notMine = await get(
        `/v1/appliances/${THINQ_DEVICE_IDS.userBAirPurifier}/profile`,
        userA,
      );
      expect(notMine.body).toMatchObject({ code: 'DEVICE_NOT_FOUND', upstream: { code: '1212' } });
      const powerOff = await post(
        `/v1/appliances/${THINQ_DEVICE_IDS.userBAirPurifier}/commands`,
        userB,
        { airFlow: { windStrength: 'HIGH' } },
      );
      expect(powerOff.status).toBe(409);
      expect(powerOff.body).toMatchObject({
        code: 'COMMAND_NOT_SUPPORTED_NOW',
        upstream: { code: '2304' },
      });
      const bad = await get('/v1/appliances/..%2Fx/status', userA);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');

      stack.thinq.setQuota(stack.thinq.callsInWindow(THINQ_DEMO_TOKENS.userB));
      try {
        const limited = await get('/v1/appliances', userB);
        expect(limited.status).toBe(429);
        expect(limited.body).toMatchObject({
          code: 'UPSTREAM_QUOTA_EXHAUSTED',
          upstream: { code: '1314' },
        });
        expect(limited.headers['retry-after']).toBe('60');
      } finally {
        stack.thinq.setQuota(1000);
      }
    });
  });

  describe('upstream calls', () => {
    it('follow the country to its region with a {region} template', async () => {
      const proxy = await regionProxy(stack.env.THINQ_BASE_URL);
      try {
        const regional = await listen(
          await stack.startInstance({ THINQ_BASE_URL: `${proxy.url}/{region}` }),
        );
        for (const [country, region] of [
          ['KR', 'kic'],
          ['US', 'aic'],
          ['DE', 'eic'],
        ]) {
          const token = (await stack.login('lux')).accessToken;
          expect((await link(token, THINQ_DEMO_TOKENS.userA, country, regional)).status).toBe(200);
          proxy.seen.length = 0;
          expect((await get('/v1/appliances', token, regional)).status).toBe(200);
          expect(proxy.seen).toEqual([region]);
        }
      } finally {
        proxy.server.close();
      }
    });

    it('carry LG\u2019s headers on every call, with unique message ids', () => {
      const calls = stack.thinq.faults.recorded();
      expect(calls.length).toBeGreaterThan(50);
      const ids = new Set<string>();
      for (const call of calls) {
        expect(call.headers['x-message-id']).toMatch(/^[A-Za-z0-9_-]{21}[AQgw]$/);
        expect(call.headers['x-service-id']).toBe('junction-test');
        expect(call.headers['x-service-key']).toBe('test-service-key');
        expect(call.headers['x-country-code']).toMatch(/^(KR|US|DE|XX)$/);
        expect(call.headers.authorization).toMatch(/^Bearer \S+$/);
        ids.add(call.headers['x-message-id']);
      }
      expect(ids.size).toBe(calls.length);
    });
  });
});
