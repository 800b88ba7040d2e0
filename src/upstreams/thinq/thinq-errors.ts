import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';

/** How one ThinQ error code reaches the public: a stable problem code and a readable detail. */
export interface ThinqErrorRule {
  /** LG's name for the code (from LG's SDK, `ThinQAPIErrorCodes`). */
  name: string;
  problem: ErrorCode;
  detail: string;
  /** Retry-After seconds to send (rate limits, "retry request"). */
  retryAfterSeconds?: number;
}

/** Seconds a client should wait after a ThinQ rate limit when ThinQ does not say (it does not publish its window). */
export const THINQ_RATE_LIMIT_RETRY_SECONDS = 60;

const GATEWAY_FAULT =
  'ThinQ refused the gateway\u2019s call; this is not something the client can fix.';
const RELINK = 'Link the ThinQ account again with PUT /v1/me/links/thinq.';
const NOT_NOW = 'The device cannot take this command in its current state';

/**
 * Every ThinQ error code of upstreams.md, mapped once. Codes that describe the gateway's own
 * call (headers, message id, format) are 502s: the client cannot fix them. Device codes keep
 * their meaning (not found, offline, invalid command, not now), account codes ask for a new link.
 */
export const THINQ_ERROR_TABLE: Readonly<Record<string, ThinqErrorRule>> = {
  '0000': { name: 'UNKNOWN_ERROR', problem: ErrorCode.UPSTREAM_ERROR, detail: 'ThinQ failed.' },
  '1000': {
    name: 'BAD_REQUEST',
    problem: ErrorCode.UPSTREAM_REJECTED_REQUEST,
    detail: 'ThinQ refused the request as malformed.',
  },
  '1101': { name: 'MISSING_PARAMETERS', problem: ErrorCode.UPSTREAM_ERROR, detail: GATEWAY_FAULT },
  '1102': {
    name: 'UNACCEPTABLE_PARAMETERS',
    problem: ErrorCode.UPSTREAM_REJECTED_REQUEST,
    detail: 'ThinQ refused a parameter of the request (for example the account\u2019s country).',
  },
  '1103': {
    name: 'INVALID_TOKEN',
    problem: ErrorCode.UPSTREAM_LOGIN_REQUIRED,
    detail: `ThinQ no longer accepts the linked account\u2019s token. ${RELINK}`,
  },
  '1104': { name: 'INVALID_MESSAGE_ID', problem: ErrorCode.UPSTREAM_ERROR, detail: GATEWAY_FAULT },
  '1201': {
    name: 'NOT_REGISTERED_ADMIN',
    problem: ErrorCode.UPSTREAM_ERROR,
    detail: GATEWAY_FAULT,
  },
  '1202': {
    name: 'NOT_REGISTERED_USER',
    problem: ErrorCode.UPSTREAM_LOGIN_REQUIRED,
    detail: `ThinQ does not know the linked user. ${RELINK}`,
  },
  '1204': {
    name: 'NOT_SUBSCRIBED_EVENT',
    problem: ErrorCode.RESOURCE_NOT_FOUND,
    detail: 'No event subscription exists for this device.',
  },
  '1205': {
    name: 'NOT_REGISTERED_DEVICE',
    problem: ErrorCode.DEVICE_NOT_FOUND,
    detail: 'ThinQ has no such device.',
  },
  '1206': {
    name: 'NOT_SUBSCRIBED_PUSH',
    problem: ErrorCode.RESOURCE_NOT_FOUND,
    detail: 'No push subscription exists for this device.',
  },
  '1207': {
    name: 'ALREADY_SUBSCRIBED_PUSH',
    problem: ErrorCode.CONFLICT,
    detail: 'The push subscription already exists.',
  },
  '1210': {
    name: 'NOT_REGISTERED_DEVICE_IN_SERVICE',
    problem: ErrorCode.DEVICE_NOT_FOUND,
    detail: 'The device is not registered for this service.',
  },
  '1211': {
    name: 'NOT_REGISTERED_DEVICE_BY_USER',
    problem: ErrorCode.DEVICE_NOT_FOUND,
    detail: 'The device is not registered by this user.',
  },
  '1212': {
    name: 'NOT_OWNED_DEVICE',
    problem: ErrorCode.DEVICE_NOT_FOUND,
    detail: 'The linked ThinQ account has no such device.',
  },
  '1213': {
    name: 'NOT_REGISTERED_DEVICE',
    problem: ErrorCode.DEVICE_NOT_FOUND,
    detail: 'ThinQ has no such device.',
  },
  '1214': {
    name: 'NOT_SUBSCRIBABLE_DEVICE',
    problem: ErrorCode.NOT_SUPPORTED,
    detail: 'The device does not support subscriptions.',
  },
  '1216': { name: 'INCORRECT_HEADER', problem: ErrorCode.UPSTREAM_ERROR, detail: GATEWAY_FAULT },
  '1217': {
    name: 'ALREADY_DEVICE_DELETED',
    problem: ErrorCode.DEVICE_NOT_FOUND,
    detail: 'The device was deleted from the ThinQ account.',
  },
  '1218': {
    name: 'INVALID_TOKEN_AGAIN',
    problem: ErrorCode.UPSTREAM_LOGIN_REQUIRED,
    detail: `ThinQ no longer accepts the linked account\u2019s token. ${RELINK}`,
  },
  '1219': {
    name: 'NOT_SUPPORTED_MODEL',
    problem: ErrorCode.NOT_SUPPORTED,
    detail: 'ThinQ Connect does not support this device model.',
  },
  '1220': {
    name: 'NOT_SUPPORTED_FEATURE',
    problem: ErrorCode.NOT_SUPPORTED,
    detail: 'The device does not support this feature.',
  },
  '1221': {
    name: 'NOT_SUPPORTED_PRODUCT',
    problem: ErrorCode.NOT_SUPPORTED,
    detail: 'ThinQ Connect does not support this product.',
  },
  '1222': {
    name: 'NOT_CONNECTED_DEVICE',
    problem: ErrorCode.DEVICE_OFFLINE,
    detail: 'The device is not connected to ThinQ.',
  },
  '1223': {
    name: 'INVALID_STATUS_DEVICE',
    problem: ErrorCode.CONFLICT,
    detail: 'ThinQ cannot serve the device in its current state.',
  },
  '1224': {
    name: 'INVALID_DEVICE_ID',
    problem: ErrorCode.DEVICE_NOT_FOUND,
    detail: 'The device id is not valid.',
  },
  '1306': {
    name: 'EXCEEDED_API_CALLS',
    problem: ErrorCode.UPSTREAM_QUOTA_EXHAUSTED,
    detail: 'The ThinQ call limit of this service is exhausted; retry later.',
    retryAfterSeconds: THINQ_RATE_LIMIT_RETRY_SECONDS,
  },
  '1307': {
    name: 'NOT_SUPPORTED_COUNTRY',
    problem: ErrorCode.UPSTREAM_LOGIN_REQUIRED,
    detail: `ThinQ does not serve the linked account\u2019s country. ${RELINK}`,
  },
  '1308': {
    name: 'NO_CONTROL_AUTHORITY',
    problem: ErrorCode.NOT_AUTHORIZED_FOR_RESOURCE,
    detail: 'The linked ThinQ account may not control this device.',
  },
  '1309': {
    name: 'NOT_ALLOWED_API_AGAIN',
    problem: ErrorCode.UPSTREAM_ERROR,
    detail: GATEWAY_FAULT,
  },
  '1311': { name: 'BAD_REQUEST_FORMAT', problem: ErrorCode.UPSTREAM_ERROR, detail: GATEWAY_FAULT },
  '1314': {
    name: 'EXCEEDED_USER_API_CALLS',
    problem: ErrorCode.UPSTREAM_QUOTA_EXHAUSTED,
    detail: 'The hourly ThinQ call limit of this account is exhausted; retry later.',
    retryAfterSeconds: THINQ_RATE_LIMIT_RETRY_SECONDS,
  },
  '2000': {
    name: 'INTERNAL_SERVER_ERROR',
    problem: ErrorCode.UPSTREAM_ERROR,
    detail: 'ThinQ failed.',
  },
  '2202': {
    name: 'NOT_SUPPORTED_PRODUCT_AGAIN',
    problem: ErrorCode.NOT_SUPPORTED,
    detail: 'ThinQ Connect does not support this product.',
  },
  '2205': {
    name: 'INVALID_DEVICE_STATUS',
    problem: ErrorCode.COMMAND_NOT_SUPPORTED_NOW,
    detail: `${NOT_NOW}.`,
  },
  '2207': {
    name: 'INVALID_COMMAND_ERROR',
    problem: ErrorCode.INVALID_COMMAND,
    detail: 'ThinQ refused the command for this device.',
  },
  '2208': {
    name: 'FAIL_DEVICE_CONTROL',
    problem: ErrorCode.UPSTREAM_ERROR,
    detail: 'The device did not carry out the command.',
  },
  '2209': {
    name: 'DEVICE_RESPONSE_DELAY',
    problem: ErrorCode.UPSTREAM_TIMEOUT,
    detail: 'The device did not answer ThinQ in time.',
  },
  '2210': {
    name: 'RETRY_REQUEST',
    problem: ErrorCode.UPSTREAM_UNAVAILABLE,
    detail: 'ThinQ asks to retry the request.',
    retryAfterSeconds: 1,
  },
  '2214': { name: 'FAIL_REQUEST', problem: ErrorCode.UPSTREAM_ERROR, detail: 'ThinQ failed.' },
  '2301': {
    name: 'COMMAND_NOT_SUPPORTED_IN_REMOTE_OFF',
    problem: ErrorCode.COMMAND_NOT_SUPPORTED_NOW,
    detail: `${NOT_NOW}: remote control is switched off on the device.`,
  },
  '2302': {
    name: 'COMMAND_NOT_SUPPORTED_IN_STATE',
    problem: ErrorCode.COMMAND_NOT_SUPPORTED_NOW,
    detail: `${NOT_NOW}.`,
  },
  '2303': {
    name: 'COMMAND_NOT_SUPPORTED_IN_ERROR',
    problem: ErrorCode.COMMAND_NOT_SUPPORTED_NOW,
    detail: `${NOT_NOW}: the device reports an error.`,
  },
  '2304': {
    name: 'COMMAND_NOT_SUPPORTED_IN_POWER_OFF',
    problem: ErrorCode.COMMAND_NOT_SUPPORTED_NOW,
    detail: `${NOT_NOW}: the device is powered off.`,
  },
  '2305': {
    name: 'COMMAND_NOT_SUPPORTED_IN_MODE',
    problem: ErrorCode.COMMAND_NOT_SUPPORTED_NOW,
    detail: `${NOT_NOW}: its mode does not allow it.`,
  },
};

