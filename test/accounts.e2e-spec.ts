import Redis from 'ioredis';
import request from 'supertest';
import { SMS_UNDELIVERABLE_PHONE } from '../src/sandbox/nueyne/accounts.routes';
import { authed, expectProblem } from './support/http';
import { RELAXED_RATE_LIMITS, startStack, TestStack } from './support/stack';

const NUEYNE = {
  sendSms: 'POST /api/v1/lux/auth/send-sms-auth',
  validate: 'POST /api/v1/lux/auth/phone-number-validation',
  luxSignUp: 'POST /api/v1/lux/auth/email/signup',
  luxReset: 'POST /api/v1/lux/auth/send-reset-mail',
  luxFindId: 'POST /api/v1/lux/auth/find-id-by-phone',
  legacySignUp: 'POST /api/v1/legacy/auth/signup',
  legacyFindId: 'POST /api/v1/legacy/auth/find-id',
  legacyReset: 'POST /api/v1/legacy/auth/send-reset-mail',
  emailCheck: 'GET /api/v1/legacy/user/dup-check-email/:email',
};

const luxSignUp = (verificationToken: string, email = 'new.lux@junction.dev') => ({
  verificationToken,
  email,
  password: 'new-secret-1',
  firstName: 'Minji Park',
  birthdate: '1997-01-31',
  gender: 'F',
  nationalCode: 'KR',
  isPushAgree: true,
  isMarketingAgree: false,
});

const legacySignUp = (email: string, phone = '+821012345858') => ({
  email,
  password: '1234',
  phone,
  name: 'tester1234',
  relation: 'S',
  gender: 'M',
  birthdate: '1990-01-01',
  isMarketingAgree: true,
  isPushAgree: true,
  region: '경기도',
});

/**
 * Onboarding through the gateway against the Nueyne simulator: the whole Lux sign-up ending in a
 * gateway session, Legacy sign-up then sign-in, recovery and reset, and each documented Nueyne
 * error as the client sees it (stable code, no vendor text, no upstream token).
 */
