import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  NueyneHttpError,
  formatNaive,
  optional,
  pathString,
  required,
  validateBody,
} from './fastapi';
import { unauthorized, type NueyneContext } from './nueyne.auth';
import { nextId, type LegacyUser, type LuxUser } from './nueyne.state';
import type { NueyneOutbox } from './outbox';

/** What the onboarding routes need besides the database and the tokens. */
export interface AccountsContext extends NueyneContext {
  readonly outbox: NueyneOutbox;
}

/** A number the simulated SMS provider cannot deliver to (`send-sms-auth` 409 `Failed to send SMS`). */
export const SMS_UNDELIVERABLE_PHONE = '+821000000000';

const error = (status: number, detail: string) => new NueyneHttpError(status, detail);

/** What Nueyne's validators plausibly accept: E.164, and an address with one `@` and a dot. */
const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const sameEmail = (a: string, b: string): boolean =>
  a.trim().toLowerCase() === b.trim().toLowerCase();

/** Lux `register_type` -> `find-id-by-phone`'s `provider`. */
const PROVIDER: Record<string, string> = {
  E: 'email',
  K: 'kakao',
  G: 'google',
  A: 'apple',
  N: 'naver',
};

const RESET_SENT = { statusCode: 200, message: 'User reset password email send successfully' };

/**
 * The onboarding routes of both products, from Nueyne's public developer docs (Lux `auth.md`,
 * Elexir Legacy `auth.md` and `user.md`): SMS codes, phone validation, sign-up, find-id and
 * password-reset mails, and Legacy's e-mail check. Codes and mails go to the outbox
 * (`GET /__sandbox/outbox`) instead of a phone or an inbox.
 */
