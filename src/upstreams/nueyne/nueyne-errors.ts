import { ERROR_CODES, ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { UpstreamResponse } from '../http/upstream-http.types';
import { FastApiIssueVendor } from './vendor/nueyne-error.vendor';

/**
 * One documented Nueyne error: the upstream's status and `detail` text, the stable public code
 * (its HTTP status comes from the ErrorCode table) and the public `detail` sentence.
 */
export interface NueyneErrorRow {
  status: number;
  detail: string;
  code: ErrorCode;
  message: string;
  /** The request field the upstream refused (named in the problem's `errors`), if one. */
  field?: string;
  /** Only for these upstream routes (route labels); the row applies everywhere when absent. */
  routes?: readonly string[];
  /** Where the row comes from, for readers and for the row-by-row spec. */
  source: string;
}

export const NUEYNE_ROUTES = {
  me: 'GET /api/v1/lux/user/me',
  updateRootUser: 'PATCH /api/v1/lux/user/root-user',
  deleteRootUser: 'DELETE /api/v1/lux/user/root-user',
  policy: 'PATCH /api/v1/lux/user/policy',
  pushToken: 'POST /api/v1/lux/user/push/set-token',
  notification: 'PATCH /api/v1/lux/user/notification',
  changePhone: 'POST /api/v1/lux/user/change-phone',
  createRealUser: 'POST /api/v1/lux/user/create-real-user',
  realUser: 'GET /api/v1/lux/user/real-user/:real_user_id',
  updateRealUser: 'PATCH /api/v1/lux/user/update-real-user',
  deleteRealUser: 'DELETE /api/v1/lux/user/delete-real-user',
  myDevices: 'GET /api/v1/legacy/device/my-devices',
  checkDevice: 'GET /api/v1/legacy/device/check-device',
  setMyDevice: 'POST /api/v1/legacy/device/set-my-device',
  unConnect: 'PATCH /api/v1/legacy/device/un-connect',
  devlog: 'POST /api/v1/legacy/device/devlog',
  tempLog: 'POST /api/v1/elexir/device/devlog/temp',
  lastTime: 'GET /api/v1/legacy/device/devlog/lasttime/:device_id',
  myDevlog: 'GET /api/v1/legacy/device/my-devlog/:year_month',
} as const;

const R = NUEYNE_ROUTES;

/** Every `detail` of seed pages 000 and 001, plus the common ones (upstreams.md). */
export const NUEYNE_ERROR_TABLE: readonly NueyneErrorRow[] = [
  // --- Lux user (001) ---
  {
    status: 401,
    detail: 'User is None',
    code: ErrorCode.USER_NOT_FOUND,
    message: 'The Lux account of this session does not exist.',
    source: '001 me, root-user, update-real-user',
  },
  {
    status: 401,
    detail: 'User is Deleted',
    code: ErrorCode.ACCOUNT_DELETED,
    message: 'The Lux account of this session was deleted.',
    source: '001 me, root-user',
  },
  {
    status: 404,
    detail: 'User not found',
    code: ErrorCode.USER_NOT_FOUND,
    message: 'The Lux account of this session does not exist.',
    source: '001 policy, notification',
  },
  {
    status: 404,
    detail: 'User policy not found',
    code: ErrorCode.USER_POLICY_NOT_FOUND,
    message: 'The Lux account has no consent policy record yet.',
    source: '001 policy',
  },
  {
    status: 409,
    detail: 'User policy update failed',
    code: ErrorCode.PUSH_TOKEN_MISSING,
    message: 'The consent policy cannot change before a push token is set (PUT /v1/me/push-token).',
    source: '001 policy',
  },
  {
    // "permisson" is the upstream's spelling.
    status: 400,
    detail: 'Push permisson denied',
    code: ErrorCode.PUSH_NOT_PERMITTED,
    message: 'Push notifications are not agreed to (PATCH /v1/me/policy with isPushAgree true).',
    source: '001 push/set-token',
  },
  {
    status: 409,
    detail: 'User push token update failed',
    code: ErrorCode.PUSH_TOKEN_INVALID,
    message: 'Nueyne refused the push token; check that it is an FCM registration token.',
    source: '001 push/set-token',
  },
  {
    status: 409,
    detail: 'Real user create failed',
    code: ErrorCode.MEMBER_CREATE_FAILED,
    message: 'Nueyne could not create the member.',
    source: '001 create-real-user',
  },
  {
    status: 400,
    detail: 'Serial code is not valid',
    code: ErrorCode.SERIAL_CODE_INVALID,
    message: 'The serial code does not belong to that device.',
    source: '001 create-real-user',
  },
  {
    status: 401,
    detail: 'Not authorized user',
    code: ErrorCode.NOT_AUTHORIZED_FOR_RESOURCE,
    message: 'This account may not access that member.',
    source: '001 create-real-user, real-user, update-real-user, delete-real-user',
  },
  {
    status: 404,
    detail: 'Not Found Device',
    code: ErrorCode.DEVICE_NOT_FOUND,
    message: 'No device has that unique id.',
    source: '001 create-real-user; 000 check-device, set-my-device, un-connect',
  },
  {
    status: 409,
    detail: 'Already Connected Device',
    code: ErrorCode.DEVICE_ALREADY_CONNECTED,
    message: 'The device is connected to another account.',
    source: '001 create-real-user; 000 check-device, set-my-device',
  },
  {
    status: 404,
    detail: 'Real user is not found',
    code: ErrorCode.MEMBER_NOT_FOUND,
    message: 'No such member.',
    source: '001 real-user, update-real-user, delete-real-user',
  },
  {
    status: 400,
    detail: 'Validation code is expired',
    code: ErrorCode.VERIFICATION_CODE_EXPIRED,
    message: 'The SMS verification code has expired; request a new one.',
    source: '001 change-phone',
  },
  {
    status: 400,
    detail: 'Validation code is invalid',
    code: ErrorCode.VERIFICATION_CODE_INVALID,
    message: 'The SMS verification code is wrong or missing.',
    source: '001 change-phone',
  },
  {
    status: 403,
    detail: 'User previously deleted',
    code: ErrorCode.ACCOUNT_DELETED,
    message: 'The phone number belongs to a deleted account, or this account was deleted.',
    source: '001 change-phone',
  },
  {
    status: 409,
    detail: 'Phone number is already registered',
    code: ErrorCode.PHONE_ALREADY_REGISTERED,
    message: 'Another account already uses this phone number.',
    source: '001 change-phone',
  },
  {
    status: 409,
    detail: 'User notification update failed',
    code: ErrorCode.NOTIFICATION_UPDATE_FAILED,
    message: 'Nueyne could not store the notification settings.',
    source: '001 notification',
  },
  {
    status: 409,
    detail: 'Real user delete failed',
    code: ErrorCode.MEMBER_DELETE_FAILED,
    message: 'Nueyne could not delete the member; check that uniqueId is that member’s device.',
    source: '001 delete-real-user',
  },
  {
    status: 404,
    detail: 'Sign in type is not found',
    code: ErrorCode.ACCOUNT_DELETE_FAILED,
    message: 'Nueyne could not delete the account (its sign-in type record is missing).',
    source: '001 DELETE root-user',
  },
  // --- Elexir Legacy devices (000) ---
  {
    status: 500,
    detail: 'Internal Server Error',
    code: ErrorCode.UPSTREAM_ERROR,
    message: 'Nueyne failed to list the devices.',
    source: '000 my-devices',
  },
  {
    status: 400,
    detail: 'This device is not registered',
    code: ErrorCode.DEVICE_NOT_REGISTERED,
    message: 'The device was never given a serial code at the factory.',
    source: '000 check-device',
  },
  {
    status: 400,
    detail: 'Device Connection Failed',
    code: ErrorCode.DEVICE_CONNECTION_FAILED,
    message: 'Nueyne could not check or connect the device (its records are incomplete).',
    source: '000 check-device, set-my-device',
  },
  {
    status: 404,
    detail: 'Serial code is not valid',
    code: ErrorCode.SERIAL_CODE_INVALID,
    message: 'The serial code does not belong to that device.',
    source: '000 set-my-device',
  },
  {
    status: 400,
    detail: 'Device unconnect failed',
    code: ErrorCode.DEVICE_DISCONNECT_FAILED,
    message: 'Nueyne could not disconnect the device (its records are incomplete).',
    source: '000 un-connect',
  },
  {
    // Nueyne's insert fails on a device id it has no (readable) device row for, and it answers
    // that refusal of the input as a 500: a 400 naming the field, and no fault of the upstream.
    status: 500,
    detail: 'Internal server error',
    code: ErrorCode.THERAPY_LOG_SAVE_FAILED,
    message: 'Nueyne could not store the log: it knows no device with this deviceId.',
    field: 'deviceId',
    routes: [R.devlog, R.tempLog],
    source: '000 devlog, devlog/temp',
  },
  {
    status: 404,
    detail: 'No Content',
    code: ErrorCode.NO_USAGE_RECORDED,
    message: 'The device has no recorded use.',
    source: '000 devlog/lasttime',
  },
  {
    status: 400,
    detail: 'Read Device Log Failed',
    code: ErrorCode.THERAPY_LOG_READ_FAILED,
    message: 'Nueyne could not read the therapy logs of that month.',
    source: '000 my-devlog',
  },
  // --- Common to every route (001 공통 에러, upstreams.md) ---
  {
    status: 401,
    detail: 'Could not validate credentials',
    code: ErrorCode.UPSTREAM_LOGIN_REQUIRED,
    message: 'Nueyne no longer accepts this sign-in; sign in to the product again.',
    source: 'common',
  },
  {
    status: 401,
    detail: 'Token is expired',
    code: ErrorCode.UPSTREAM_LOGIN_REQUIRED,
    message: 'The Nueyne sign-in has expired; sign in to the product again.',
    source: 'common',
  },
  {
    status: 401,
    detail: 'Not authenticated',
    code: ErrorCode.UPSTREAM_LOGIN_REQUIRED,
    message: 'Nueyne did not receive a sign-in; sign in to the product again.',
    source: 'FastAPI (missing bearer token)',
  },
  {
    status: 404,
    detail: 'Resource not found',
    code: ErrorCode.UPSTREAM_ERROR,
    message: 'Nueyne does not know this route.',
    source: 'common',
  },
  {
    status: 405,
    detail: 'Method Not Allowed',
    code: ErrorCode.UPSTREAM_ERROR,
    message: 'Nueyne does not accept this method on this route.',
    source: 'FastAPI',
  },
  {
    status: 500,
    detail: 'Internal server error. Please try again later.',
    code: ErrorCode.UPSTREAM_ERROR,
    message: 'Nueyne failed; try again later.',
    source: 'common',
  },
];

const rowKey = (status: number, detail: string): string => `${status} ${detail}`;

const GENERAL = new Map<string, NueyneErrorRow>();
const BY_ROUTE = new Map<string, NueyneErrorRow>();
for (const row of NUEYNE_ERROR_TABLE) {
  if (row.routes) {
    for (const route of row.routes) BY_ROUTE.set(`${route} ${rowKey(row.status, row.detail)}`, row);
  } else {
    GENERAL.set(rowKey(row.status, row.detail), row);
  }
}

function isIssue(value: unknown): value is FastApiIssueVendor {
  return typeof value === 'object' && value !== null && 'msg' in value && 'loc' in value;
}

/** `body.user_id: Field required; query.unique_id: Field required`. */
function describeIssues(issues: unknown[]): string {
  return issues
    .map((issue) =>
      isIssue(issue)
        ? `${issue.loc.map(String).join('.')}: ${issue.msg}`
        : JSON.stringify(issue).slice(0, 200),
    )
    .join('; ')
    .slice(0, 1000);
}

/** The `detail` of an error answer as text (FastAPI's 422 list summarised), to match the table. */
export function upstreamDetail(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 500) || undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const detail = (body as { detail?: unknown }).detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) return describeIssues(detail);
  return undefined;
}

