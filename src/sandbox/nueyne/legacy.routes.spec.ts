import { createNueyneSimulator, type NueyneSimulator } from './nueyne.simulator';
import { call, expectError, signIn } from './nueyne.testing';

// 2025-04-20 12:00 UTC: the demo logs fall in 2025-03 and 2025-04, the seed page's months.
const T0 = Date.UTC(2025, 3, 20, 12, 0, 0);
const DEVICE = '/api/v1/legacy/device';

describe('Nueyne simulator: Elexir Legacy device API (seed page 000)', () => {
  let sim: NueyneSimulator;
  let token: string;

  beforeEach(async () => {
    sim = createNueyneSimulator({ now: () => T0 });
    token = (await signIn(sim, 'legacy', 'demo@junction.dev')).access_token;
  });

  afterEach(async () => {
    await sim.app.close();
  });

  const tokenOf = (email: string) => sim.issueAccessToken('legacy', email);

  describe('GET /api/v1/legacy/device/my-devices', () => {
    it('lists the user’s devices in the documented shape', async () => {
      const response = await call(sim, 'GET', `${DEVICE}/my-devices`, { token });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual([
        {
          id: 1,
          serialcode: 'SL20301001',
          user_id: 1,
          model_id: 2,
          mac_id: '2023-06-29 15:07:25',
          unique_id: '270038000C50524833343720',
          modelname: 'ELEXIR',
          regdate: '2023-06-01T00:00:00',
        },
        expect.objectContaining({ id: 2, user_id: 1, unique_id: '3A0024000C50524833343721' }),
      ]);
    });

    it('500 Internal Server Error when a device row cannot be read', async () => {
      const response = await call(sim, 'GET', `${DEVICE}/my-devices`, {
        token: tokenOf('broken@junction.dev'),
      });
      expectError(response, 500, 'Internal Server Error');
    });
  });

  describe('GET /api/v1/legacy/device/check-device', () => {
    it('answers the device, upper-casing unique_id (seed example query)', async () => {
      const response = await call(sim, 'GET', `${DEVICE}/check-device?unique_id=test1`, { token });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        serial_code: 'test1',
        user_id: null,
        mac_id: null,
        model_id: 2,
        unique_id: 'TEST1',
        id: 8,
        regdate: '2023-06-29T15:07:25',
      });
    });

    it('answers 200 for a device already connected to the caller', async () => {
      const response = await call(
        sim,
        'GET',
        `${DEVICE}/check-device?unique_id=270038000c50524833343720`,
        {
          token,
        },
      );
      expect(response.json()).toMatchObject({ id: 1, user_id: 1 });
    });

    it.each([
      ['5C0027000C50524833343725', 400, 'This device is not registered'],
      ['6D0015000C50524833343726', 400, 'Device Connection Failed'],
      ['FFFF00000000000000000000', 404, 'Not Found Device'],
      ['1f0042000c50524833343722', 409, 'Already Connected Device'],
    ])('unique_id=%s -> %i %s', async (uniqueId, status, detail) => {
      const response = await call(sim, 'GET', `${DEVICE}/check-device?unique_id=${uniqueId}`, {
        token,
      });
      expectError(response, status, detail);
    });

    it('422 for a missing unique_id', async () => {
      const response = await call(sim, 'GET', `${DEVICE}/check-device`, { token });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toEqual({
        detail: [
          { type: 'missing', loc: ['query', 'unique_id'], msg: 'Field required', input: null },
        ],
      });
    });
  });

  describe('POST /api/v1/legacy/device/set-my-device (query parameters)', () => {
    it('the seed example’s unique_id=1 matches no device: 404 Not Found Device', async () => {
      const response = await call(
        sim,
        'POST',
        `${DEVICE}/set-my-device?serial_code=test1&mac_id=test1234&unique_id=1`,
        {
          token,
        },
      );
      expectError(response, 404, 'Not Found Device');
    });

    it('connects the device and answers lowercase `statuscode`', async () => {
      const response = await call(
        sim,
        'POST',
        `${DEVICE}/set-my-device?serial_code=test1&mac_id=test1234&unique_id=test1`,
        {
          token,
        },
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ statuscode: 200, message: 'device connected' });
      expect(sim.deviceByUniqueId('TEST1')).toMatchObject({ user_id: 1, mac_id: 'test1234' });
      const devices = await call(sim, 'GET', `${DEVICE}/my-devices`, { token });
      expect(devices.json().map((device: { id: number }) => device.id)).toEqual([1, 2, 8]);
    });

    it('makes the second user’s device answer 409 Already Connected Device to the first', async () => {
      const response = await call(
        sim,
        'POST',
        `${DEVICE}/set-my-device?serial_code=SL20301003&unique_id=1f0042000c50524833343722`,
        { token },
      );
      expectError(response, 409, 'Already Connected Device');
    });

    it('404 Serial code is not valid, 400 Device Connection Failed', async () => {
      expectError(
        await call(
          sim,
          'POST',
          `${DEVICE}/set-my-device?serial_code=SL20309999&unique_id=2E0031000C50524833343723`,
          {
            token,
          },
        ),
        404,
        'Serial code is not valid',
      );
      expectError(
        await call(
          sim,
          'POST',
          `${DEVICE}/set-my-device?serial_code=SL20301007&unique_id=6D0015000C50524833343726`,
          {
            token,
          },
        ),
        400,
        'Device Connection Failed',
      );
    });

    it('422 lists the missing query parameters', async () => {
      const response = await call(sim, 'POST', `${DEVICE}/set-my-device?mac_id=AA`, { token });
      expect(response.json()).toEqual({
        detail: [
          { type: 'missing', loc: ['query', 'serial_code'], msg: 'Field required', input: null },
          { type: 'missing', loc: ['query', 'unique_id'], msg: 'Field required', input: null },
        ],
      });
    });
  });

  describe('PATCH /api/v1/legacy/device/un-connect (query parameter)', () => {
    it('the seed example’s /addnox/ path is not a route', async () => {
      const response = await call(
        sim,
        'PATCH',
        '/api/v1/addnox/device/un-connect?unique_id=test1',
        { token },
      );
      expectError(response, 404, 'Resource not found');
    });

    it('disconnects, upper-casing unique_id, then 404 Not Found Device', async () => {
      const response = await call(
        sim,
        'PATCH',
        `${DEVICE}/un-connect?unique_id=270038000c50524833343720`,
        { token },
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ statusCode: 200, message: 'device unconnected' });
      expect(sim.deviceByUniqueId('270038000C50524833343720')!.user_id).toBeNull();
      expectError(
        await call(sim, 'PATCH', `${DEVICE}/un-connect?unique_id=270038000C50524833343720`, {
          token,
        }),
        404,
        'Not Found Device',
      );
    });

    it('404 Not Found Device for another user’s device, 400 Device unconnect failed', async () => {
      expectError(
        await call(sim, 'PATCH', `${DEVICE}/un-connect?unique_id=1F0042000C50524833343722`, {
          token,
        }),
        404,
        'Not Found Device',
      );
      expectError(
        await call(sim, 'PATCH', `${DEVICE}/un-connect?unique_id=7E0008000C50524833343727`, {
          token: tokenOf('broken@junction.dev'),
        }),
        400,
        'Device unconnect failed',
      );
    });
  });

  describe('POST /api/v1/legacy/device/devlog', () => {
    const example = {
      user_id: 0,
      model_id: 0,
      device_id: 0,
      fversion: 0,
      logdate: '2025-04-14T02:09:21.380Z',
      mode: 0,
      finish_flag: 0,
      last_intensity: 0,
      treatment_time: 0,
      event_num: 0,
      log_data: 'string',
    };

    it('the seed example’s device_id 0 has no device row: 500 Internal server error', async () => {
      const response = await call(sim, 'POST', `${DEVICE}/devlog`, { token, json: example });
      expectError(response, 500, 'Internal server error');
    });

    it('stores the log and echoes it as pydantic serialises it', async () => {
      const body = {
        ...example,
        user_id: 1,
        model_id: 2,
        device_id: 1,
        fversion: 22.0,
        mode: 1,
        finish_flag: 1,
      };
      const response = await call(sim, 'POST', `${DEVICE}/devlog`, { token, json: body });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ...body, logdate: '2025-04-14T02:09:21.380000Z' });
      const month = await call(sim, 'GET', `${DEVICE}/my-devlog/2025-04`, { token });
      expect(month.json()).toContainEqual({
        ...body,
        logdate: '2025-04-14T02:09:21',
        id: 8,
        regdate: '2025-04-20T12:00:00',
      });
    });

    it('422 for wrong types', async () => {
      const response = await call(sim, 'POST', `${DEVICE}/devlog`, {
        token,
        json: { ...example, fversion: 'v22', logdate: '', mode: 1.5 },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().detail).toEqual([
        {
          type: 'float_parsing',
          loc: ['body', 'fversion'],
          msg: 'Input should be a valid number, unable to parse string as a number',
          input: 'v22',
        },
        {
          type: 'datetime_from_date_parsing',
          loc: ['body', 'logdate'],
          msg: 'Input should be a valid datetime or date, input is too short',
          input: '',
        },
        {
          type: 'int_from_float',
          loc: ['body', 'mode'],
          msg: 'Input should be a valid integer, got a number with a fractional part',
          input: 1.5,
        },
      ]);
    });
  });

  describe('POST /api/v1/elexir/device/devlog/temp', () => {
    const start = {
      user_id: 0,
      model_id: 0,
      device_id: 0,
      unique_id: 'string',
      finish_flag: 0,
      start_date: '2025-04-14T03:53:49.261Z',
      last_date: '',
    };
    const TEMP = '/api/v1/elexir/device/devlog/temp';

    it('the seed example’s /addnox/ path is not a route, and device_id 0 is a 500', async () => {
      expectError(
        await call(sim, 'POST', '/api/v1/addnox/device/devlog/temp', { token, json: start }),
        404,
        'Resource not found',
      );
      expectError(
        await call(sim, 'POST', TEMP, { token, json: start }),
        500,
        'Internal server error',
      );
    });

    it('stores the start and then the finish of a session', async () => {
      const begin = {
        ...start,
        user_id: 1,
        model_id: 2,
        device_id: 1,
        unique_id: '270038000C50524833343720',
      };
      const started = await call(sim, 'POST', TEMP, { token, json: begin });
      expect(started.statusCode).toBe(200);
      expect(started.json()).toEqual({ ...begin, start_date: '2025-04-14T03:53:49.261000Z' });
      const finish = { ...begin, finish_flag: 1, last_date: '2025-04-14T04:53:49.261Z' };
      const finished = await call(sim, 'POST', TEMP, { token, json: finish });
      expect(finished.json()).toEqual({ ...finish, start_date: '2025-04-14T03:53:49.261000Z' });
      expect(sim.state.legacy.tempLogs).toHaveLength(1);
      expect(sim.state.legacy.tempLogs[0]).toMatchObject({
        finish_flag: 1,
        last_date: '2025-04-14T04:53:49.261Z',
      });
    });
  });

  describe('GET /api/v1/legacy/device/devlog/lasttime/{device_id}', () => {
    it('answers a bare JSON string (seed example path)', async () => {
      const response = await call(sim, 'GET', `${DEVICE}/devlog/lasttime/1`, { token });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toMatch(/^"2025-04-\d{2} \d{2}:\d{2}:00"$/);
      const latest = sim.state.legacy.devlogs
        .filter((log) => log.device_id === 1)
        .map((log) => log.logdate)
        .sort()
        .pop()!;
      expect(response.json()).toBe(latest.replace('T', ' '));
    });

    it('404 No Content for a device without logs, 422 for a non-integer id', async () => {
      expectError(
        await call(sim, 'GET', `${DEVICE}/devlog/lasttime/3`, { token }),
        404,
        'No Content',
      );
      const response = await call(sim, 'GET', `${DEVICE}/devlog/lasttime/one`, { token });
      expect(response.statusCode).toBe(422);
      expect(response.json().detail[0]).toMatchObject({
        type: 'int_parsing',
        loc: ['path', 'device_id'],
      });
    });
  });

  describe('GET /api/v1/legacy/device/my-devlog/{year-month}', () => {
    it('lists the month’s logs, newest first (seed example path)', async () => {
      const response = await call(sim, 'GET', `${DEVICE}/my-devlog/2025-04`, { token });
      expect(response.statusCode).toBe(200);
      const logs = response.json();
      expect(logs).toHaveLength(3);
      expect(Object.keys(logs[0])).toEqual([
        'user_id',
        'model_id',
        'device_id',
        'fversion',
        'logdate',
        'mode',
        'finish_flag',
        'last_intensity',
        'treatment_time',
        'event_num',
        'log_data',
        'id',
        'regdate',
      ]);
      for (const log of logs) expect(log.logdate).toMatch(/^2025-04-\d{2}T\d{2}:\d{2}:\d{2}$/);
      const dates = logs.map((log: { logdate: string }) => log.logdate);
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('lists the previous month and nothing for an empty one', async () => {
      expect(
        (await call(sim, 'GET', `${DEVICE}/my-devlog/2025-03`, { token })).json(),
      ).toHaveLength(4);
      expect((await call(sim, 'GET', `${DEVICE}/my-devlog/2024-12`, { token })).json()).toEqual([]);
    });

    it('400 Read Device Log Failed for a malformed month or an unreadable account', async () => {
      expectError(
        await call(sim, 'GET', `${DEVICE}/my-devlog/2025-13`, { token }),
        400,
        'Read Device Log Failed',
      );
      expectError(
        await call(sim, 'GET', `${DEVICE}/my-devlog/april`, { token }),
        400,
        'Read Device Log Failed',
      );
      expectError(
        await call(sim, 'GET', `${DEVICE}/my-devlog/2025-04`, {
          token: tokenOf('broken@junction.dev'),
        }),
        400,
        'Read Device Log Failed',
      );
    });
  });
});