/** An answer with no ThinQ code: classified by HTTP status alone. */
function byStatus(status: number): { problem: ErrorCode; detail: string } {
  if (status === 503)
    return { problem: ErrorCode.UPSTREAM_UNAVAILABLE, detail: 'ThinQ is unavailable.' };
  if (status === 504)
    return { problem: ErrorCode.UPSTREAM_TIMEOUT, detail: 'ThinQ did not answer in time.' };
  if (status === 429) {
    return {
      problem: ErrorCode.UPSTREAM_QUOTA_EXHAUSTED,
      detail: 'ThinQ rate-limits this account.',
    };
  }
  if (status >= 500) return { problem: ErrorCode.UPSTREAM_ERROR, detail: 'ThinQ failed.' };
  if (status === 401) {
    return {
      problem: ErrorCode.UPSTREAM_LOGIN_REQUIRED,
      detail: `ThinQ refused the linked account. ${RELINK}`,
    };
  }
  if (status >= 400 && status < 500) {
    // A refusal without a ThinQ code (a 414 URI Too Long from a router, a 413): ThinQ refused
    // what the request carried, which is never a failure of ThinQ (a 502).
    return { problem: ErrorCode.UPSTREAM_REJECTED_REQUEST, detail: 'ThinQ refused the request.' };
  }
  return {
    problem: ErrorCode.UPSTREAM_BAD_RESPONSE,
    detail: 'ThinQ answered something the gateway cannot read.',
  };
}