/** The row for an upstream error answer, if it is a documented one. */
export function findNueyneErrorRow(
  status: number,
  detail: string | undefined,
  route?: string,
): NueyneErrorRow | undefined {
  if (detail === undefined) return undefined;
  const key = rowKey(status, detail);
  return (route ? BY_ROUTE.get(`${route} ${key}`) : undefined) ?? GENERAL.get(key);
}

/**
 * Is this answer Nueyne refusing the request's input, whatever its status? A documented answer
 * the table maps to a 4xx is the client's to fix (some are sent as a 500, see devlog), so it is an
 * answer, not a fault: no breaker and no health check counts it.
 */
export function isNueyneRefusal(response: UpstreamResponse, route: string): boolean {
  if (response.status < 400) return false;
  const row = findNueyneErrorRow(response.status, upstreamDetail(response.body), route);
  return row !== undefined && ERROR_CODES[row.code].status < 500;
}

/**
 * A non-2xx Nueyne answer as a problem: a documented detail by the table, FastAPI's 422 as
 * UPSTREAM_REJECTED_REQUEST, anything else by its status class. The response carries only the
 * gateway's own words: `upstream.detail` is the documented text of a row that matched (a constant
 * of this table), never what Nueyne sent; Nueyne's own text goes to the log (the HTTP client).
 */
