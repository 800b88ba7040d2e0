import request from 'supertest';
import { authed, expectProblem } from './support/http';
import { startStack, TestStack } from './support/stack';

/**
 * /v1/me against the Nueyne simulator: what the gateway sent (method, path, body placement,
 * the Lux bearer token) and what it answered, for every route and each documented error.
 */
describe('Lux user routes (/v1/me)', () => {
  let stack: TestStack;
  let demo: string;

  const LUX = '/api/v1/lux/user';
  const route = {
    me: `GET ${LUX}/me`,
    rootPatch: `PATCH ${LUX}/root-user`,
    rootDelete: `DELETE ${LUX}/root-user`,
    policy: `PATCH ${LUX}/policy`,
    push: `POST ${LUX}/push/set-token`,
    notification: `PATCH ${LUX}/notification`,
    phone: `POST ${LUX}/change-phone`,
    create: `POST ${LUX}/create-real-user`,
    realUser: `GET ${LUX}/real-user/:real_user_id`,
    update: `PATCH ${LUX}/update-real-user`,
    remove: `DELETE ${LUX}/delete-real-user`,
  };

  beforeAll(async () => {
    stack = await startStack();
    demo = (await stack.login('lux')).accessToken;
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.nueyne.faults.resetCalls());

  const as = (token: string) => authed(stack.http, token);

  /** The one call the simulator received on that route, sent with a Lux access token. */
  const received = (key: string) => {
    const calls = stack.nueyne.faults.recorded(key);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call.headers.authorization).toMatch(/^Bearer lux_at_/);
    return call;
  };

  const problem = expectProblem;

  const fault = (key: string, status: number, detail: unknown) =>
    stack.nueyne.faults.add({ route: key, fail: { count: 1, status, body: { detail } } });

  describe('GET /v1/me', () => {
    it('answers the account, camelCase with ISO birthdate and booleans', async () => {
      const res = await as(demo).get('/v1/me');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        rootUserId: 1,
        firstName: 'Jiwoo',
        lastName: 'Kim',
        birthdate: '1988-03-15',
        gender: 'F',
        phone: '+821012345678',
        isPhoneNumberChecked: true,
        registerType: 'E',
        nationalCode: 'KR',
        needPersonalInfoUpdate: false,
        needToPwdChange: false,
        isDeviceMuted: false,
        isDeviceAlimTalkEnabled: true,
        isBasestationAlertEnabled: true,
      });
      const call = received(route.me);
      expect(call.method).toBe('GET');
      expect(call.path).toBe('/api/v1/lux/user/me');
    });

    it.each([
      [401, 'User is None', 404, 'USER_NOT_FOUND'],
      [401, 'User is Deleted', 410, 'ACCOUNT_DELETED'],
      [401, 'Could not validate credentials', 401, 'UPSTREAM_LOGIN_REQUIRED'],
      [404, 'Resource not found', 502, 'UPSTREAM_ERROR'],
      [500, 'Internal server error. Please try again later.', 502, 'UPSTREAM_ERROR'],
    ])('maps %i "%s" to %i %s', async (status, detail, publicStatus, code) => {
      fault(route.me, status, detail);
      problem(await as(demo).get('/v1/me'), publicStatus, code, detail);
    });

    it('maps FastAPI 422 to 400 UPSTREAM_REJECTED_REQUEST, its issue list left to the log', async () => {
      fault(route.me, 422, [{ type: 'missing', loc: ['query', 'x'], msg: 'Field required' }]);
      const res = await as(demo).get('/v1/me');
      problem(res, 400, 'UPSTREAM_REJECTED_REQUEST');
      expect(res.body.upstream).toEqual({ name: 'nueyne', status: 422 });
    });

    it('needs a gateway token and a linked Lux account', async () => {
      problem(await request(stack.http).get('/v1/me'), 401, 'UNAUTHENTICATED');
      const legacy = (await stack.login('legacy')).accessToken;
      const res = await as(legacy).get('/v1/me');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ACCOUNT_NOT_LINKED');
      expect(stack.nueyne.faults.count(route.me)).toBe(0);
    });
  });

  describe('PATCH /v1/me', () => {
    it('sends snake_case with birthdate as yyyymmdd and answers the stored account', async () => {
      const res = await as(demo)
        .patch('/v1/me')
        .send({ firstName: 'james', lastName: 'kim', birthdate: '1997-01-01', gender: 'M' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: 1,
        firstName: 'james',
        lastName: 'kim',
        birthdate: '1997-01-01',
        gender: 'M',
        phone: '+821012345678',
        isPhoneNumberChecked: true,
        registerType: 'E',
      });
      const call = received(route.rootPatch);
      expect(call.body).toEqual({
        first_name: 'james',
        last_name: 'kim',
        birthdate: '19970101',
        gender: 'M',
      });
      expect(call.headers['content-type']).toMatch(/^application\/json/);
    });

    it('refuses bad and unknown fields before anything goes upstream', async () => {
      const res = await as(demo)
        .patch('/v1/me')
        .send({ birthdate: '19970101', gender: 'X', first_name: 'x' });
      problem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'birthdate',
        'first_name',
        'gender',
      ]);
      expect(res.body.detail).toContain('first_name');
      expect(stack.nueyne.faults.count(route.rootPatch)).toBe(0);
    });

    it.each([
      ['User is None', 404, 'USER_NOT_FOUND'],
      ['User is Deleted', 410, 'ACCOUNT_DELETED'],
    ])('maps 401 "%s" to %i %s', async (detail, status, code) => {
      fault(route.rootPatch, 401, detail);
      problem(await as(demo).patch('/v1/me').send({ gender: 'F' }), status, code, detail);
    });
  });

  describe('PATCH /v1/me/policy', () => {
    it('updates consent and answers ISO timestamps', async () => {
      const res = await as(demo)
        .patch('/v1/me/policy')
        .send({ isPushAgree: true, isMarketingAgree: false });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        isPushAgree: true,
        isMarketingAgree: false,
        pushAgreeDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
        marketingAgreeDate: expect.stringMatching(/Z$/),
      });
      const call = received(route.policy);
      expect(call.method).toBe('PATCH');
      expect(call.body).toEqual({ is_push_agree: true, is_marketing_agree: false });
    });

    it('404 USER_POLICY_NOT_FOUND for an account without a policy', async () => {
      const broken = (await stack.login('lux', 'broken@junction.dev')).accessToken;
      problem(
        await as(broken).patch('/v1/me/policy').send({ isPushAgree: true }),
        404,
        'USER_POLICY_NOT_FOUND',
        'User policy not found',
      );
    });

    it('409 PUSH_TOKEN_MISSING before a push token is set', async () => {
      const fresh = (await stack.login('lux', 'fresh@junction.dev')).accessToken;
      problem(
        await as(fresh).patch('/v1/me/policy').send({ isMarketingAgree: true }),
        409,
        'PUSH_TOKEN_MISSING',
        'User policy update failed',
      );
    });

    it('404 USER_NOT_FOUND when Lux has no such user', async () => {
      fault(route.policy, 404, 'User not found');
      problem(
        await as(demo).patch('/v1/me/policy').send({ isPushAgree: true }),
        404,
        'USER_NOT_FOUND',
        'User not found',
      );
    });
  });

  describe('PUT /v1/me/push-token', () => {
    it('stores the token with a POST body and answers it', async () => {
      const token = 'dGVzdA:APA91bH7wXc2LrT5pVq8sN4mK1jD6yF0uE3oI9gA2hB5cW7x';
      const res = await as(demo).put('/v1/me/push-token').send({ token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ token });
      const call = received(route.push);
      expect(call.method).toBe('POST');
      expect(call.body).toEqual({ token });
    });

    it('400 PUSH_TOKEN_INVALID when Lux refuses the token', async () => {
      problem(
        await as(demo).put('/v1/me/push-token').send({ token: 'not a token' }),
        400,
        'PUSH_TOKEN_INVALID',
        'User push token update failed',
      );
    });

    it('409 PUSH_NOT_PERMITTED without push consent', async () => {
      expect((await as(demo).patch('/v1/me/policy').send({ isPushAgree: false })).status).toBe(200);
      problem(
        await as(demo).put('/v1/me/push-token').send({ token: 'abc' }),
        409,
        'PUSH_NOT_PERMITTED',
        'Push permisson denied',
      );
      expect((await as(demo).patch('/v1/me/policy').send({ isPushAgree: true })).status).toBe(200);
    });

    it('refuses a missing token locally', async () => {
      problem(await as(demo).put('/v1/me/push-token').send({}), 400, 'VALIDATION_FAILED');
      expect(stack.nueyne.faults.count(route.push)).toBe(0);
    });
  });

  describe('PATCH /v1/me/notifications', () => {
    it('sends booleans and answers booleans (Lux answers 0/1)', async () => {
      const settings = {
        isDeviceMuted: true,
        isDeviceAlimTalkEnabled: false,
        isBasestationAlertEnabled: true,
      };
      const res = await as(demo).patch('/v1/me/notifications').send(settings);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(settings);
      expect(received(route.notification).body).toEqual({
        is_device_muted: true,
        is_device_alim_talk_enabled: false,
        is_basestation_alert_enabled: true,
      });
    });

    it('502 NOTIFICATION_UPDATE_FAILED when Lux cannot store them', async () => {
      const broken = (await stack.login('lux', 'broken@junction.dev')).accessToken;
      problem(
        await as(broken).patch('/v1/me/notifications').send({
          isDeviceMuted: true,
          isDeviceAlimTalkEnabled: true,
          isBasestationAlertEnabled: true,
        }),
        502,
        'NOTIFICATION_UPDATE_FAILED',
        'User notification update failed',
      );
    });

    it('404 USER_NOT_FOUND, and all three switches are required', async () => {
      fault(route.notification, 404, 'User not found');
      problem(
        await as(demo).patch('/v1/me/notifications').send({
          isDeviceMuted: false,
          isDeviceAlimTalkEnabled: false,
          isBasestationAlertEnabled: false,
        }),
        404,
        'USER_NOT_FOUND',
        'User not found',
      );
      const res = await as(demo).patch('/v1/me/notifications').send({ isDeviceMuted: 1 });
      problem(res, 400, 'VALIDATION_FAILED');
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
        'isBasestationAlertEnabled',
        'isDeviceAlimTalkEnabled',
        'isDeviceMuted',
      ]);
    });
  });

  describe('PUT /v1/me/phone', () => {
    it.each([
      ['000000', '+821099990001', 400, 'VERIFICATION_CODE_EXPIRED', 'Validation code is expired'],
      ['111111', '+821099990001', 400, 'VERIFICATION_CODE_INVALID', 'Validation code is invalid'],
      ['123456', '+821055550003', 410, 'ACCOUNT_DELETED', 'User previously deleted'],
      [
        '123456',
        '+821055550006',
        409,
        'PHONE_ALREADY_REGISTERED',
        'Phone number is already registered',
      ],
    ])('code %s for %s: %i %s', async (code, phone, status, errorCode, detail) => {
      problem(
        await as(demo).put('/v1/me/phone').send({ phone, verificationCode: code }),
        status,
        errorCode,
        detail,
      );
    });

    it('refuses a number with characters no phone number has, before Lux', async () => {
      problem(
        await as(demo).put('/v1/me/phone').send({ phone: 'call 010-1234-5678' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(stack.nueyne.faults.count(route.phone)).toBe(0);
    });

    it('changes the number (validnum in the body) and answers 204', async () => {
      const res = await as(demo)
        .put('/v1/me/phone')
        .send({ phone: '+821099990001', verificationCode: '123456' });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const call = received(route.phone);
      expect(call.method).toBe('POST');
      expect(call.body).toEqual({ phone: '+821099990001', validnum: '123456' });
      expect((await as(demo).get('/v1/me')).body.phone).toBe('+821099990001');
    });
  });

  describe('members', () => {
    let created: number;

    it('POST creates a member with the device (seed example) and answers 201', async () => {
      const res = await as(demo)
        .post('/v1/me/members')
        .send({
          firstName: 'test',
          lastName: '',
          birthdate: '1997-01-01',
          gender: 'F',
          device: { serialCode: 'SL20401000', macId: '41ad', uniqueId: 'unique' },
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        memberId: expect.any(Number),
        firstName: 'test',
        lastName: '',
        birthdate: '1997-01-01',
        gender: 'F',
        deviceId: 3,
        uniqueId: 'unique',
        serialCode: 'SL20401000',
        createdAt: expect.stringMatching(/Z$/),
      });
      created = res.body.memberId;
      expect(received(route.create).body).toEqual({
        first_name: 'test',
        last_name: '',
        birthdate: '19970101',
        gender: 'F',
        serial_code: 'SL20401000',
        mac_id: '41AD',
        unique_id: 'unique',
      });
    });

    const member = (device: Record<string, string>) => ({
      firstName: 'Ara',
      lastName: 'Kim',
      birthdate: '2016-05-05',
      gender: 'F',
      device: {
        serialCode: 'SL20401003',
        macId: '0A1B',
        uniqueId: '3100470012504B5836373623',
        ...device,
      },
    });

    it.each([
      [{ serialCode: 'SL29999999' }, 400, 'SERIAL_CODE_INVALID', 'Serial code is not valid'],
      [{ uniqueId: 'NOPE' }, 404, 'DEVICE_NOT_FOUND', 'Not Found Device'],
      [
        { serialCode: 'SL20401001', uniqueId: '3100470012504B5836373620' },
        409,
        'DEVICE_ALREADY_CONNECTED',
        'Already Connected Device',
      ],
    ])('POST with %j: %i %s', async (device, status, code, detail) => {
      problem(await as(demo).post('/v1/me/members').send(member(device)), status, code, detail);
    });

    it('POST: 409 MEMBER_CREATE_FAILED, 403 NOT_AUTHORIZED_FOR_RESOURCE, local validation', async () => {
      const broken = (await stack.login('lux', 'broken@junction.dev')).accessToken;
      problem(
        await as(broken).post('/v1/me/members').send(member({})),
        409,
        'MEMBER_CREATE_FAILED',
        'Real user create failed',
      );
      fault(route.create, 401, 'Not authorized user');
      problem(
        await as(demo).post('/v1/me/members').send(member({})),
        403,
        'NOT_AUTHORIZED_FOR_RESOURCE',
        'Not authorized user',
      );
      stack.nueyne.faults.resetCalls();
      const res = await as(demo)
        .post('/v1/me/members')
        .send({ ...member({ macId: '41:AD' }), birthdate: '2016-02-30' });
      problem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'birthdate',
        'device.macId',
      ]);
      expect(stack.nueyne.faults.count(route.create)).toBe(0);
    });

    it('GET answers a member; another account’s is 403, an unknown one 404', async () => {
      const res = await as(demo).get('/v1/me/members/1');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        memberId: 1,
        rootUserId: 1,
        firstName: 'Minji',
        lastName: 'Kim',
        birthdate: '2015-03-12',
        gender: 'F',
      });
      const call = received(route.realUser);
      expect(call.path).toBe('/api/v1/lux/user/real-user/1');
      problem(
        await as(demo).get('/v1/me/members/3'),
        403,
        'NOT_AUTHORIZED_FOR_RESOURCE',
        'Not authorized user',
      );
      problem(
        await as(demo).get('/v1/me/members/99'),
        404,
        'MEMBER_NOT_FOUND',
        'Real user is not found',
      );
      problem(await as(demo).get('/v1/me/members/abc'), 400, 'VALIDATION_FAILED');
    });

    it('PATCH sends id in the body of update-real-user', async () => {
      const res = await as(demo)
        .patch('/v1/me/members/2')
        .send({ firstName: 'tester', lastName: 'john', birthdate: '2001-06-08', gender: 'P' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        memberId: 2,
        rootUserId: 1,
        firstName: 'tester',
        lastName: 'john',
        birthdate: '2001-06-08',
        gender: 'P',
      });
      const call = received(route.update);
      expect(call.path).toBe('/api/v1/lux/user/update-real-user');
      expect(call.body).toEqual({
        id: 2,
        first_name: 'tester',
        last_name: 'john',
        birthdate: '20010608',
        gender: 'P',
      });
    });

    it('PATCH errors: 403, 404, and "User is None"', async () => {
      problem(
        await as(demo).patch('/v1/me/members/3').send({ gender: 'M' }),
        403,
        'NOT_AUTHORIZED_FOR_RESOURCE',
        'Not authorized user',
      );
      problem(
        await as(demo).patch('/v1/me/members/99').send({ gender: 'M' }),
        404,
        'MEMBER_NOT_FOUND',
        'Real user is not found',
      );
      fault(route.update, 401, 'User is None');
      problem(
        await as(demo).patch('/v1/me/members/2').send({ gender: 'M' }),
        404,
        'USER_NOT_FOUND',
        'User is None',
      );
    });

    it('DELETE errors: 403, 404, 409 MEMBER_DELETE_FAILED, uniqueId required', async () => {
      problem(
        await as(demo).delete('/v1/me/members/3?uniqueId=3100470012504B5836373624'),
        403,
        'NOT_AUTHORIZED_FOR_RESOURCE',
        'Not authorized user',
      );
      problem(
        await as(demo).delete('/v1/me/members/99?uniqueId=X'),
        404,
        'MEMBER_NOT_FOUND',
        'Real user is not found',
      );
      problem(
        await as(demo).delete('/v1/me/members/1?uniqueId=string'),
        409,
        'MEMBER_DELETE_FAILED',
        'Real user delete failed',
      );
      stack.nueyne.faults.resetCalls();
      problem(await as(demo).delete('/v1/me/members/1'), 400, 'VALIDATION_FAILED');
      expect(stack.nueyne.faults.count(route.remove)).toBe(0);
    });

    it('DELETE sends a JSON body {real_user_id, unique_id} and answers 204', async () => {
      const res = await as(demo).delete(`/v1/me/members/${created}?uniqueId=unique`);
      expect(res.status).toBe(204);
      const call = received(route.remove);
      expect(call.method).toBe('DELETE');
      expect(call.query).toEqual({});
      expect(call.body).toEqual({ real_user_id: created, unique_id: 'unique' });
      problem(await as(demo).get(`/v1/me/members/${created}`), 404, 'MEMBER_NOT_FOUND');
    });
  });

  describe('null fields and numeric path ids (issue 13)', () => {
    /** A 400 VALIDATION_FAILED naming exactly these fields. */
    const refusedNaming = (res: request.Response, fields: string[]) => {
      problem(res, 400, 'VALIDATION_FAILED');
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual(fields);
    };

    it.each(['firstName', 'lastName', 'birthdate', 'gender'])(
      'PATCH /v1/me {"%s": null} is a 400 naming it, and Lux is not called',
      async (field) => {
        const res = await as(demo)
          .patch('/v1/me')
          .send({ [field]: null });
        refusedNaming(res, [field]);
        expect(res.body.errors[0].message).toBe(`${field} must not be null (leave it out instead)`);
        expect(stack.nueyne.faults.count(route.rootPatch)).toBe(0);
      },
    );

    it('PATCH /v1/me/members/{id} {"birthdate": null} is a 400 naming it', async () => {
      refusedNaming(
        await as(demo).patch('/v1/me/members/2').send({ birthdate: null, gender: 'M' }),
        ['birthdate'],
      );
      expect(stack.nueyne.faults.count(route.update)).toBe(0);
    });

    it.each([[[]], ['serial'], [1], [[{ serialCode: 'SL1', uniqueId: 'U1' }]]])(
      'POST /v1/me/members with device %j (not an object) is a 400 naming device, never a 500',
      async (device) => {
        const res = await as(demo)
          .post('/v1/me/members')
          .send({ firstName: 'test', lastName: '', birthdate: '1997-01-01', gender: 'N', device });
        problem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toContainEqual({ field: 'device', message: expect.any(String) });
      },
    );

    it('null in the other optional fields is a 400 naming them, never a 500', async () => {
      refusedNaming(
        await as(demo).patch('/v1/me/policy').send({ isPushAgree: null, isMarketingAgree: true }),
        ['isPushAgree'],
      );
      refusedNaming(
        await as(demo).put('/v1/me/phone').send({ phone: '+821099990001', verificationCode: null }),
        ['verificationCode'],
      );
      expect(stack.nueyne.faults.count(route.policy) + stack.nueyne.faults.count(route.phone)).toBe(
        0,
      );
    });

    it.each(['0x10', '1e3', '99999999999999999999', '2147483648', '016', '+1', '1.0', '0', '-1'])(
      'member id %s is a 400 naming memberId on GET, PATCH and DELETE; Lux is not called',
      async (id) => {
        refusedNaming(await as(demo).get(`/v1/me/members/${id}`), ['memberId']);
        refusedNaming(await as(demo).patch(`/v1/me/members/${id}`).send({ gender: 'M' }), [
          'memberId',
        ]);
        refusedNaming(await as(demo).delete(`/v1/me/members/${id}?uniqueId=unique`), ['memberId']);
        const calls = [route.realUser, route.update, route.remove].map((r) =>
          stack.nueyne.faults.count(r),
        );
        expect(calls).toEqual([0, 0, 0]);
      },
    );

    it('the largest int32 member id reaches Lux as written', async () => {
      problem(await as(demo).get('/v1/me/members/2147483647'), 404, 'MEMBER_NOT_FOUND');
      expect(received(route.realUser).path).toBe('/api/v1/lux/user/real-user/2147483647');
    });
  });

  describe('DELETE /v1/me', () => {
    it('502 ACCOUNT_DELETE_FAILED when Lux lacks the sign-in type', async () => {
      const broken = (await stack.login('lux', 'broken@junction.dev')).accessToken;
      problem(
        await as(broken).delete('/v1/me'),
        502,
        'ACCOUNT_DELETE_FAILED',
        'Sign in type is not found',
      );
    });

    it('deletes the account and ends every gateway session of it', async () => {
      const other = await stack.login('lux');
      stack.nueyne.faults.resetCalls();
      const res = await as(demo).delete('/v1/me');
      expect(res.status).toBe(204);
      const call = received(route.rootDelete);
      expect(call.method).toBe('DELETE');
      expect(call.path).toBe('/api/v1/lux/user/root-user');
      for (const token of [demo, other.accessToken]) {
        expect((await as(token).get('/v1/me')).status).toBe(401);
      }
      const refresh = await request(stack.http)
        .post('/v1/auth/token')
        .type('form')
        .send({ grant_type: 'refresh_token', refresh_token: other.refreshToken });
      expect(refresh.status).toBe(400);
      expect(stack.nueyne.faults.count(route.me)).toBe(0);
    });
  });
});