export function registerAccountRoutes(app: FastifyInstance, ctx: AccountsContext): void {
  const luxUsers = () => ctx.state.lux.users;
  const legacyUsers = () => ctx.state.legacy.users;

  /** The code check of validation and find-id; the code is used up when right. */
  const checkCode = (phone: string, code: string): void => {
    const result = ctx.outbox.checkCode(phone, code);
    if (result === 'expired') throw error(400, 'Validation code is expired');
    if (result === 'invalid') throw error(400, 'Validation code is invalid');
  };

  // --- Lux -------------------------------------------------------------------------------

  app.post('/api/v1/lux/auth/send-sms-auth', (request) => {
    const body = validateBody(request.body, { phone: required('str') });
    if (!E164.test(body.phone)) throw error(400, 'Phone number is invalid');
    // The docs also list 409 `Phone number is already registered` here, yet the same route serves
    // account recovery (find-id-by-phone), which needs a code for a registered number: the
    // simulator sends to every number and answers that 409 only through a fault rule.
    if (body.phone === SMS_UNDELIVERABLE_PHONE) throw error(409, 'Failed to send SMS');
    ctx.outbox.sendCode(body.phone);
    return true;
  });

  app.post('/api/v1/lux/auth/phone-number-validation', (request) => {
    const body = validateBody(request.body, { phone: required('str'), validnum: required('str') });
    // The code first, so the answer says nothing about the number to someone without it.
    checkCode(body.phone, body.validnum);
    const holders = luxUsers().filter((user) => user.phone === body.phone);
    if (holders.some((user) => user.status !== 'deleted'))
      throw error(409, 'Phone number is already registered');
    if (holders.length > 0) throw error(403, 'User previously deleted');
    return { valid_token: ctx.outbox.issueValidToken(body.phone) };
  });

  app.post('/api/v1/lux/auth/email/signup', (request) => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^bearer\s+(.*)$/i.exec(header.trim()) : null;
    if (!match) throw unauthorized('Not authenticated');
    const body = validateBody(request.body, {
      email: required('str'),
      password: required('str'),
      first_name: required('str'),
      last_name: required('str'),
      birthdate: required('str'),
      gender: required('str'),
      phone: required('str'),
      register_type: required('str'),
      is_push_agree: required('bool'),
      is_marketing_agree: required('bool'),
      national_code: required('str'),
    });
    const validToken = match[1].trim();
    const verifiedPhone = ctx.outbox.validTokenPhone(validToken);
    // The token verified one phone number; it signs up that number only.
    if (verifiedPhone === undefined || verifiedPhone !== body.phone)
      throw unauthorized('Token is invalid');
    if (!EMAIL.test(body.email)) throw error(400, 'Email is not valid');
    if (luxUsers().some((user) => sameEmail(user.email, body.email)))
      throw error(409, 'Same email is already registered');
    const now = formatNaive(ctx.now());
    const user: LuxUser = {
      id: nextId(luxUsers()),
      email: body.email.trim().toLowerCase(),
      password: body.password,
      status: 'active',
      first_name: body.first_name,
      last_name: body.last_name,
      birthdate: body.birthdate,
      gender: body.gender,
      phone: body.phone,
      is_phone_number_checked: true,
      register_type: body.register_type,
      sign_in_type: body.register_type === 'E' ? 'email' : 'social',
      national_code: body.national_code,
      need_personal_info_update: false,
      password_changed_at: now,
      is_device_muted: false,
      is_device_alim_talk_enabled: false,
      is_basestation_alert_enabled: false,
      push_token: null,
      policy: {
        is_push_agree: body.is_push_agree,
        is_marketing_agree: body.is_marketing_agree,
        push_agree_date: body.is_push_agree ? now : null,
        marketing_agree_date: body.is_marketing_agree ? now : null,
      },
      corrupt: false,
    };
    luxUsers().push(user);
    ctx.outbox.useValidToken(validToken);
    return ctx.tokens.signIn('lux', user.id, user.email);
  });

  app.post('/api/v1/lux/auth/find-id-by-phone', (request) => {
    const body = validateBody(request.body, { phone: required('str'), validnum: required('str') });
    checkCode(body.phone, body.validnum);
    const holders = luxUsers().filter((user) => user.phone === body.phone);
    const live = holders.find((user) => user.status !== 'deleted');
    if (!live && holders.length > 0) throw error(403, 'User previously deleted');
    if (!live) throw error(404, 'User id is not found');
    return { email: live.email, provider: PROVIDER[live.register_type] ?? live.register_type };
  });

  app.post('/api/v1/lux/auth/send-reset-mail', (request) => {
    const body = validateBody(request.body, { email: required('str') });
    const user = luxUsers().find(
      (candidate) => sameEmail(candidate.email, body.email) && candidate.status !== 'deleted',
    );
    if (!user) throw error(404, 'User ID not found');
    if (user.sign_in_type === 'social' || user.register_type !== 'E')
      throw error(400, 'User signed up using a social account');
    ctx.outbox.sendMail({ to: user.email, product: 'lux', kind: 'reset-password' });
    return RESET_SENT;
  });

  // --- Elexir Legacy -----------------------------------------------------------------------

  app.post('/api/v1/legacy/auth/signup', (request) => {
    const body = validateBody(request.body, {
      email: required('str'),
      password: required('str'),
      phone: required('str'),
      username: required('str'),
      relation: required('str'),
      gender: required('str'),
      birthdate: required('str'),
      gender_real: required('str'),
      birthdate_real: required('str'),
      social_google_id: optional('str'),
      social_kakao_id: optional('str'),
      social_naver_id: optional('str'),
      social_apple_id: optional('str'),
      is_marketing_agree: required('bool'),
      is_push_agree: required('bool'),
      adrs: required('str'),
      adrs_city: required('str'),
    });
    if (!EMAIL.test(body.email)) throw error(400, 'Email is not valid');
    if (legacyUsers().some((user) => sameEmail(user.email, body.email)))
      throw error(409, 'Same email is already registered');
    const email = body.email.trim().toLowerCase();
    const { password, ...details } = body;
    const user: LegacyUser = {
      id: nextId(legacyUsers()),
      email,
      password,
      // Signs in only once the address is verified (sign-in 403 `Email is not verified`).
      status: 'unverified',
      phone: body.phone,
      birthdate: body.birthdate,
      gender: body.gender,
      username: body.username,
      signup: details,
    };
    legacyUsers().push(user);
    ctx.outbox.sendMail({
      to: email,
      product: 'legacy',
      kind: 'verify-email',
      link: ctx.outbox.emailVerificationLink(email),
    });
    return { statusCode: 201, message: 'User created successfully' };
  });

  app.post('/api/v1/legacy/auth/find-id', (request, reply) => {
    const body = validateBody(request.body, {
      birthdate: required('str'),
      phone: required('str'),
      gender: required('str'),
    });
    const user = legacyUsers().find(
      (candidate) =>
        candidate.status !== 'deleted' &&
        candidate.phone === body.phone &&
        candidate.birthdate === body.birthdate &&
        candidate.gender === body.gender,
    );
    if (!user) throw error(404, 'User id not found');
    return reply.type('application/json').send(JSON.stringify(user.email));
  });

  app.post('/api/v1/legacy/auth/send-reset-mail', (request) => {
    const body = validateBody(request.body, { email: required('str') });
    const user = legacyUsers().find(
      (candidate) => sameEmail(candidate.email, body.email) && candidate.status !== 'deleted',
    );
    if (!user) throw error(404, 'User ID not found');
    ctx.outbox.sendMail({ to: user.email, product: 'legacy', kind: 'reset-password' });
    return RESET_SENT;
  });

  // The docs' page says every user route takes a bearer token, yet these checks run before there
  // is an account; the simulator answers them without one.
  app.get('/api/v1/legacy/user/dup-check-email/:email', (request: FastifyRequest) => {
    const email = pathString(request, 'email');
    return !legacyUsers().some((user) => sameEmail(user.email, email));
  });

  app.get('/api/v1/legacy/user/dup-check-phone/:phone', (request: FastifyRequest) => {
    const phone = pathString(request, 'phone');
    return !legacyUsers().some((user) => user.phone === phone);
  });

  // --- Sandbox knobs ---------------------------------------------------------------------

  /** `+` in a query string is a space; a phone typed as `?to=+8210...` still matches. */
  const sameAddress = (a: string, b: string): boolean => {
    const digits = (text: string) => text.replace(/[^\d]/g, '');
    return a.includes('@') || b.includes('@')
      ? sameEmail(a, b)
      : digits(a) !== '' && digits(a) === digits(b);
  };

  app.get('/__sandbox/outbox', (request) => {
    const to = (request.query as { to?: unknown }).to;
    const wanted = typeof to === 'string' && to.trim() !== '' ? to.trim() : undefined;
    const sms = ctx.outbox.sms.filter((m) => !wanted || sameAddress(m.phone, wanted));
    const mail = ctx.outbox.mail.filter((m) => !wanted || sameAddress(m.to, wanted));
    return { sms: [...sms].reverse(), mail: [...mail].reverse() };
  });

  app.delete('/__sandbox/outbox', async (_request, reply) => {
    ctx.outbox.clear();
    return reply.status(204).send();
  });

  app.get('/__sandbox/outbox/verify-email/:token', async (request, reply) => {
    const email = ctx.outbox.followEmailLink(pathString(request, 'token'));
    const user = email ? legacyUsers().find((candidate) => candidate.email === email) : undefined;
    if (!user) return reply.status(404).send({ error: 'unknown or used verification link' });
    if (user.status === 'unverified') user.status = 'active';
    return { email: user.email, verified: true };
  });
}