describe('onboarding (/v1/accounts)', () => {
  let stack: TestStack;
  let redis: Redis;
  let phoneSeq = 0;
  /** A fresh Korean mobile number no demo account uses. */
  const newPhone = () => `+82107777${String(1000 + phoneSeq++).padStart(4, '0')}`;

  beforeAll(async () => {
    stack = await startStack({ env: { RATE_LIMITS: JSON.stringify(RELAXED_RATE_LIMITS) } });
    redis = new Redis(process.env.TEST_REDIS_URL!);
  });
  afterAll(async () => {
    redis?.disconnect();
    await stack?.close();
  });
  beforeEach(() => {
    stack.nueyne.faults.clear();
    stack.nueyne.faults.resetCalls();
  });

  const post = (path: string, body: unknown) =>
    request(stack.http)
      .post(path)
      .send(body as object);
  const fault = (route: string, status: number, detail: string) =>
    stack.nueyne.faults.add({ route, fail: { count: 1, status, body: { detail } } });
  const calls = (route: string) => stack.nueyne.faults.count(route);
  /** A documented-error answer: this problem, naming Nueyne by status only. */
  const problem = (
    res: request.Response,
    status: number,
    code: string,
    upstreamStatus?: number,
  ) => {
    expectProblem(res, status, code);
    if (upstreamStatus !== undefined)
      expect(res.body.upstream).toEqual({ name: 'nueyne', status: upstreamStatus });
  };

  const sendCode = (phone: string) => post('/v1/accounts/lux/phone-verifications', { phone });
  const confirm = (phone: string, verificationCode: string) =>
    post('/v1/accounts/lux/phone-verifications/confirm', { phone, verificationCode });
  const verify = async (phone: string): Promise<string> => {
    expect((await sendCode(phone)).status).toBe(202);
    const res = await confirm(phone, stack.nueyne.lastSmsCode(phone)!);
    expect(res.status).toBe(200);
    return res.body.verificationToken as string;
  };

  describe('Lux sign-up', () => {
    it('send code, confirm, sign up, then GET /v1/me as the new user', async () => {
      const phone = newPhone();
      const sent = await sendCode(phone);
      expect(sent.status).toBe(202);
      expect(sent.headers['cache-control']).toBe('no-store');
      expect(sent.body).toEqual({ phone, message: expect.stringMatching(/^If this number/) });
      const code = stack.nueyne.lastSmsCode(phone)!;
      expect(code).toMatch(/^\d{6}$/);

      const confirmed = await confirm(phone, code);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toEqual({
        verificationToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresIn: 600,
        phone,
      });
      const handle = confirmed.body.verificationToken as string;

      const signedUp = await post('/v1/accounts/lux', luxSignUp(handle));
      expect(signedUp.status).toBe(201);
      expect(signedUp.headers['cache-control']).toBe('no-store');
      expect(signedUp.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 600,
        refresh_token: expect.any(String),
        scope: 'profile therapy appliances conference:read',
      });

      const as = authed(stack.http, signedUp.body.access_token);
      const me = await as.get('/v1/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        firstName: 'Minji Park',
        lastName: '',
        birthdate: '1997-01-31',
        gender: 'F',
        phone,
        isPhoneNumberChecked: true,
        registerType: 'E',
        nationalCode: 'KR',
      });
      const links = await as.get('/v1/me/links');
      expect(links.body.lux).toMatchObject({ linked: true });

      // What Nueyne received: E.164, yyyymmdd, the whole name in first_name, its valid_token.
      const [signUpCall] = stack.nueyne.faults.recorded(NUEYNE.luxSignUp);
      expect(signUpCall.body).toMatchObject({
        first_name: 'Minji Park',
        last_name: '',
        birthdate: '19970131',
        phone,
        register_type: 'E',
      });
      const validTokens = stack.nueyne.outbox.issuedValidTokens();
      expect(signUpCall.headers.authorization).toBe(
        `Bearer ${validTokens[validTokens.length - 1]}`,
      );

      // Nueyne's valid_token and tokens never reach the client, nor Redis in plaintext.
      const secrets = [...validTokens, ...stack.nueyne.tokens.issued()];
      const answers = JSON.stringify([
        sent.body,
        confirmed.body,
        signedUp.body,
        me.body,
        links.body,
      ]);
      for (const secret of secrets) expect(answers).not.toContain(secret);
      const keys = await redis.keys(`${stack.env.REDIS_KEY_PREFIX}*`);
      const values = await Promise.all(keys.map((key) => redis.get(key).catch(() => '')));
      const stored = JSON.stringify([keys, values]);
      for (const secret of [...secrets, handle, phone]) expect(stored).not.toContain(secret);

      // The verification is used up; the new account signs in with its password too.
      problem(
        await post('/v1/accounts/lux', luxSignUp(handle, 'again@junction.dev')),
        400,
        'PHONE_VERIFICATION_REQUIRED',
      );
      const signIn = await request(stack.http).post('/v1/auth/token').type('form').send({
        grant_type: 'password',
        username: 'new.lux@junction.dev',
        password: 'new-secret-1',
      });
      expect(signIn.status).toBe(200);
    });

    it('reads the phone as E.164 and sends Nueyne the canonical form', async () => {
      const res = await sendCode('+8201077779999');
      expect(res.status).toBe(202);
      expect(res.body.phone).toBe('+821077779999');
      expect(stack.nueyne.faults.recorded(NUEYNE.sendSms)[0].body).toEqual({
        phone: '+821077779999',
      });
    });

    it('refuses a malformed or impossible number without calling Nueyne', async () => {
      for (const phone of ['010-7777-1234', '+82 10 7777 1234', '+1012345678', '+4412']) {
        const res = await sendCode(phone);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['phone']);
      }
      expect(calls(NUEYNE.sendSms)).toBe(0);
    });

    describe('send-sms-auth errors', () => {
      it('400 Phone number is invalid -> 400 VALIDATION_FAILED on phone', async () => {
        fault(NUEYNE.sendSms, 400, 'Phone number is invalid');
        const res = await sendCode(newPhone());
        problem(res, 400, 'VALIDATION_FAILED', 400);
        expect(res.body.errors).toEqual([
          { field: 'phone', message: 'Nueyne does not accept this phone number.' },
        ]);
      });

      it('409 Failed to send SMS -> 502 SMS_NOT_SENT', async () => {
        problem(await sendCode(SMS_UNDELIVERABLE_PHONE), 502, 'SMS_NOT_SENT', 409);
      });

      it('409 Phone number is already registered -> 202 exactly as a sent code (no enumeration)', async () => {
        const phone = newPhone();
        const sent = await sendCode(phone);
        fault(NUEYNE.sendSms, 409, 'Phone number is already registered');
        const registered = await sendCode(phone);
        expect(registered.status).toBe(202);
        expect(registered.body).toEqual(sent.body);
        expect(calls(NUEYNE.sendSms)).toBe(2);
      });
    });

    describe('phone-number-validation errors', () => {
      it('400 Validation code is invalid -> 400 VERIFICATION_CODE_INVALID', async () => {
        const phone = newPhone();
        await sendCode(phone);
        const wrong = stack.nueyne.lastSmsCode(phone) === '000000' ? '000001' : '000000';
        const res = await confirm(phone, wrong);
        problem(res, 400, 'VERIFICATION_CODE_INVALID', 400);
        expect(res.body.errors[0].field).toBe('verificationCode');
      });

      it('400 Validation code is expired -> 400 VERIFICATION_CODE_EXPIRED', async () => {
        const phone = newPhone();
        await sendCode(phone);
        stack.nueyne.expireSmsCodes();
        problem(
          await confirm(phone, stack.nueyne.lastSmsCode(phone)!),
          400,
          'VERIFICATION_CODE_EXPIRED',
          400,
        );
      });

      it('409 Phone number is already registered -> 409 PHONE_ALREADY_REGISTERED (after the right code)', async () => {
        await sendCode('+821012345678');
        problem(
          await confirm('+821012345678', stack.nueyne.lastSmsCode('+821012345678')!),
          409,
          'PHONE_ALREADY_REGISTERED',
          409,
        );
      });

      it('403 User previously deleted -> 410 ACCOUNT_DELETED', async () => {
        await sendCode('+821055550003');
        problem(
          await confirm('+821055550003', stack.nueyne.lastSmsCode('+821055550003')!),
          410,
          'ACCOUNT_DELETED',
          403,
        );
      });

      it('refuses a code that is not 6 digits without calling Nueyne', async () => {
        expectProblem(await confirm(newPhone(), '12345'), 400, 'VALIDATION_FAILED');
        expect(calls(NUEYNE.validate)).toBe(0);
      });
    });

    describe('email/signup errors', () => {
      it('an unknown verificationToken -> 400 PHONE_VERIFICATION_REQUIRED, Nueyne not called', async () => {
        problem(
          await post('/v1/accounts/lux', luxSignUp('x'.repeat(43))),
          400,
          'PHONE_VERIFICATION_REQUIRED',
        );
        expect(calls(NUEYNE.luxSignUp)).toBe(0);
      });

      it('409 Same email is already registered -> 409 EMAIL_ALREADY_REGISTERED; the verification stays usable', async () => {
        const handle = await verify(newPhone());
        const taken = await post('/v1/accounts/lux', luxSignUp(handle, 'demo@junction.dev'));
        problem(taken, 409, 'EMAIL_ALREADY_REGISTERED', 409);
        expect(taken.body.errors[0].field).toBe('email');
        expect(
          (await post('/v1/accounts/lux', luxSignUp(handle, 'second.try@junction.dev'))).status,
        ).toBe(201);
      });

      it('400 Email is not valid -> 400 VALIDATION_FAILED on email', async () => {
        const handle = await verify(newPhone());
        fault(NUEYNE.luxSignUp, 400, 'Email is not valid');
        const res = await post('/v1/accounts/lux', luxSignUp(handle, 'odd@junction.dev'));
        problem(res, 400, 'VALIDATION_FAILED', 400);
        expect(res.body.errors[0].field).toBe('email');
      });

      it('401 Token is invalid -> 400 PHONE_VERIFICATION_REQUIRED, and the verification is used up', async () => {
        const handle = await verify(newPhone());
        fault(NUEYNE.luxSignUp, 401, 'Token is invalid');
        problem(
          await post('/v1/accounts/lux', luxSignUp(handle, 'late@junction.dev')),
          400,
          'PHONE_VERIFICATION_REQUIRED',
          401,
        );
        problem(
          await post('/v1/accounts/lux', luxSignUp(handle, 'late@junction.dev')),
          400,
          'PHONE_VERIFICATION_REQUIRED',
        );
        expect(calls(NUEYNE.luxSignUp)).toBe(1);
      });

      it('500 Failed to sign up user -> 502 SIGN_UP_FAILED', async () => {
        const handle = await verify(newPhone());
        fault(NUEYNE.luxSignUp, 500, 'Failed to sign up user');
        problem(
          await post('/v1/accounts/lux', luxSignUp(handle, 'fail@junction.dev')),
          502,
          'SIGN_UP_FAILED',
          500,
        );
      });

      it('validates every field, naming it', async () => {
        const res = await post('/v1/accounts/lux', {
          ...luxSignUp('y'.repeat(43)),
          email: 'not-an-email',
          birthdate: '1997-02-30',
          gender: 'N',
          nationalCode: 'XX',
          firstName: 'a'.repeat(101),
          extra: 1,
        });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
        expect(fields).toEqual(
          new Set(['email', 'birthdate', 'gender', 'nationalCode', 'firstName', 'extra']),
        );
      });
    });
  });

  describe('Lux recovery', () => {
    const recover = (phone: string, verificationCode: string) =>
      post('/v1/accounts/lux/recover-id', { phone, verificationCode });

    it('finds the e-mail of the account of a verified phone', async () => {
      await sendCode('+821012345678');
      const res = await recover('+821012345678', stack.nueyne.lastSmsCode('+821012345678')!);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ email: 'demo@junction.dev', provider: 'email' });
      expect(stack.nueyne.faults.recorded(NUEYNE.luxFindId)[0].body).toEqual({
        phone: '+821012345678',
        validnum: expect.stringMatching(/^\d{6}$/),
      });
    });

    it('maps find-id-by-phone errors', async () => {
      problem(await recover('+821012345678', '999999'), 400, 'VERIFICATION_CODE_INVALID', 400);
      const phone = newPhone();
      await sendCode(phone);
      problem(await recover(phone, stack.nueyne.lastSmsCode(phone)!), 404, 'USER_NOT_FOUND', 404);
      await sendCode('+821055550003');
      problem(
        await recover('+821055550003', stack.nueyne.lastSmsCode('+821055550003')!),
        410,
        'ACCOUNT_DELETED',
        403,
      );
      await sendCode(phone);
      stack.nueyne.expireSmsCodes();
      problem(
        await recover(phone, stack.nueyne.lastSmsCode(phone)!),
        400,
        'VERIFICATION_CODE_EXPIRED',
        400,
      );
    });
  });

  describe('password reset: the same answer whether or not the account exists', () => {
    it.each(['lux', 'legacy'] as const)('%s', async (product) => {
      const reset = (email: string) => post(`/v1/accounts/${product}/password-reset`, { email });
      stack.nueyne.outbox.clear();
      const existing = await reset('demo@junction.dev');
      expect(existing.status).toBe(202);
      const others = [await reset('nobody@junction.dev')];
      if (product === 'lux') others.push(await reset('social@junction.dev'));
      fault(product === 'lux' ? NUEYNE.luxReset : NUEYNE.legacyReset, 500, 'Email send failed');
      others.push(await reset('demo@junction.dev'));
      for (const other of others) {
        expect(other.status).toBe(202);
        expect(other.body).toEqual(existing.body);
      }
      // Nueyne did answer 404 / 400 / 500 for those; only the first sent a mail.
      expect(stack.nueyne.outbox.mail).toHaveLength(1);
      expect(calls(product === 'lux' ? NUEYNE.luxReset : NUEYNE.legacyReset)).toBe(
        others.length + 1,
      );
    });
  });

  describe('Legacy', () => {
    it('still takes the deprecated spellings birthDate and deviceUserBirthDate (one release)', async () => {
      const { birthdate, ...rest } = legacySignUp('old.spelling@junction.dev', '+821012345859');
      stack.nueyne.faults.resetCalls();
      const res = await post('/v1/accounts/legacy', {
        ...rest,
        birthDate: birthdate,
        deviceUserBirthDate: '1960-05-05',
      });
      expect(res.status).toBe(201);
      expect(stack.nueyne.faults.recorded(NUEYNE.legacySignUp)[0].body).toMatchObject({
        birthdate: '1990-01-01',
        birthdate_real: '1960-05-05',
      });
    });

    it('signs up, then signs in through the token endpoint once the e-mail is verified', async () => {
      const res = await post('/v1/accounts/legacy', legacySignUp('elder@junction.dev'));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ email: 'elder@junction.dev', emailVerificationRequired: true });
      expect(stack.nueyne.faults.recorded(NUEYNE.legacySignUp)[0].body).toEqual({
        email: 'elder@junction.dev',
        password: '1234',
        phone: '010-1234-5858',
        username: 'tester1234',
        relation: 'S',
        gender: 'M',
        birthdate: '1990-01-01',
        gender_real: 'M',
        birthdate_real: '1990-01-01',
        is_marketing_agree: true,
        is_push_agree: true,
        adrs: '경기도',
        adrs_city: '경기도',
      });
      const signIn = () =>
        request(stack.http).post('/v1/auth/token').type('form').send({
          grant_type: 'password',
          provider: 'legacy',
          username: 'elder@junction.dev',
          password: '1234',
        });
      const early = await signIn();
      expect(early.status).toBe(400);
      expect(early.body).toMatchObject({
        error: 'invalid_grant',
        error_description: expect.stringMatching(/e-mail address verified/),
      });
      // The user follows the link of the mail Nueyne "sent".
      const mail = stack.nueyne.outbox.mail.find((m) => m.to === 'elder@junction.dev')!;
      expect(mail.kind).toBe('verify-email');
      await stack.nueyne.app.inject({ method: 'GET', url: mail.link! });
      const token = await signIn();
      expect(token.status).toBe(200);
      const devices = await authed(stack.http, token.body.access_token).get('/v1/therapy/devices');
      expect(devices.status).toBe(200);
      expect(devices.body).toEqual([]);
    });

    it('maps signup errors', async () => {
      const taken = await post('/v1/accounts/legacy', legacySignUp('demo2@junction.dev'));
      problem(taken, 409, 'EMAIL_ALREADY_REGISTERED', 409);
      fault(NUEYNE.legacySignUp, 400, 'Email is not valid');
      problem(
        await post('/v1/accounts/legacy', legacySignUp('odd.legacy@junction.dev')),
        400,
        'VALIDATION_FAILED',
        400,
      );
      fault(NUEYNE.legacySignUp, 401, 'Token is invalid');
      problem(
        await post('/v1/accounts/legacy', legacySignUp('odd.legacy@junction.dev')),
        502,
        'SIGN_UP_FAILED',
        401,
      );
      fault(NUEYNE.legacySignUp, 500, 'Failed to sign up user');
      problem(
        await post('/v1/accounts/legacy', legacySignUp('odd.legacy@junction.dev')),
        502,
        'SIGN_UP_FAILED',
        500,
      );
    });

    it('takes Korean mobile numbers only, and the documented regions', async () => {
      const foreign = await post(
        '/v1/accounts/legacy',
        legacySignUp('us@junction.dev', '+14155552671'),
      );
      expectProblem(foreign, 400, 'VALIDATION_FAILED');
      expect(foreign.body.errors[0].field).toBe('phone');
      const region = await post('/v1/accounts/legacy', {
        ...legacySignUp('jeju@junction.dev'),
        region: 'Seoul',
      });
      expectProblem(region, 400, 'VALIDATION_FAILED');
      expect(region.body.errors[0].field).toBe('region');
      expect(calls(NUEYNE.legacySignUp)).toBe(0);
    });

    it('recovers a masked e-mail by phone, birth date and gender', async () => {
      const found = await post('/v1/accounts/legacy/recover-id', {
        phone: '+821012345678',
        birthdate: '1988-03-15',
        gender: 'F',
      });
      expect(found.status).toBe(200);
      expect(found.body).toEqual({ maskedEmail: 'de**@junction.dev' });
      expect(stack.nueyne.faults.recorded(NUEYNE.legacyFindId)[0].body).toEqual({
        birthdate: '1988-03-15',
        phone: '010-1234-5678',
        gender: 'F',
      });
      const missing = await post('/v1/accounts/legacy/recover-id', {
        phone: '+821012345678',
        birthdate: '1988-03-16',
        gender: 'F',
      });
      problem(missing, 404, 'USER_NOT_FOUND', 404);
    });

    it('checks e-mail availability', async () => {
      const check = (email: string) =>
        request(stack.http).get('/v1/accounts/legacy/email-availability').query({ email });
      expect((await check('demo2@junction.dev')).body).toEqual({
        email: 'demo2@junction.dev',
        available: false,
      });
      expect((await check('free@junction.dev')).body).toEqual({
        email: 'free@junction.dev',
        available: true,
      });
      fault(NUEYNE.emailCheck, 500, 'Internal Server Error');
      problem(await check('free@junction.dev'), 502, 'UPSTREAM_ERROR', 500);
      expectProblem(await check('nope'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('body and field policy', () => {
    it('answers 413 above ACCOUNTS_BODY_LIMIT_BYTES (8 KiB), far below the global limit', async () => {
      const res = await post('/v1/accounts/lux/phone-verifications', {
        phone: newPhone(),
        pad: 'x'.repeat(9000),
      });
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(calls(NUEYNE.sendSms)).toBe(0);
    });

    it('caps every string field', async () => {
      const res = await post('/v1/accounts/legacy', {
        ...legacySignUp(`${'a'.repeat(250)}@junction.dev`),
        password: 'p'.repeat(129),
        relation: 'r'.repeat(21),
        socialKakaoId: 'k'.repeat(256),
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
      expect(fields).toEqual(new Set(['email', 'password', 'relation', 'socialKakaoId']));
    });

    it('needs no gateway token, and carries the accounts rate-limit headers', async () => {
      const res = await sendCode(newPhone());
      expect(res.status).toBe(202);
      expect(res.headers['ratelimit-policy']).toMatch(/^"accounts";/);
    });
  });
});
