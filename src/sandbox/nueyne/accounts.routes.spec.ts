import { SMS_UNDELIVERABLE_PHONE } from './accounts.routes';
import { createNueyneSimulator, type NueyneSimulator } from './nueyne.simulator';
import { call, expectError, signInRequest } from './nueyne.testing';
import { SMS_CODE_TTL_MS } from './outbox';

const T0 = Date.UTC(2025, 3, 20, 12, 0, 0);
const NEW_PHONE = '+821077778888';

const luxSignUpBody = (phone = NEW_PHONE, email = 'new@junction.dev') => ({
  email,
  password: 'new-secret-1',
  first_name: 'Minji Park',
  last_name: '',
  birthdate: '19970131',
  gender: 'F',
  phone,
  register_type: 'E',
  is_push_agree: true,
  is_marketing_agree: false,
  national_code: 'KR',
});

const legacySignUpBody = (email = 'elder@junction.dev') => ({
  email,
  password: '1234',
  phone: '010-1234-5858',
  username: 'tester1234',
  relation: 'S',
  gender: 'M',
  gender_real: 'M',
  birthdate: '1990-01-01',
  birthdate_real: '1990-01-01',
  social_google_id: '',
  social_kakao_id: '',
  social_naver_id: '',
  social_apple_id: '',
  is_marketing_agree: true,
  is_push_agree: true,
  adrs: '경기도',
  adrs_city: '경기도',
});

