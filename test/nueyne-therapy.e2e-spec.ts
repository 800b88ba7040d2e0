import request from 'supertest';
import { authed, expectProblem } from './support/http';
import { startStack, TestStack } from './support/stack';

/**
 * /v1/therapy against the Nueyne simulator: what the gateway sent (method, path, query vs body,
 * the Legacy bearer token) and what it answered, for every route and each documented error.
 */
describe('Therapy device routes (/v1/therapy)', () => {
  let stack: TestStack;
  let demo: string;

  const DEVICE = '/api/v1/legacy/device';
  const route = {
    devices: `GET ${DEVICE}/my-devices`,
    check: `GET ${DEVICE}/check-device`,
    register: `POST ${DEVICE}/set-my-device`,
    unregister: `PATCH ${DEVICE}/un-connect`,
    lastTime: `GET ${DEVICE}/devlog/lasttime/:device_id`,
    devlog: `POST ${DEVICE}/devlog`,
    month: `GET ${DEVICE}/my-devlog/:year_month`,
    temp: 'POST /api/v1/elexir/device/devlog/temp',
  };
  const FREE = { serialCode: 'SL20301004', uniqueId: '2E0031000C50524833343723' };

  beforeAll(async () => {
    stack = await startStack();
    demo = (await stack.login('legacy')).accessToken;
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.nueyne.faults.resetCalls());

  const as = (token: string) => authed(stack.http, token);

  const received = (key: string) => {
    const calls = stack.nueyne.faults.recorded(key);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call.headers.authorization).toMatch(/^Bearer legacy_at_/);
    return call;
  };

  const problem = expectProblem;

  const fault = (key: string, status: number, detail: unknown) =>
    stack.nueyne.faults.add({ route: key, fail: { count: 1, status, body: { detail } } });

  const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

  describe('GET /v1/therapy/devices', () => {
    it('lists the devices with the contract renames, cached per user', async () => {
      const first = await as(demo).get('/v1/therapy/devices');
      expect(first.status).toBe(200);
      expect(first.headers['x-cache']).toBe('MISS');
      expect(first.body).toEqual([
        {
          id: 1,
          serialCode: 'SL20301001',
          userId: 1,
          modelId: 2,
          macId: '2023-06-29 15:07:25',
          uniqueId: '270038000C50524833343720',
          modelName: 'ELEXIR',
          registeredAt: '2023-06-01T00:00:00Z',
        },
        expect.objectContaining({ id: 2, serialCode: 'SL20301002', modelName: 'ELEXIR' }),
      ]);
      const call = received(route.devices);
      expect(call.path).toBe('/api/v1/legacy/device/my-devices');
      const second = await as(demo).get('/v1/therapy/devices');
      expect(second.headers['x-cache']).toBe('HIT');
      expect(second.headers['cache-control']).toMatch(/^private, max-age=\d+/);
      expect(second.headers.age).toBeDefined();
      expect(second.body).toEqual(first.body);
      expect(stack.nueyne.faults.count(route.devices)).toBe(1);
    });

    it('never shares the cached list with another user', async () => {
      const other = (await stack.login('legacy', 'demo2@junction.dev')).accessToken;
      const res = await as(other).get('/v1/therapy/devices');
      expect(res.headers['x-cache']).toBe('MISS');
      expect(res.body.map((d: { id: number }) => d.id)).toEqual([3]);
    });

    it('502 UPSTREAM_ERROR on "Internal Server Error"', async () => {
      const broken = (await stack.login('legacy', 'broken@junction.dev')).accessToken;
      problem(
        await as(broken).get('/v1/therapy/devices'),
        502,
        'UPSTREAM_ERROR',
        'Internal Server Error',
      );
    });

    it('403 ACCOUNT_NOT_LINKED for a Lux-only session', async () => {
      const lux = (await stack.login('lux')).accessToken;
      problem(await as(lux).get('/v1/therapy/devices'), 403, 'ACCOUNT_NOT_LINKED');
      expect(stack.nueyne.faults.count(route.devices)).toBe(0);
    });
  });

  describe('GET /v1/therapy/devices/check', () => {
    it('sends unique_id as a query parameter and answers the device', async () => {
      const res = await as(demo).get(`/v1/therapy/devices/check?uniqueId=${FREE.uniqueId}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: 4,
        serialCode: 'SL20301004',
        userId: null,
        macId: null,
        modelId: 2,
        uniqueId: FREE.uniqueId,
        registeredAt: '2024-09-02T09:00:00Z',
      });
      const call = received(route.check);
      expect(call.query).toEqual({ unique_id: FREE.uniqueId });
      expect(call.body ?? null).toBeNull();
    });

    it.each([
      ['5C0027000C50524833343725', 400, 'DEVICE_NOT_REGISTERED', 'This device is not registered'],
      ['6D0015000C50524833343726', 502, 'DEVICE_CONNECTION_FAILED', 'Device Connection Failed'],
      ['FFFF', 404, 'DEVICE_NOT_FOUND', 'Not Found Device'],
      ['1F0042000C50524833343722', 409, 'DEVICE_ALREADY_CONNECTED', 'Already Connected Device'],
    ])('%s: %i %s', async (uniqueId, status, code, detail) => {
      problem(
        await as(demo).get(`/v1/therapy/devices/check?uniqueId=${uniqueId}`),
        status,
        code,
        detail,
      );
    });

    it('needs uniqueId and refuses unknown query parameters', async () => {
      problem(await as(demo).get('/v1/therapy/devices/check'), 400, 'VALIDATION_FAILED');
      const res = await as(demo).get('/v1/therapy/devices/check?uniqueId=A&unique_id=A');
      problem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toContainEqual({
        field: 'unique_id',
        message: 'is not a known field',
      });
      expect(stack.nueyne.faults.count(route.check)).toBe(0);
    });
  });

  describe('register and unregister', () => {
    it.each([
      [
        { serialCode: 'SL20301007', uniqueId: '6D0015000C50524833343726' },
        502,
        'DEVICE_CONNECTION_FAILED',
        'Device Connection Failed',
      ],
      [
        { ...FREE, serialCode: 'SL29999999' },
        400,
        'SERIAL_CODE_INVALID',
        'Serial code is not valid',
      ],
      [{ serialCode: 'test1', uniqueId: '1' }, 404, 'DEVICE_NOT_FOUND', 'Not Found Device'],
      [
        { serialCode: 'SL20301003', uniqueId: '1F0042000C50524833343722' },
        409,
        'DEVICE_ALREADY_CONNECTED',
        'Already Connected Device',
      ],
    ])('POST %j: %i %s', async (body, status, code, detail) => {
      problem(await as(demo).post('/v1/therapy/devices').send(body), status, code, detail);
    });

    it('POST sends the query set-my-device wants and drops the cached list and last-used', async () => {
      await as(demo).get('/v1/therapy/devices');
      expect((await as(demo).get('/v1/therapy/devices/1/last-used')).status).toBe(200);
      expect((await as(demo).get('/v1/therapy/devices/1/last-used')).headers['x-cache']).toBe(
        'HIT',
      );
      stack.nueyne.faults.resetCalls();
      const res = await as(demo)
        .post('/v1/therapy/devices')
        .send({ ...FREE, macId: 'C8:F0:9E:11:22:33' });
      expect(res.status).toBe(204);
      const call = received(route.register);
      expect(call.query).toEqual({
        serial_code: FREE.serialCode,
        mac_id: 'C8:F0:9E:11:22:33',
        unique_id: FREE.uniqueId,
      });
      expect(call.body ?? null).toBeNull();
      const list = await as(demo).get('/v1/therapy/devices');
      expect(list.headers['x-cache']).toBe('MISS');
      expect(list.body.map((d: { id: number }) => d.id)).toEqual([1, 2, 4]);
      expect((await as(demo).get('/v1/therapy/devices/1/last-used')).headers['x-cache']).toBe(
        'MISS',
      );
    });

    it.each(['test1234', '2023-06-29 15:07:25'])(
      'POST takes the MAC id %j as Nueyne itself documents it, and forwards it',
      async (macId) => {
        const res = await as(demo)
          .post('/v1/therapy/devices')
          .send({ serialCode: 'test1', uniqueId: 'test1', macId });
        expect(res.status).toBe(204);
        expect(received(route.register).query).toEqual({
          serial_code: 'test1',
          mac_id: macId,
          unique_id: 'test1',
        });
        await as(demo).delete('/v1/therapy/devices/test1').expect(204);
      },
    );

    it('POST refuses a MAC id that cannot be forwarded, and unknown fields, locally', async () => {
      const res = await as(demo)
        .post('/v1/therapy/devices')
        .send({ ...FREE, macId: 'C8:F0\n9E', serial_code: 'x' });
      problem(res, 400, 'VALIDATION_FAILED');
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
        'macId',
        'serial_code',
      ]);
      expect(stack.nueyne.faults.count(route.register)).toBe(0);
    });

    it('DELETE un-connects with a PATCH and query, and drops the cached list', async () => {
      await as(demo).get('/v1/therapy/devices');
      stack.nueyne.faults.resetCalls();
      const res = await as(demo).delete(`/v1/therapy/devices/${FREE.uniqueId}`);
      expect(res.status).toBe(204);
      const call = received(route.unregister);
      expect(call.method).toBe('PATCH');
      expect(call.query).toEqual({ unique_id: FREE.uniqueId });
      const list = await as(demo).get('/v1/therapy/devices');
      expect(list.headers['x-cache']).toBe('MISS');
      expect(list.body.map((d: { id: number }) => d.id)).toEqual([1, 2]);
    });

    it('DELETE with a uniqueId longer than its 64 characters is a 400 naming it, not a 414', async () => {
      const res = await as(demo).delete(`/v1/therapy/devices/${'A'.repeat(120)}`);
      problem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['uniqueId']);
      expect(stack.nueyne.faults.count(route.unregister)).toBe(0);
    });

    it('DELETE errors: 404 DEVICE_NOT_FOUND, 502 DEVICE_DISCONNECT_FAILED', async () => {
      problem(
        await as(demo).delete('/v1/therapy/devices/1F0042000C50524833343722'),
        404,
        'DEVICE_NOT_FOUND',
        'Not Found Device',
      );
      const broken = (await stack.login('legacy', 'broken@junction.dev')).accessToken;
      problem(
        await as(broken).delete('/v1/therapy/devices/7E0008000C50524833343727'),
        502,
        'DEVICE_DISCONNECT_FAILED',
        'Device unconnect failed',
      );
    });
  });

  describe('GET /v1/therapy/devices/{deviceId}/last-used', () => {
    it('answers {deviceId, lastUsedAt} with an ISO timestamp', async () => {
      stack.nueyne.faults.resetCalls();
      const res = await as(demo).get('/v1/therapy/devices/2/last-used');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ deviceId: 2, lastUsedAt: expect.stringMatching(ISO_Z) });
      expect(received(route.lastTime).path).toBe('/api/v1/legacy/device/devlog/lasttime/2');
    });

    it('404 NO_USAGE_RECORDED, 400 for a non-numeric id', async () => {
      problem(
        await as(demo).get('/v1/therapy/devices/3/last-used'),
        404,
        'NO_USAGE_RECORDED',
        'No Content',
      );
      problem(await as(demo).get('/v1/therapy/devices/abc/last-used'), 400, 'VALIDATION_FAILED');
    });

    it.each(['0x10', '1e3', '99999999999999999999', '2147483648', '01', '+2'])(
      'device id %s is a 400 naming deviceId, and Nueyne is not called (no coercion)',
      async (id) => {
        const res = await as(demo).get(`/v1/therapy/devices/${id}/last-used`);
        problem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['deviceId']);
        expect(stack.nueyne.faults.count(route.lastTime)).toBe(0);
      },
    );
  });

  describe('logs', () => {
    const log = {
      userId: 1,
      modelId: 2,
      deviceId: 2,
      firmwareVersion: 22.5,
      loggedAt: '2025-04-11T15:58:00+09:00',
      mode: 1,
      finishFlag: 4,
      lastIntensity: 161.0,
      treatmentTime: 1200,
      eventNum: 2,
      logData: '06008101f793466e1100800cb0043304',
    };

    it('POST uploads the devlog as snake_case and answers it with finishReason', async () => {
      const res = await as(demo).post('/v1/therapy/logs').send(log);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        ...log,
        loggedAt: '2025-04-11T06:58:00Z',
        finishReason: 'faulty_contact',
      });
      expect(received(route.devlog).body).toEqual({
        user_id: 1,
        model_id: 2,
        device_id: 2,
        fversion: 22.5,
        logdate: '2025-04-11T06:58:00Z',
        mode: 1,
        finish_flag: 4,
        last_intensity: 161,
        treatment_time: 1200,
        event_num: 2,
        log_data: '06008101f793466e1100800cb0043304',
      });
    });

    it('POST: an unknown deviceId is 400 THERAPY_LOG_SAVE_FAILED naming it; numbers checked locally', async () => {
      const refused = await as(demo)
        .post('/v1/therapy/logs')
        .send({ ...log, deviceId: 999 });
      problem(refused, 400, 'THERAPY_LOG_SAVE_FAILED', 'Internal server error');
      expect(refused.body.errors).toEqual([{ field: 'deviceId', message: expect.any(String) }]);
      stack.nueyne.faults.resetCalls();
      const res = await as(demo)
        .post('/v1/therapy/logs')
        .send({ ...log, mode: 3, treatmentTime: -1, loggedAt: '2025-04-11 15:58' });
      problem(res, 400, 'VALIDATION_FAILED');
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
        'loggedAt',
        'mode',
        'treatmentTime',
      ]);
      expect(stack.nueyne.faults.count(route.devlog)).toBe(0);
    });

    it('GET lists a month (path yyyy-mm) and defaults to the current month', async () => {
      const res = await as(demo).get('/v1/therapy/logs?month=2025-04');
      expect(res.status).toBe(200);
      expect(received(route.month).path).toBe('/api/v1/legacy/device/my-devlog/2025-04');
      expect(res.body).toEqual([
        expect.objectContaining({
          id: expect.any(Number),
          loggedAt: '2025-04-11T06:58:00Z',
          finishFlag: 4,
          finishReason: 'faulty_contact',
          registeredAt: expect.stringMatching(ISO_Z),
        }),
      ]);
      stack.nueyne.faults.resetCalls();
      const now = new Date();
      const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
      const current = await as(demo).get('/v1/therapy/logs');
      expect(current.status).toBe(200);
      expect(received(route.month).path).toBe(`/api/v1/legacy/device/my-devlog/${month}`);
      expect(current.body.length).toBeGreaterThanOrEqual(3);
      for (const item of current.body as { finishFlag: number; finishReason: string }[]) {
        expect(typeof item.finishReason).toBe('string');
      }
    });

    it('GET: 502 THERAPY_LOG_READ_FAILED, 400 for a bad month', async () => {
      const broken = (await stack.login('legacy', 'broken@junction.dev')).accessToken;
      problem(
        await as(broken).get('/v1/therapy/logs?month=2025-04'),
        502,
        'THERAPY_LOG_READ_FAILED',
        'Read Device Log Failed',
      );
      problem(await as(demo).get('/v1/therapy/logs?month=2025-13'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('POST /v1/therapy/live-sessions', () => {
    const session = {
      userId: 1,
      modelId: 2,
      deviceId: 1,
      uniqueId: '270038000C50524833343720',
      startedAt: '2025-04-14T03:53:49.261Z',
    };

    it('records the start with finish_flag 0 and last_date ""', async () => {
      const res = await as(demo).post('/v1/therapy/live-sessions').send(session);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...session,
        finishFlag: 0,
        finishReason: 'in_progress',
        endedAt: null,
      });
      expect(received(route.temp).body).toEqual({
        user_id: 1,
        model_id: 2,
        device_id: 1,
        unique_id: '270038000C50524833343720',
        finish_flag: 0,
        start_date: '2025-04-14T03:53:49.261Z',
        last_date: '',
      });
    });

    it('records the finish with last_date and its finish_flag', async () => {
      const res = await as(demo)
        .post('/v1/therapy/live-sessions')
        .send({ ...session, endedAt: '2025-04-14T13:53:49.261+09:00', finishFlag: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...session,
        finishFlag: 1,
        finishReason: 'normal',
        endedAt: '2025-04-14T04:53:49.261Z',
      });
      expect(received(route.temp).body).toMatchObject({
        finish_flag: 1,
        last_date: '2025-04-14T04:53:49.261Z',
      });
      const records = stack.nueyne.state.legacy.tempLogs.filter((t) => t.device_id === 1);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ finish_flag: 1 });
    });

    it('"endedAt": null records the start, as an absent endedAt does (the answer says null too)', async () => {
      const res = await as(demo)
        .post('/v1/therapy/live-sessions')
        .send({ ...session, endedAt: null });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ finishFlag: 0, finishReason: 'in_progress', endedAt: null });
      expect(received(route.temp).body).toMatchObject({ finish_flag: 0, last_date: '' });
    });

    it('"finishFlag": null is a 400 naming it', async () => {
      const res = await as(demo)
        .post('/v1/therapy/live-sessions')
        .send({ ...session, endedAt: '2025-04-14T04:53:49.261Z', finishFlag: null });
      problem(res, 400, 'VALIDATION_FAILED');
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([
        'finishFlag',
      ]);
      expect(stack.nueyne.faults.count(route.temp)).toBe(0);
    });

    it('an unknown deviceId is 400 THERAPY_LOG_SAVE_FAILED naming it; a finish without finishFlag is refused locally', async () => {
      const refused = await as(demo)
        .post('/v1/therapy/live-sessions')
        .send({ ...session, deviceId: 999 });
      problem(refused, 400, 'THERAPY_LOG_SAVE_FAILED', 'Internal server error');
      expect(refused.body.errors).toEqual([{ field: 'deviceId', message: expect.any(String) }]);
      stack.nueyne.faults.resetCalls();
      const res = await as(demo)
        .post('/v1/therapy/live-sessions')
        .send({ ...session, endedAt: '2025-04-14T04:53:49.261Z' });
      problem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors[0].field).toBe('finishFlag');
      expect(stack.nueyne.faults.count(route.temp)).toBe(0);
    });
  });

  describe('a vendor refusing the input is no upstream fault', () => {
    const log = {
      userId: 1,
      modelId: 2,
      deviceId: 999,
      firmwareVersion: 22.5,
      loggedAt: '2025-04-11T15:58:00+09:00',
      mode: 1,
      finishFlag: 4,
      lastIntensity: 161.0,
      treatmentTime: 1200,
      eventNum: 2,
      logData: '06008101f793466e1100800cb0043304',
    };
    const session = {
      userId: 1,
      modelId: 2,
      deviceId: 999,
      uniqueId: '270038000C50524833343720',
      startedAt: '2025-04-14T03:53:49.261Z',
    };

    it('twelve logs and sessions of unknown devices leave the account and everyone else served', async () => {
      const own = (await stack.login('legacy', 'demo2@junction.dev')).accessToken;
      // More than the breaker threshold (5) of the account's own circuit and of the shared one.
      for (let i = 0; i < 6; i++) {
        problem(await as(own).post('/v1/therapy/logs').send(log), 400, 'THERAPY_LOG_SAVE_FAILED');
        problem(
          await as(own).post('/v1/therapy/live-sessions').send(session),
          400,
          'THERAPY_LOG_SAVE_FAILED',
        );
      }
      expect(
        (await as(own).get(`/v1/therapy/devices/check?uniqueId=${FREE.uniqueId}`)).status,
      ).toBe(200);
      expect((await as(own).get('/v1/therapy/logs?month=2025-04')).status).toBe(200);
      expect((await as(demo).get('/v1/therapy/logs?month=2025-04')).status).toBe(200);
      const ready = await request(stack.http).get('/health/ready');
      expect(ready.body.upstreams.nueyne).toMatchObject({ breaker: 'closed' });
      expect(ready.body.upstreams.nueyne.state).not.toBe('failing');
    });
  });

  describe('common upstream errors', () => {
    it.each([
      [500, 'Internal server error. Please try again later.', 502, 'UPSTREAM_ERROR'],
      [404, 'Resource not found', 502, 'UPSTREAM_ERROR'],
      [401, 'Could not validate credentials', 401, 'UPSTREAM_LOGIN_REQUIRED'],
    ])('%i "%s" -> %i %s', async (status, detail, publicStatus, code) => {
      fault(route.check, status, detail);
      problem(
        await as(demo).get(`/v1/therapy/devices/check?uniqueId=${FREE.uniqueId}`),
        publicStatus,
        code,
        detail,
      );
    });

    it('FastAPI 422 -> 400 UPSTREAM_REJECTED_REQUEST', async () => {
      fault(route.devlog, 422, [
        { type: 'missing', loc: ['body', 'log_data'], msg: 'Field required' },
      ]);
      const res = await as(demo).post('/v1/therapy/logs').send({
        userId: 1,
        modelId: 2,
        deviceId: 1,
        firmwareVersion: 22,
        loggedAt: '2025-04-11T15:58:00Z',
        mode: 0,
        finishFlag: 1,
        lastIntensity: 1,
        treatmentTime: 1,
        eventNum: 0,
        logData: 'x',
      });
      problem(res, 400, 'UPSTREAM_REJECTED_REQUEST');
      // FastAPI's own issue list stays in the log.
      expect(res.body.upstream).toEqual({ name: 'nueyne', status: 422 });
    });

    it('after Nueyne forgets the sign-in: 401 UPSTREAM_LOGIN_REQUIRED', async () => {
      stack.nueyne.reset();
      problem(
        await as(demo).get('/v1/therapy/devices/2/last-used'),
        401,
        'UPSTREAM_LOGIN_REQUIRED',
      );
    });
  });
});