export function nueyneProblem(response: UpstreamResponse, route: string): ProblemException {
  const status = response.status;
  const row = findNueyneErrorRow(status, upstreamDetail(response.body), route);
  const upstream = { name: 'nueyne', status, ...(row ? { detail: row.detail } : {}) };
  if (row) {
    return new ProblemException(row.code, {
      detail: row.message,
      upstream,
      ...(row.field ? { errors: [{ field: row.field, message: row.message }] } : {}),
    });
  }
  return nueyneStatusProblem(response);
}

/**
 * An answer no table row documents, as a problem by its status class: FastAPI's 422 and any other
 * 4xx as UPSTREAM_REJECTED_REQUEST, 429 as UPSTREAM_RATE_LIMITED (passing Retry-After on), the
 * rest as UPSTREAM_ERROR. `upstream` names Nueyne and its status, never its text.
 */
export function nueyneStatusProblem(response: UpstreamResponse): ProblemException {
  const status = response.status;
  const upstream = { name: 'nueyne', status };
  if (status === 422) {
    return new ProblemException(ErrorCode.UPSTREAM_REJECTED_REQUEST, {
      detail: 'Nueyne refused the request as invalid.',
      upstream,
    });
  }
  if (status === 429) {
    return new ProblemException(ErrorCode.UPSTREAM_RATE_LIMITED, {
      detail: 'Nueyne is rate limiting; try again later.',
      upstream,
      headers: retryAfter(response),
    });
  }
  if (status >= 500 || status < 400) {
    return new ProblemException(ErrorCode.UPSTREAM_ERROR, {
      detail: `Nueyne failed (HTTP ${status}).`,
      upstream,
    });
  }
  return new ProblemException(ErrorCode.UPSTREAM_REJECTED_REQUEST, {
    detail: `Nueyne refused the request (HTTP ${status}).`,
    upstream,
  });
}

/** Nueyne's `Retry-After` when it is whole seconds, as a header to pass on; else none. */
function retryAfter(response: UpstreamResponse): Record<string, string> {
  const value = response.headers['retry-after'];
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^\d+$/.test(text) ? { 'retry-after': text } : {};
}