describe('Nueyne simulator: onboarding routes (sign-up, SMS codes, recovery)', () => {
  let clock: number;
  let sim: NueyneSimulator;

  beforeEach(() => {
    clock = T0;
    sim = createNueyneSimulator({ now: () => clock });
  });
  afterEach(() => sim.app.close());

  const sendCode = (phone: string) =>
    call(sim, 'POST', '/api/v1/lux/auth/send-sms-auth', { json: { phone } });
  const validate = (phone: string, validnum: string) =>
    call(sim, 'POST', '/api/v1/lux/auth/phone-number-validation', { json: { phone, validnum } });
  const verifiedToken = async (phone = NEW_PHONE): Promise<string> => {
    expect((await sendCode(phone)).json()).toBe(true);
    const response = await validate(phone, sim.lastSmsCode(phone)!);
    expect(response.statusCode).toBe(200);
    return response.json<{ valid_token: string }>().valid_token;
  };

  describe('Lux sign-up', () => {
    it('sends a 6-digit code, validates it once, signs up and signs in', async () => {
      const sent = await sendCode(NEW_PHONE);
      expect(sent.statusCode).toBe(200);
      expect(sent.json()).toBe(true);
      const code = sim.lastSmsCode(NEW_PHONE)!;
      expect(code).toMatch(/^\d{6}$/);
      const outbox = await call(
        sim,
        'GET',
        `/__sandbox/outbox?to=${encodeURIComponent(NEW_PHONE)}`,
      );
      expect(outbox.json().sms[0]).toMatchObject({ phone: NEW_PHONE, code });
      // `+` unencoded in a query string is a space: the knob still finds the number.
      const typed = await call(sim, 'GET', `/__sandbox/outbox?to=${NEW_PHONE}`);
      expect(typed.json().sms).toHaveLength(1);

      const validated = await validate(NEW_PHONE, code);
      expect(validated.statusCode).toBe(200);
      const token = validated.json().valid_token as string;
      expectError(await validate(NEW_PHONE, code), 400, 'Validation code is invalid');

      const signedUp = await call(sim, 'POST', '/api/v1/lux/auth/email/signup', {
        token,
        json: luxSignUpBody(),
      });
      expect(signedUp.statusCode).toBe(200);
      expect(signedUp.json()).toMatchObject({ token_type: 'bearer', expires_in: 900, id: 9 });
      const me = await call(sim, 'GET', '/api/v1/lux/user/me', {
        token: signedUp.json().access_token,
      });
      expect(me.json()).toMatchObject({
        root_user_id: 9,
        first_name: 'Minji Park',
        birthdate: '19970131',
        phone: NEW_PHONE,
        is_phone_number_checked: true,
        national_code: 'KR',
      });
      const signIn = await signInRequest(sim, 'lux', 'new@junction.dev', 'new-secret-1');
      expect(signIn.statusCode).toBe(200);
      // The valid_token signs up once.
      expectError(
        await call(sim, 'POST', '/api/v1/lux/auth/email/signup', {
          token,
          json: luxSignUpBody(NEW_PHONE, 'other@junction.dev'),
        }),
        401,
        'Token is invalid',
      );
    });

    it('answers send-sms-auth errors', async () => {
      expectError(await sendCode('01077778888'), 400, 'Phone number is invalid');
      expectError(await sendCode(SMS_UNDELIVERABLE_PHONE), 409, 'Failed to send SMS');
    });

    it('answers phone-number-validation errors, code first', async () => {
      expectError(await validate(NEW_PHONE, '123456'), 400, 'Validation code is invalid');
      await sendCode(NEW_PHONE);
      const code = sim.lastSmsCode(NEW_PHONE)!;
      expectError(
        await validate(NEW_PHONE, code === '000000' ? '000001' : '000000'),
        400,
        'Validation code is invalid',
      );
      clock += SMS_CODE_TTL_MS;
      expectError(await validate(NEW_PHONE, code), 400, 'Validation code is expired');
      // A registered number (demo's) and a deleted account's number, after the right code.
      await sendCode('+821012345678');
      expectError(
        await validate('+821012345678', sim.lastSmsCode('+821012345678')!),
        409,
        'Phone number is already registered',
      );
      await sendCode('+821055550003');
      expectError(
        await validate('+821055550003', sim.lastSmsCode('+821055550003')!),
        403,
        'User previously deleted',
      );
    });

    it('answers email/signup errors', async () => {
      const path = '/api/v1/lux/auth/email/signup';
      expectError(
        await call(sim, 'POST', path, { json: luxSignUpBody() }),
        401,
        'Not authenticated',
      );
      expectError(
        await call(sim, 'POST', path, { token: 'valid_nope', json: luxSignUpBody() }),
        401,
        'Token is invalid',
      );
      const token = await verifiedToken();
      // The token verified another number.
      expectError(
        await call(sim, 'POST', path, { token, json: luxSignUpBody('+821099998888') }),
        401,
        'Token is invalid',
      );
      expectError(
        await call(sim, 'POST', path, {
          token,
          json: luxSignUpBody(NEW_PHONE, 'not-an-email'),
        }),
        400,
        'Email is not valid',
      );
      expectError(
        await call(sim, 'POST', path, {
          token,
          json: luxSignUpBody(NEW_PHONE, 'DEMO@junction.dev'),
        }),
        409,
        'Same email is already registered',
      );
      clock += 600_000;
      expectError(
        await call(sim, 'POST', path, { token, json: luxSignUpBody() }),
        401,
        'Token is invalid',
      );
    });
  });

  describe('Lux recovery', () => {
    const findId = (phone: string, validnum: string) =>
      call(sim, 'POST', '/api/v1/lux/auth/find-id-by-phone', { json: { phone, validnum } });

    it('finds the account of a verified phone', async () => {
      await sendCode('+821012345678');
      const found = await findId('+821012345678', sim.lastSmsCode('+821012345678')!);
      expect(found.statusCode).toBe(200);
      expect(found.json()).toEqual({ email: 'demo@junction.dev', provider: 'email' });
      await sendCode('+821055550008');
      expect((await findId('+821055550008', sim.lastSmsCode('+821055550008')!)).json()).toEqual({
        email: 'social@junction.dev',
        provider: 'kakao',
      });
    });

    it('answers find-id-by-phone errors', async () => {
      expectError(await findId('+821012345678', '123456'), 400, 'Validation code is invalid');
      await sendCode(NEW_PHONE);
      expectError(
        await findId(NEW_PHONE, sim.lastSmsCode(NEW_PHONE)!),
        404,
        'User id is not found',
      );
      await sendCode('+821055550003');
      expectError(
        await findId('+821055550003', sim.lastSmsCode('+821055550003')!),
        403,
        'User previously deleted',
      );
      await sendCode(NEW_PHONE);
      sim.expireSmsCodes();
      expectError(
        await findId(NEW_PHONE, sim.lastSmsCode(NEW_PHONE)!),
        400,
        'Validation code is expired',
      );
    });

    it('sends reset mails, or says why not', async () => {
      const reset = (email: string) =>
        call(sim, 'POST', '/api/v1/lux/auth/send-reset-mail', { json: { email } });
      const sent = await reset('demo@junction.dev');
      expect(sent.json()).toEqual({
        statusCode: 200,
        message: 'User reset password email send successfully',
      });
      expect(sim.outbox.mail).toEqual([
        expect.objectContaining({
          to: 'demo@junction.dev',
          product: 'lux',
          kind: 'reset-password',
        }),
      ]);
      expectError(await reset('social@junction.dev'), 400, 'User signed up using a social account');
      expectError(await reset('nobody@junction.dev'), 404, 'User ID not found');
      expectError(await reset('deleted@junction.dev'), 404, 'User ID not found');
    });
  });

  describe('Legacy', () => {
    it('signs up unverified, mails a link, and signs in once the link is followed', async () => {
      const response = await call(sim, 'POST', '/api/v1/legacy/auth/signup', {
        json: legacySignUpBody(),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ statusCode: 201, message: 'User created successfully' });
      expectError(
        await signInRequest(sim, 'legacy', 'elder@junction.dev', '1234'),
        403,
        'Email is not verified',
      );
      const outbox = (await call(sim, 'GET', '/__sandbox/outbox?to=elder@junction.dev')).json();
      const link = outbox.mail[0].link as string;
      expect(link).toMatch(/^\/__sandbox\/outbox\/verify-email\//);
      expect((await call(sim, 'GET', link)).json()).toEqual({
        email: 'elder@junction.dev',
        verified: true,
      });
      expect((await call(sim, 'GET', link)).statusCode).toBe(404);
      expect((await signInRequest(sim, 'legacy', 'elder@junction.dev', '1234')).statusCode).toBe(
        200,
      );
    });

    it('answers signup errors', async () => {
      const path = '/api/v1/legacy/auth/signup';
      expectError(
        await call(sim, 'POST', path, { json: legacySignUpBody('nope') }),
        400,
        'Email is not valid',
      );
      expectError(
        await call(sim, 'POST', path, { json: legacySignUpBody('demo2@junction.dev') }),
        409,
        'Same email is already registered',
      );
      const missing = await call(sim, 'POST', path, { json: { email: 'a@b.co' } });
      expect(missing.statusCode).toBe(422);
    });

    it('finds an e-mail by phone, birthdate and gender, as a bare string', async () => {
      const find = (json: unknown) => call(sim, 'POST', '/api/v1/legacy/auth/find-id', { json });
      const found = await find({ birthdate: '1988-03-15', phone: '010-1234-5678', gender: 'F' });
      expect(found.statusCode).toBe(200);
      expect(found.body).toBe('"demo@junction.dev"');
      expectError(
        await find({ birthdate: '1988-03-16', phone: '010-1234-5678', gender: 'F' }),
        404,
        'User id not found',
      );
    });

    it('sends reset mails and checks e-mails', async () => {
      const reset = (email: string) =>
        call(sim, 'POST', '/api/v1/legacy/auth/send-reset-mail', { json: { email } });
      expect((await reset('demo2@junction.dev')).json()).toEqual({
        statusCode: 200,
        message: 'User reset password email send successfully',
      });
      expectError(await reset('nobody@junction.dev'), 404, 'User ID not found');
      const check = (email: string) =>
        call(sim, 'GET', `/api/v1/legacy/user/dup-check-email/${encodeURIComponent(email)}`);
      expect((await check('demo2@junction.dev')).json()).toBe(false);
      expect((await check('free@junction.dev')).json()).toBe(true);
      expect(
        (await call(sim, 'GET', '/api/v1/legacy/user/dup-check-phone/010-1234-5678')).json(),
      ).toBe(false);
    });
  });

  it('reset() forgets codes and mails', async () => {
    await sendCode(NEW_PHONE);
    sim.reset();
    expect(sim.lastSmsCode(NEW_PHONE)).toBeUndefined();
    expect((await call(sim, 'GET', '/__sandbox/outbox')).json()).toEqual({ sms: [], mail: [] });
  });
});
