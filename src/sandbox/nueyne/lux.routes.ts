import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NueyneHttpError, formatNaive, optional, pathInt, required, validateBody } from './fastapi';
import type { NueyneContext, Principal } from './nueyne.auth';
import { nextId, type LuxRealUser, type LuxUser } from './nueyne.state';

const BASE = '/api/v1/lux/user';
const PASSWORD_MAX_AGE_MS = 90 * 86_400_000;

/** The validation codes of `change-phone` (the SMS itself is not simulated). */
export const VALID_SMS_CODE = '123456';
export const EXPIRED_SMS_CODE = '000000';

/** FCM registration tokens: letters, digits, `_`, `-`, `:` and `.`, nothing else. */
const PUSH_TOKEN_FORMAT = /^[A-Za-z0-9_:.-]+$/;

const error = (status: number, detail: string) => new NueyneHttpError(status, detail);

const profileBody = {
  first_name: optional('str'),
  last_name: optional('str'),
  birthdate: optional('str'),
  gender: optional('str'),
};

const validBirthdate = (value: string): boolean => {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
const validGender = (value: string): boolean => ['M', 'F', 'N', 'P'].includes(value);

const flag = (value: boolean): number => (value ? 1 : 0);

function realUserView(member: LuxRealUser) {
  return {
    id: member.id,
    root_user_id: member.root_user_id,
    first_name: member.first_name,
    last_name: member.last_name,
    birthdate: member.birthdate,
    gender: member.gender,
  };
}

/** The Lux user routes of the seed page `001` (유저). */
export function registerLuxRoutes(app: FastifyInstance, ctx: NueyneContext): void {
  // As in FastAPI: the bearer dependency first, then request validation, then the route body,
  // which looks the user up (a token minted for an unknown e-mail has none; one may be deleted).
  const authenticate = (request: FastifyRequest): Principal =>
    ctx.tokens.authenticate(request, 'lux');
  const findUser = (principal: Principal): LuxUser | undefined =>
    ctx.state.lux.users.find((user) => user.id === principal.userId);
  const liveUser = (principal: Principal, missing: NueyneHttpError): LuxUser => {
    const user = findUser(principal);
    if (!user || user.status === 'deleted') throw missing;
    return user;
  };
  const ownedMember = (user: LuxUser, id: number): LuxRealUser => {
    const member = ctx.state.lux.realUsers.find(
      (candidate) => candidate.id === id && !candidate.deleted,
    );
    if (!member) throw error(404, 'Real user is not found');
    if (member.root_user_id !== user.id) throw error(401, 'Not authorized user');
    return member;
  };

  /** The profile fields `GET /me` and `PATCH /root-user` both answer, in Lux's order. */
  const profileOf = (user: LuxUser) => ({
    first_name: user.first_name,
    last_name: user.last_name,
    birthdate: user.birthdate,
    gender: user.gender,
    phone: user.phone,
    is_phone_number_checked: user.is_phone_number_checked,
    register_type: user.register_type,
  });

  app.get(`${BASE}/me`, (request) => {
    const user = findUser(authenticate(request));
    if (!user) throw error(401, 'User is None');
    if (user.status === 'deleted') throw error(401, 'User is Deleted');
    const passwordAge = ctx.now() - Date.parse(`${user.password_changed_at}Z`);
    return {
      root_user_id: user.id,
      ...profileOf(user),
      national_code: user.national_code,
      need_personal_info_update: user.need_personal_info_update,
      need_to_pwd_change: passwordAge > PASSWORD_MAX_AGE_MS,
      is_device_muted: user.is_device_muted,
      is_device_alim_talk_enabled: user.is_device_alim_talk_enabled,
      is_basestation_alert_enabled: user.is_basestation_alert_enabled,
    };
  });

  app.patch(`${BASE}/root-user`, (request) => {
    const principal = authenticate(request);
    const body = validateBody(request.body, profileBody);
    const user = findUser(principal);
    if (!user) throw error(401, 'User is None');
    if (user.status === 'deleted') throw error(401, 'User is Deleted');
    for (const field of ['first_name', 'last_name', 'birthdate', 'gender'] as const) {
      const value = body[field];
      if (typeof value === 'string') user[field] = value;
    }
    user.need_personal_info_update = false;
    return {
      id: user.id,
      ...profileOf(user),
    };
  });

  app.patch(`${BASE}/policy`, (request) => {
    const principal = authenticate(request);
    const body = validateBody(request.body, {
      is_push_agree: optional('bool'),
      is_marketing_agree: optional('bool'),
    });
    const user = liveUser(principal, error(404, 'User not found'));
    const policy = user.policy;
    if (!policy) throw error(404, 'User policy not found');
    if (!user.push_token) throw error(409, 'User policy update failed');
    const now = formatNaive(ctx.now());
    if (typeof body.is_push_agree === 'boolean') {
      policy.is_push_agree = body.is_push_agree;
      policy.push_agree_date = now;
    }
    if (typeof body.is_marketing_agree === 'boolean') {
      policy.is_marketing_agree = body.is_marketing_agree;
      policy.marketing_agree_date = now;
    }
    return { ...policy };
  });

  app.post(`${BASE}/push/set-token`, (request, reply) => {
    const principal = authenticate(request);
    const body = validateBody(request.body, { token: required('str') });
    const user = liveUser(principal, error(404, 'User not found'));
    // "permisson" is the upstream's spelling.
    if (!user.policy?.is_push_agree) throw error(400, 'Push permisson denied');
    if (!PUSH_TOKEN_FORMAT.test(body.token)) throw error(409, 'User push token update failed');
    user.push_token = body.token;
    return reply.type('application/json').send(JSON.stringify(body.token));
  });

  app.post(`${BASE}/create-real-user`, (request) => {
    const principal = authenticate(request);
    const body = validateBody(request.body, {
      first_name: required('str'),
      last_name: required('str'),
      birthdate: required('str'),
      gender: required('str'),
      serial_code: required('str'),
      mac_id: required('str'),
      unique_id: required('str'),
    });
    const user = liveUser(principal, error(401, 'Not authorized user'));
    const device = ctx.state.lux.devices.find(
      (candidate) => candidate.unique_id === body.unique_id,
    );
    if (!device) throw error(404, 'Not Found Device');
    if (device.serial_code === null || device.serial_code !== body.serial_code) {
      throw error(400, 'Serial code is not valid');
    }
    if (device.real_user_id !== null) throw error(409, 'Already Connected Device');
    // The insert fails on a malformed birthdate (yyyymmdd) or gender (M, F, N, P).
    if (user.corrupt || !validBirthdate(body.birthdate) || !validGender(body.gender)) {
      throw error(409, 'Real user create failed');
    }
    const member: LuxRealUser = {
      id: nextId(ctx.state.lux.realUsers),
      root_user_id: user.id,
      first_name: body.first_name,
      last_name: body.last_name,
      birthdate: body.birthdate,
      gender: body.gender,
      device_id: device.id,
      created_at: formatNaive(ctx.now()),
      deleted: false,
    };
    ctx.state.lux.realUsers.push(member);
    device.real_user_id = member.id;
    device.mac_id = body.mac_id;
    device.device_alias ??= `LUX-${body.mac_id}`;
    return {
      real_user_id: member.id,
      first_name: member.first_name,
      last_name: member.last_name,
      birthdate: member.birthdate,
      gender: member.gender,
      device_id: device.id,
      now_firmware_id: device.now_firmware_id,
      unique_id: device.unique_id,
      serial_code: device.serial_code,
      device_alias: device.device_alias,
      last_log_file_id: device.last_log_file_id,
      created_at: member.created_at,
    };
  });

  app.get(`${BASE}/real-user/:real_user_id`, (request) => {
    const principal = authenticate(request);
    const id = pathInt(request, 'real_user_id');
    return realUserView(ownedMember(liveUser(principal, error(401, 'Not authorized user')), id));
  });

  app.patch(`${BASE}/update-real-user`, (request) => {
    const principal = authenticate(request);
    const body = validateBody(request.body, { id: required('int'), ...profileBody });
    const user = liveUser(principal, error(401, 'User is None'));
    const member = ownedMember(user, body.id);
    for (const field of ['first_name', 'last_name', 'birthdate', 'gender'] as const) {
      const value = body[field];
      if (typeof value === 'string') member[field] = value;
    }
    return realUserView(member);
  });

  app.post(`${BASE}/change-phone`, (request) => {
    const principal = authenticate(request);
    const body = validateBody(request.body, { phone: required('str'), validnum: optional('str') });
    const user = findUser(principal);
    if (!user) throw error(401, 'User is None');
    if (user.status === 'deleted') throw error(403, 'User previously deleted');
    if (body.validnum === EXPIRED_SMS_CODE) throw error(400, 'Validation code is expired');
    if (body.validnum !== VALID_SMS_CODE) throw error(400, 'Validation code is invalid');
    const holder = ctx.state.lux.users.find(
      (other) => other.id !== user.id && other.phone === body.phone,
    );
    if (holder?.status === 'deleted') throw error(403, 'User previously deleted');
    if (holder) throw error(409, 'Phone number is already registered');
    user.phone = body.phone;
    user.is_phone_number_checked = true;
    return { statusCode: 200, message: 'Root user phone updated' };
  });

  app.patch(`${BASE}/notification`, (request) => {
    const principal = authenticate(request);
    const body = validateBody(request.body, {
      is_device_muted: required('bool'),
      is_device_alim_talk_enabled: required('bool'),
      is_basestation_alert_enabled: required('bool'),
    });
    const user = liveUser(principal, error(404, 'User not found'));
    if (user.corrupt) throw error(409, 'User notification update failed');
    user.is_device_muted = body.is_device_muted;
    user.is_device_alim_talk_enabled = body.is_device_alim_talk_enabled;
    user.is_basestation_alert_enabled = body.is_basestation_alert_enabled;
    // Read back from TINYINT columns: 0 or 1, as in the seed page's example.
    return {
      is_device_muted: flag(user.is_device_muted),
      is_device_alim_talk_enabled: flag(user.is_device_alim_talk_enabled),
      is_basestation_alert_enabled: flag(user.is_basestation_alert_enabled),
    };
  });

  app.delete(`${BASE}/delete-real-user`, (request) => {
    const principal = authenticate(request);
    const body = validateBody(request.body, {
      real_user_id: required('int'),
      unique_id: required('str'),
    });
    const user = liveUser(principal, error(401, 'Not authorized user'));
    const member = ownedMember(user, body.real_user_id);
    const device = ctx.state.lux.devices.find(
      (candidate) => candidate.unique_id === body.unique_id && candidate.id === member.device_id,
    );
    if (!device || user.corrupt) throw error(409, 'Real user delete failed');
    member.deleted = true;
    member.device_id = null;
    device.real_user_id = null;
    return { statusCode: 200, message: 'Real user deleted successfully' };
  });

  app.delete(`${BASE}/root-user`, (request) => {
    const user = liveUser(authenticate(request), error(404, 'User not found'));
    if (!user.sign_in_type) throw error(404, 'Sign in type is not found');
    user.status = 'deleted';
    for (const member of ctx.state.lux.realUsers) {
      if (member.root_user_id !== user.id || member.deleted) continue;
      const device = ctx.state.lux.devices.find((candidate) => candidate.id === member.device_id);
      if (device) device.real_user_id = null;
      member.deleted = true;
      member.device_id = null;
    }
    ctx.tokens.endRefreshOfUser('lux', user.id);
    return { statusCode: 200, message: 'Root user deleted' };
  });
}
