/**
 * Stable machine codes of every problem the gateway answers, with their HTTP status and title.
 * One table: add a row here, never a status in a controller.
 */
export enum ErrorCode {
  // Request shape
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_BODY = 'MALFORMED_BODY',
  MALFORMED_REQUEST = 'MALFORMED_REQUEST',
  REQUEST_HEADERS_TOO_LARGE = 'REQUEST_HEADERS_TOO_LARGE',
  REQUEST_TIMEOUT = 'REQUEST_TIMEOUT',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND = 'NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  // Gateway auth
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_TOKEN = 'INVALID_TOKEN',
  INSUFFICIENT_SCOPE = 'INSUFFICIENT_SCOPE',
  ACCOUNT_NOT_LINKED = 'ACCOUNT_NOT_LINKED',
  UPSTREAM_LOGIN_REQUIRED = 'UPSTREAM_LOGIN_REQUIRED',
  UPSTREAM_CREDENTIALS_REJECTED = 'UPSTREAM_CREDENTIALS_REJECTED',
  // Limits
  RATE_LIMITED = 'RATE_LIMITED',
  UPSTREAM_RATE_LIMITED = 'UPSTREAM_RATE_LIMITED',
  UPSTREAM_QUOTA_EXHAUSTED = 'UPSTREAM_QUOTA_EXHAUSTED',
  TOO_MANY_STREAMS = 'TOO_MANY_STREAMS',
  // Retries (Idempotency-Key)
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENT_REQUEST_IN_FLIGHT = 'IDEMPOTENT_REQUEST_IN_FLIGHT',
  // Upstream trouble
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT = 'UPSTREAM_TIMEOUT',
  UPSTREAM_BAD_RESPONSE = 'UPSTREAM_BAD_RESPONSE',
  UPSTREAM_ERROR = 'UPSTREAM_ERROR',
  UPSTREAM_REJECTED_REQUEST = 'UPSTREAM_REJECTED_REQUEST',
  // Resources (shared by the upstream areas)
  RESOURCE_NOT_FOUND = 'RESOURCE_NOT_FOUND',
  CONFLICT = 'CONFLICT',
  // Devices and accounts (Nueyne, ThinQ)
  DEVICE_NOT_FOUND = 'DEVICE_NOT_FOUND',
  DEVICE_NOT_REGISTERED = 'DEVICE_NOT_REGISTERED',
  DEVICE_ALREADY_CONNECTED = 'DEVICE_ALREADY_CONNECTED',
  SERIAL_CODE_INVALID = 'SERIAL_CODE_INVALID',
  DEVICE_OFFLINE = 'DEVICE_OFFLINE',
  INVALID_COMMAND = 'INVALID_COMMAND',
  COMMAND_NOT_SUPPORTED_NOW = 'COMMAND_NOT_SUPPORTED_NOW',
  NOT_SUPPORTED = 'NOT_SUPPORTED',
  MEMBER_NOT_FOUND = 'MEMBER_NOT_FOUND',
  NOT_AUTHORIZED_FOR_RESOURCE = 'NOT_AUTHORIZED_FOR_RESOURCE',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  ACCOUNT_DELETED = 'ACCOUNT_DELETED',
  PUSH_NOT_PERMITTED = 'PUSH_NOT_PERMITTED',
  VERIFICATION_CODE_EXPIRED = 'VERIFICATION_CODE_EXPIRED',
  VERIFICATION_CODE_INVALID = 'VERIFICATION_CODE_INVALID',
  PHONE_ALREADY_REGISTERED = 'PHONE_ALREADY_REGISTERED',
  // Onboarding (sign-up, phone verification, recovery)
  EMAIL_ALREADY_REGISTERED = 'EMAIL_ALREADY_REGISTERED',
  PHONE_VERIFICATION_REQUIRED = 'PHONE_VERIFICATION_REQUIRED',
  SMS_NOT_SENT = 'SMS_NOT_SENT',
  SIGN_UP_FAILED = 'SIGN_UP_FAILED',
  NO_USAGE_RECORDED = 'NO_USAGE_RECORDED',
  // Nueyne (Lux user, Elexir Legacy) specific failures
  USER_POLICY_NOT_FOUND = 'USER_POLICY_NOT_FOUND',
  PUSH_TOKEN_MISSING = 'PUSH_TOKEN_MISSING',
  PUSH_TOKEN_INVALID = 'PUSH_TOKEN_INVALID',
  MEMBER_CREATE_FAILED = 'MEMBER_CREATE_FAILED',
  MEMBER_DELETE_FAILED = 'MEMBER_DELETE_FAILED',
  NOTIFICATION_UPDATE_FAILED = 'NOTIFICATION_UPDATE_FAILED',
  ACCOUNT_DELETE_FAILED = 'ACCOUNT_DELETE_FAILED',
  DEVICE_CONNECTION_FAILED = 'DEVICE_CONNECTION_FAILED',
  DEVICE_DISCONNECT_FAILED = 'DEVICE_DISCONNECT_FAILED',
  THERAPY_LOG_SAVE_FAILED = 'THERAPY_LOG_SAVE_FAILED',
  THERAPY_LOG_READ_FAILED = 'THERAPY_LOG_READ_FAILED',
  ROOM_NOT_FOUND = 'ROOM_NOT_FOUND',
  // Gateway
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

export interface ErrorCodeInfo {
  status: number;
  title: string;
}

export const ERROR_CODES: Record<ErrorCode, ErrorCodeInfo> = {
  [ErrorCode.VALIDATION_FAILED]: { status: 400, title: 'The request is not valid' },
  [ErrorCode.MALFORMED_BODY]: { status: 400, title: 'The request body cannot be parsed' },
  [ErrorCode.MALFORMED_REQUEST]: { status: 400, title: 'The request is not valid HTTP' },
  [ErrorCode.REQUEST_HEADERS_TOO_LARGE]: {
    status: 431,
    title: 'The request headers are too large',
  },
  [ErrorCode.REQUEST_TIMEOUT]: { status: 408, title: 'The request took too long to arrive' },
  [ErrorCode.PAYLOAD_TOO_LARGE]: { status: 413, title: 'The request body is too large' },
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: { status: 415, title: 'The content type is not supported' },
  [ErrorCode.NOT_FOUND]: { status: 404, title: 'No such route' },
  [ErrorCode.METHOD_NOT_ALLOWED]: { status: 405, title: 'Method not allowed' },
  [ErrorCode.UNAUTHENTICATED]: { status: 401, title: 'Authentication required' },
  [ErrorCode.INVALID_TOKEN]: { status: 401, title: 'The access token is not valid' },
  [ErrorCode.INSUFFICIENT_SCOPE]: { status: 403, title: 'The access token lacks a required scope' },
  [ErrorCode.ACCOUNT_NOT_LINKED]: { status: 403, title: 'No upstream account is linked' },
  [ErrorCode.UPSTREAM_LOGIN_REQUIRED]: {
    status: 401,
    title: 'The upstream account must sign in again',
  },
  [ErrorCode.UPSTREAM_CREDENTIALS_REJECTED]: {
    status: 400,
    title: 'The upstream refused the credentials',
  },
  [ErrorCode.RATE_LIMITED]: { status: 429, title: 'Too many requests' },
  [ErrorCode.UPSTREAM_RATE_LIMITED]: { status: 429, title: 'The upstream rate limit is exhausted' },
  [ErrorCode.UPSTREAM_QUOTA_EXHAUSTED]: {
    status: 429,
    title: 'The upstream call quota of the linked account is spent',
  },
  [ErrorCode.TOO_MANY_STREAMS]: {
    status: 429,
    title: 'The session has as many event streams open as it may',
  },
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: {
    status: 422,
    title: 'The idempotency key was used for another request',
  },
  [ErrorCode.IDEMPOTENT_REQUEST_IN_FLIGHT]: {
    status: 409,
    title: 'A request with this idempotency key is still being processed',
  },
  [ErrorCode.UPSTREAM_UNAVAILABLE]: { status: 503, title: 'The upstream is unavailable' },
  [ErrorCode.UPSTREAM_TIMEOUT]: { status: 504, title: 'The upstream did not answer in time' },
  [ErrorCode.UPSTREAM_BAD_RESPONSE]: {
    status: 502,
    title: 'The upstream answered something unreadable',
  },
  [ErrorCode.UPSTREAM_ERROR]: { status: 502, title: 'The upstream failed' },
  [ErrorCode.UPSTREAM_REJECTED_REQUEST]: { status: 400, title: 'The upstream refused the request' },
  [ErrorCode.RESOURCE_NOT_FOUND]: { status: 404, title: 'Not found' },
  [ErrorCode.CONFLICT]: { status: 409, title: 'Conflict' },
  [ErrorCode.DEVICE_NOT_FOUND]: { status: 404, title: 'No such device' },
  [ErrorCode.DEVICE_NOT_REGISTERED]: {
    status: 400,
    title: 'The device was not registered at the factory',
  },
  [ErrorCode.DEVICE_ALREADY_CONNECTED]: {
    status: 409,
    title: 'The device is connected to another account',
  },
  [ErrorCode.SERIAL_CODE_INVALID]: { status: 400, title: 'The serial code is not valid' },
  [ErrorCode.DEVICE_OFFLINE]: { status: 409, title: 'The device is offline' },
  [ErrorCode.INVALID_COMMAND]: { status: 400, title: 'The command is not valid for this device' },
  [ErrorCode.COMMAND_NOT_SUPPORTED_NOW]: {
    status: 409,
    title: 'The device cannot take this command in its current state',
  },
  [ErrorCode.NOT_SUPPORTED]: { status: 400, title: 'Not supported by this device' },
  [ErrorCode.MEMBER_NOT_FOUND]: { status: 404, title: 'No such member' },
  [ErrorCode.NOT_AUTHORIZED_FOR_RESOURCE]: {
    status: 403,
    title: 'This account may not access that resource',
  },
  [ErrorCode.USER_NOT_FOUND]: { status: 404, title: 'The upstream user does not exist' },
  [ErrorCode.ACCOUNT_DELETED]: { status: 410, title: 'The account was deleted' },
  [ErrorCode.PUSH_NOT_PERMITTED]: { status: 409, title: 'Push notifications are not permitted' },
  [ErrorCode.VERIFICATION_CODE_EXPIRED]: {
    status: 400,
    title: 'The verification code has expired',
  },
  [ErrorCode.VERIFICATION_CODE_INVALID]: { status: 400, title: 'The verification code is wrong' },
  [ErrorCode.PHONE_ALREADY_REGISTERED]: {
    status: 409,
    title: 'The phone number is already registered',
  },
  [ErrorCode.EMAIL_ALREADY_REGISTERED]: {
    status: 409,
    title: 'The e-mail address is already registered',
  },
  [ErrorCode.PHONE_VERIFICATION_REQUIRED]: {
    status: 400,
    title: 'The phone verification is missing, expired or used',
  },
  [ErrorCode.SMS_NOT_SENT]: { status: 502, title: 'The SMS could not be sent' },
  [ErrorCode.SIGN_UP_FAILED]: { status: 502, title: 'The upstream could not create the account' },
  [ErrorCode.NO_USAGE_RECORDED]: { status: 404, title: 'No usage has been recorded' },
  [ErrorCode.USER_POLICY_NOT_FOUND]: { status: 404, title: 'The account has no consent policy' },
  [ErrorCode.PUSH_TOKEN_MISSING]: { status: 409, title: 'No push token is set for the account' },
  [ErrorCode.PUSH_TOKEN_INVALID]: { status: 400, title: 'The push token was refused' },
  [ErrorCode.MEMBER_CREATE_FAILED]: { status: 409, title: 'The member could not be created' },
  [ErrorCode.MEMBER_DELETE_FAILED]: { status: 409, title: 'The member could not be deleted' },
  [ErrorCode.NOTIFICATION_UPDATE_FAILED]: {
    status: 502,
    title: 'The upstream could not store the notification settings',
  },
  [ErrorCode.ACCOUNT_DELETE_FAILED]: {
    status: 502,
    title: 'The upstream could not delete the account',
  },
  [ErrorCode.DEVICE_CONNECTION_FAILED]: {
    status: 502,
    title: 'The upstream could not check or connect the device',
  },
  [ErrorCode.DEVICE_DISCONNECT_FAILED]: {
    status: 502,
    title: 'The upstream could not disconnect the device',
  },
  [ErrorCode.THERAPY_LOG_SAVE_FAILED]: {
    status: 400,
    title: 'The upstream refused to store the log',
  },
  [ErrorCode.THERAPY_LOG_READ_FAILED]: {
    status: 502,
    title: 'The upstream could not read the logs',
  },
  [ErrorCode.ROOM_NOT_FOUND]: { status: 404, title: 'No such conference room' },
  [ErrorCode.SERVICE_UNAVAILABLE]: { status: 503, title: 'The gateway cannot serve this now' },
  [ErrorCode.INTERNAL_ERROR]: { status: 500, title: 'Internal error' },
};

/** `VALIDATION_FAILED` -> `urn:junction:problem:validation-failed` (RFC 9457 `type`). */
export function problemType(code: string): string {
  return `urn:junction:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