function retryAfterFrom(header: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || !/^\d{1,6}$/.test(raw.trim())) return undefined;
  return Math.max(1, Number(raw.trim()));
}

export interface ThinqFailure {
  /** HTTP status ThinQ answered. */
  status: number;
  /** `response.error.code` or `responseCode`, when the body has one. */
  code?: string;
  /** ThinQ's own text: for the log only, never a response. */
  message?: string;
  retryAfterHeader?: string | string[];
}

/** LG's codes are four digits; anything else in the `code` field is not passed on. */
const THINQ_CODE = /^\d{4}$/;

/** The table's rule for a code (own keys only: a vendor's `__proto__` is no code). */
function ruleOf(code: string | undefined): ThinqErrorRule | undefined {
  return code !== undefined && Object.hasOwn(THINQ_ERROR_TABLE, code)
    ? THINQ_ERROR_TABLE[code]
    : undefined;
}

/**
 * The one translation of a ThinQ failure into the gateway's problem. `upstream.code` keeps LG's
 * code when it is one (four digits) and `upstream.detail` LG's documented name for it; ThinQ's
 * `message` never reaches a response (the HTTP client logs the answer).
 */
export function thinqProblem(failure: ThinqFailure): ProblemException {
  const rule = ruleOf(failure.code);
  const code =
    failure.code !== undefined && THINQ_CODE.test(failure.code) ? failure.code : undefined;
  const unknownRefusal =
    !rule &&
    code !== undefined &&
    failure.status >= 400 &&
    failure.status < 500 &&
    failure.status !== 401 &&
    failure.status !== 429;
  const { problem, detail } =
    rule ??
    (unknownRefusal
      ? { problem: ErrorCode.UPSTREAM_REJECTED_REQUEST, detail: 'ThinQ refused the request.' }
      : byStatus(failure.status));
  const retryAfter =
    problem === ErrorCode.UPSTREAM_QUOTA_EXHAUSTED || rule?.retryAfterSeconds !== undefined
      ? (retryAfterFrom(failure.retryAfterHeader) ??
        rule?.retryAfterSeconds ??
        THINQ_RATE_LIMIT_RETRY_SECONDS)
      : undefined;
  return new ProblemException(problem, {
    detail,
    upstream: {
      name: 'thinq',
      status: failure.status,
      ...(code !== undefined ? { code } : {}),
      ...(rule ? { detail: rule.name } : {}),
    },
    headers: retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {},
  });
}
