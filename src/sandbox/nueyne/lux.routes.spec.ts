import { createNueyneSimulator, type NueyneSimulator } from './nueyne.simulator';
import { call, expectError, signIn, signInRequest } from './nueyne.testing';

const T0 = Date.UTC(2025, 5, 9, 5, 8, 0);
const USER = '/api/v1/lux/user';

describe('Nueyne simulator: Lux user API (seed page 001)', () => {
  let sim: NueyneSimulator;
  let token: string;

  beforeEach(async () => {
    sim = createNueyneSimulator({ now: () => T0 });
    token = (await signIn(sim, 'lux', 'demo@junction.dev')).access_token;
  });

  afterEach(async () => {
    await sim.app.close();
  });

  const tokenOf = (email: string) => sim.issueAccessToken('lux', email);

  describe('GET /api/v1/lux/user/me', () => {
    it('answers the profile with the documented fields', async () => {
      const response = await call(sim, 'GET', `${USER}/me`, { token });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        root_user_id: 1,
        first_name: 'Jiwoo',
        last_name: 'Kim',
        birthdate: '19880315',
        gender: 'F',
        phone: '+821012345678',
        is_phone_number_checked: true,
        register_type: 'E',
        national_code: 'KR',
        need_personal_info_update: false,
        need_to_pwd_change: false,
        is_device_muted: false,
        is_device_alim_talk_enabled: true,
        is_basestation_alert_enabled: true,
      });
    });

    it('says need_to_pwd_change after 90 days without a password change', async () => {
      const response = await call(sim, 'GET', `${USER}/me`, {
        token: tokenOf('fresh@junction.dev'),
      });
      expect(response.json()).toMatchObject({
        need_to_pwd_change: true,
        need_personal_info_update: true,
      });
    });

    it('401 User is None / User is Deleted', async () => {
      expectError(
        await call(sim, 'GET', `${USER}/me`, { token: tokenOf('ghost@junction.dev') }),
        401,
        'User is None',
      );
      expectError(
        await call(sim, 'GET', `${USER}/me`, { token: tokenOf('deleted@junction.dev') }),
        401,
        'User is Deleted',
      );
    });
  });

  describe('PATCH /api/v1/lux/user/root-user', () => {
    const example = { first_name: 'james', last_name: 'kim', birthdate: '19970101', gender: 'M' };

    it('updates the profile (seed example)', async () => {
      const response = await call(sim, 'PATCH', `${USER}/root-user`, { token, json: example });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        id: 1,
        ...example,
        phone: '+821012345678',
        is_phone_number_checked: true,
        register_type: 'E',
      });
      const me = await call(sim, 'GET', `${USER}/me`, { token });
      expect(me.json()).toMatchObject({ first_name: 'james', birthdate: '19970101' });
    });

    it('keeps fields that are absent or null', async () => {
      const response = await call(sim, 'PATCH', `${USER}/root-user`, {
        token,
        json: { first_name: 'Jiyoung', gender: null },
      });
      expect(response.json()).toMatchObject({
        first_name: 'Jiyoung',
        last_name: 'Kim',
        gender: 'F',
      });
    });

    it('401 User is None / User is Deleted', async () => {
      const patch = (email: string) =>
        call(sim, 'PATCH', `${USER}/root-user`, { token: tokenOf(email), json: example });
      expectError(await patch('ghost@junction.dev'), 401, 'User is None');
      expectError(await patch('deleted@junction.dev'), 401, 'User is Deleted');
    });

    it('422 for a wrongly typed field', async () => {
      const response = await call(sim, 'PATCH', `${USER}/root-user`, {
        token,
        json: { birthdate: 19970101 },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toEqual({
        detail: [
          {
            type: 'string_type',
            loc: ['body', 'birthdate'],
            msg: 'Input should be a valid string',
            input: 19970101,
          },
        ],
      });
    });
  });

  describe('PATCH /api/v1/lux/user/policy', () => {
    it('updates the policy (seed example)', async () => {
      const response = await call(sim, 'PATCH', `${USER}/policy`, {
        token,
        json: { is_push_agree: true, is_marketing_agree: true },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        is_push_agree: true,
        is_marketing_agree: true,
        push_agree_date: '2025-06-09T05:08:00',
        marketing_agree_date: '2025-06-09T05:08:00',
      });
    });

    it('404 User not found, 404 User policy not found, 409 User policy update failed', async () => {
      const patch = (email: string) =>
        call(sim, 'PATCH', `${USER}/policy`, {
          token: tokenOf(email),
          json: { is_push_agree: true },
        });
      expectError(await patch('ghost@junction.dev'), 404, 'User not found');
      expectError(await patch('broken@junction.dev'), 404, 'User policy not found');
      expectError(await patch('fresh@junction.dev'), 409, 'User policy update failed');
    });

    it('422 bool_parsing for a word that is not a boolean', async () => {
      const response = await call(sim, 'PATCH', `${USER}/policy`, {
        token,
        json: { is_push_agree: 'maybe' },
      });
      expect(response.json()).toEqual({
        detail: [
          {
            type: 'bool_parsing',
            loc: ['body', 'is_push_agree'],
            msg: 'Input should be a valid boolean, unable to interpret input',
            input: 'maybe',
          },
        ],
      });
    });
  });

  describe('POST /api/v1/lux/user/push/set-token', () => {
    const fcm = 'dQw4w9WgXcQ:APA91bGx7v2YgH3kL0pQ9rT5sU8wZ1aB4cD6eF7gH8iJ9kL0mN1oP2qR3sT4uV5wX6yZ';

    it('stores the token and answers a JSON string', async () => {
      const response = await call(sim, 'POST', `${USER}/push/set-token`, {
        token,
        json: { token: fcm },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toBe(fcm);
      expect(sim.state.lux.users[0].push_token).toBe(fcm);
    });

    it('lets a user without a push token set one, after which the policy updates', async () => {
      const fresh = tokenOf('fresh@junction.dev');
      expect(
        (await call(sim, 'POST', `${USER}/push/set-token`, { token: fresh, json: { token: fcm } }))
          .statusCode,
      ).toBe(200);
      const policy = await call(sim, 'PATCH', `${USER}/policy`, {
        token: fresh,
        json: { is_marketing_agree: true },
      });
      expect(policy.statusCode).toBe(200);
    });

    it('400 Push permisson denied once push is refused', async () => {
      await call(sim, 'PATCH', `${USER}/policy`, { token, json: { is_push_agree: false } });
      const response = await call(sim, 'POST', `${USER}/push/set-token`, {
        token,
        json: { token: fcm },
      });
      expectError(response, 400, 'Push permisson denied');
    });

    it('409 User push token update failed for a malformed token', async () => {
      const response = await call(sim, 'POST', `${USER}/push/set-token`, {
        token,
        json: { token: 'not a token' },
      });
      expectError(response, 409, 'User push token update failed');
    });

    it('422 for the seed example body, which is not JSON (`"token": string`)', async () => {
      const response = await call(sim, 'POST', `${USER}/push/set-token`, {
        token,
        raw: '{\n  "token": string\n}',
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body', 13] });
    });
  });

  describe('POST /api/v1/lux/user/create-real-user', () => {
    const example = {
      first_name: 'test',
      last_name: '',
      birthdate: '19970101',
      gender: 'F',
      serial_code: 'SL20401000',
      mac_id: '41AD',
      unique_id: 'unique',
    };

    it('creates the member and registers the device (seed example)', async () => {
      const response = await call(sim, 'POST', `${USER}/create-real-user`, {
        token,
        json: example,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        real_user_id: 4,
        first_name: 'test',
        last_name: '',
        birthdate: '19970101',
        gender: 'F',
        device_id: 3,
        now_firmware_id: 3,
        unique_id: 'unique',
        serial_code: 'SL20401000',
        device_alias: 'LUX-41AD',
        last_log_file_id: 0,
        created_at: '2025-06-09T05:08:00',
      });
      expect(sim.luxDeviceByUniqueId('unique')).toMatchObject({ real_user_id: 4, mac_id: '41AD' });
      const member = await call(sim, 'GET', `${USER}/real-user/4`, { token });
      expect(member.json()).toMatchObject({ id: 4, root_user_id: 1 });
    });

    it('401 Not authorized user for a token without a live user', async () => {
      const response = await call(sim, 'POST', `${USER}/create-real-user`, {
        token: tokenOf('ghost@junction.dev'),
        json: example,
      });
      expectError(response, 401, 'Not authorized user');
    });

    it('404 Not Found Device, 400 Serial code is not valid, 409 Already Connected Device', async () => {
      const create = (overrides: Record<string, string>) =>
        call(sim, 'POST', `${USER}/create-real-user`, {
          token,
          json: { ...example, ...overrides },
        });
      expectError(await create({ unique_id: 'UNIQUE' }), 404, 'Not Found Device');
      expectError(await create({ serial_code: 'SL20409999' }), 400, 'Serial code is not valid');
      expectError(
        await create({ unique_id: '3100470012504B5836373620', serial_code: 'SL20401001' }),
        409,
        'Already Connected Device',
      );
    });

    it('409 Real user create failed for a malformed birthdate or gender, or a broken account', async () => {
      const create = (overrides: Record<string, string>, as = token) =>
        call(sim, 'POST', `${USER}/create-real-user`, {
          token: as,
          json: { ...example, ...overrides },
        });
      expectError(await create({ birthdate: '1997-01-01' }), 409, 'Real user create failed');
      expectError(await create({ gender: 'female' }), 409, 'Real user create failed');
      expectError(await create({}, tokenOf('broken@junction.dev')), 409, 'Real user create failed');
    });

    it('422 lists every missing field', async () => {
      const response = await call(sim, 'POST', `${USER}/create-real-user`, {
        token,
        json: { first_name: 'test', birthdate: '19970101' },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().detail).toEqual(
        ['last_name', 'gender', 'serial_code', 'mac_id', 'unique_id'].map((field) => ({
          type: 'missing',
          loc: ['body', field],
          msg: 'Field required',
          input: { first_name: 'test', birthdate: '19970101' },
        })),
      );
    });
  });

  describe('GET /api/v1/lux/user/real-user/{real_user_id}', () => {
    it('answers the member (seed example path)', async () => {
      const response = await call(sim, 'GET', '/api/v1/lux/user/real-user/1', { token });
      expect(response.json()).toEqual({
        id: 1,
        root_user_id: 1,
        first_name: 'Minji',
        last_name: 'Kim',
        birthdate: '20150312',
        gender: 'F',
      });
    });

    it('401 Not authorized user for another root user’s member, 404 Real user is not found', async () => {
      expectError(
        await call(sim, 'GET', `${USER}/real-user/3`, { token }),
        401,
        'Not authorized user',
      );
      expectError(
        await call(sim, 'GET', `${USER}/real-user/99`, { token }),
        404,
        'Real user is not found',
      );
    });

    it('422 int_parsing for a non-integer id', async () => {
      const response = await call(sim, 'GET', `${USER}/real-user/first`, { token });
      expect(response.json()).toEqual({
        detail: [
          {
            type: 'int_parsing',
            loc: ['path', 'real_user_id'],
            msg: 'Input should be a valid integer, unable to parse string as an integer',
            input: 'first',
          },
        ],
      });
    });
  });

  describe('PATCH /api/v1/lux/user/update-real-user', () => {
    const example = {
      id: 1,
      first_name: 'tester',
      last_name: 'john',
      birthdate: '20010608',
      gender: 'P',
    };

    it('updates the member (seed example body on the documented path)', async () => {
      const response = await call(sim, 'PATCH', `${USER}/update-real-user`, {
        token,
        json: example,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ...example, root_user_id: 1 });
    });

    it('the seed example’s own path (PATCH /real-user/1) is not a route: 405', async () => {
      const response = await call(sim, 'PATCH', '/api/v1/lux/user/real-user/1', {
        token,
        json: example,
      });
      expect(response.statusCode).toBe(405);
    });

    it('401 Not authorized user, 404 Real user is not found, 401 User is None', async () => {
      const patch = (id: number, as = token) =>
        call(sim, 'PATCH', `${USER}/update-real-user`, { token: as, json: { ...example, id } });
      expectError(await patch(3), 401, 'Not authorized user');
      expectError(await patch(99), 404, 'Real user is not found');
      expectError(await patch(1, tokenOf('ghost@junction.dev')), 401, 'User is None');
    });

    it('422 for a missing id', async () => {
      const withoutId: Partial<typeof example> = { ...example };
      delete withoutId.id;
      const response = await call(sim, 'PATCH', `${USER}/update-real-user`, {
        token,
        json: withoutId,
      });
      expect(response.json().detail).toEqual([
        { type: 'missing', loc: ['body', 'id'], msg: 'Field required', input: withoutId },
      ]);
    });
  });

  describe('POST /api/v1/lux/user/change-phone', () => {
    const change = (json: unknown, as = token) =>
      call(sim, 'POST', `${USER}/change-phone`, { token: as, json });

    it('updates the phone (seed example)', async () => {
      const response = await change({ phone: '+821012345678', validnum: '123456' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ statusCode: 200, message: 'Root user phone updated' });
      await change({ phone: '+821099998888', validnum: '123456' });
      expect((await call(sim, 'GET', `${USER}/me`, { token })).json().phone).toBe('+821099998888');
    });

    it('400 Validation code is expired / invalid', async () => {
      expectError(
        await change({ phone: '+821099998888', validnum: '000000' }),
        400,
        'Validation code is expired',
      );
      expectError(
        await change({ phone: '+821099998888', validnum: '654321' }),
        400,
        'Validation code is invalid',
      );
      expectError(await change({ phone: '+821099998888' }), 400, 'Validation code is invalid');
    });

    it('403 User previously deleted: a deleted user’s phone, or a deleted user', async () => {
      expectError(
        await change({ phone: '+821055550003', validnum: '123456' }),
        403,
        'User previously deleted',
      );
      expectError(
        await change(
          { phone: '+821099998888', validnum: '123456' },
          tokenOf('deleted@junction.dev'),
        ),
        403,
        'User previously deleted',
      );
    });

    it('409 Phone number is already registered', async () => {
      expectError(
        await change({ phone: '+821055550006', validnum: '123456' }),
        409,
        'Phone number is already registered',
      );
    });
  });

  describe('PATCH /api/v1/lux/user/notification', () => {
    it('updates the flags and answers them as 0/1 (seed example)', async () => {
      const body = {
        is_device_muted: 1,
        is_device_alim_talk_enabled: 1,
        is_basestation_alert_enabled: 1,
      };
      const response = await call(sim, 'PATCH', `${USER}/notification`, { token, json: body });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(body);
      const off = await call(sim, 'PATCH', `${USER}/notification`, {
        token,
        json: {
          is_device_muted: false,
          is_device_alim_talk_enabled: false,
          is_basestation_alert_enabled: true,
        },
      });
      expect(off.json()).toEqual({
        is_device_muted: 0,
        is_device_alim_talk_enabled: 0,
        is_basestation_alert_enabled: 1,
      });
      expect((await call(sim, 'GET', `${USER}/me`, { token })).json()).toMatchObject({
        is_device_muted: false,
        is_basestation_alert_enabled: true,
      });
    });

    it('404 User not found, 409 User notification update failed', async () => {
      const body = {
        is_device_muted: true,
        is_device_alim_talk_enabled: true,
        is_basestation_alert_enabled: true,
      };
      const patch = (email: string) =>
        call(sim, 'PATCH', `${USER}/notification`, { token: tokenOf(email), json: body });
      expectError(await patch('ghost@junction.dev'), 404, 'User not found');
      expectError(await patch('broken@junction.dev'), 409, 'User notification update failed');
    });

    it('422 for a missing flag and a non-boolean', async () => {
      const response = await call(sim, 'PATCH', `${USER}/notification`, {
        token,
        json: { is_device_muted: 2, is_device_alim_talk_enabled: true },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().detail).toEqual([
        {
          type: 'bool_parsing',
          loc: ['body', 'is_device_muted'],
          msg: 'Input should be a valid boolean, unable to interpret input',
          input: 2,
        },
        {
          type: 'missing',
          loc: ['body', 'is_basestation_alert_enabled'],
          msg: 'Field required',
          input: { is_device_muted: 2, is_device_alim_talk_enabled: true },
        },
      ]);
    });
  });

  describe('DELETE /api/v1/lux/user/delete-real-user', () => {
    const remove = (json: unknown, as = token) =>
      call(sim, 'DELETE', `${USER}/delete-real-user`, { token: as, json });

    it('the seed example body (trailing comma) is not JSON: 422 json_invalid', async () => {
      const response = await call(sim, 'DELETE', `${USER}/delete-real-user`, {
        token,
        raw: '{\n  "real_user_id": 1,\n  "unique_id": "string",\n}',
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().detail[0].type).toBe('json_invalid');
    });

    it('deletes the member and frees its device (JSON body on DELETE)', async () => {
      const response = await remove({ real_user_id: 1, unique_id: '3100470012504B5836373620' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        statusCode: 200,
        message: 'Real user deleted successfully',
      });
      expect(sim.luxDeviceByUniqueId('3100470012504B5836373620')!.real_user_id).toBeNull();
      expectError(
        await call(sim, 'GET', `${USER}/real-user/1`, { token }),
        404,
        'Real user is not found',
      );
    });

    it('401 Not authorized user, 404 Real user is not found, 409 Real user delete failed', async () => {
      expectError(
        await remove({ real_user_id: 3, unique_id: '3100470012504B5836373624' }),
        401,
        'Not authorized user',
      );
      expectError(
        await remove({ real_user_id: 99, unique_id: 'string' }),
        404,
        'Real user is not found',
      );
      // The seed example's unique_id is not the member's device.
      expectError(
        await remove({ real_user_id: 1, unique_id: 'string' }),
        409,
        'Real user delete failed',
      );
    });

    it('422 without a body', async () => {
      const response = await call(sim, 'DELETE', `${USER}/delete-real-user`, { token });
      expect(response.json()).toEqual({
        detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }],
      });
    });
  });

  describe('DELETE /api/v1/lux/user/root-user', () => {
    it('deletes the account: later sign-in is 410, the token sees User is Deleted', async () => {
      const tokens = await signIn(sim, 'lux', 'demo@junction.dev');
      const response = await call(sim, 'DELETE', `${USER}/root-user`, { token });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ statusCode: 200, message: 'Root user deleted' });
      expectError(await signInRequest(sim, 'lux', 'demo@junction.dev'), 410, 'User is Deleted');
      expectError(await call(sim, 'GET', `${USER}/me`, { token }), 401, 'User is Deleted');
      const refresh = await call(sim, 'POST', '/api/v1/lux/auth/refresh-token', {
        json: { refresh_token: tokens.refresh_token },
      });
      expectError(refresh, 401, 'Refresh token is not valid');
      expect(sim.luxDeviceByUniqueId('3100470012504B5836373621')!.real_user_id).toBeNull();
    });

    it('404 Sign in type is not found', async () => {
      const response = await call(sim, 'DELETE', `${USER}/root-user`, {
        token: tokenOf('broken@junction.dev'),
      });
      expectError(response, 404, 'Sign in type is not found');
    });
  });
});
