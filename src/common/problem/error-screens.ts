import { ErrorCode } from './error-code';

/**
 * What a screen should do with each problem code, for the codes reference (docs/errors.md, generated
 * by `npm run errors-doc`). Written for frontend teams: a Record over every code, so a new code does
 * not compile without its advice.
 */
export const ERROR_SCREENS: Record<ErrorCode, string> = {
  [ErrorCode.VALIDATION_FAILED]:
    'Show each entry of `errors[]` next to its field; do not retry unchanged.',
  [ErrorCode.MALFORMED_BODY]:
    'A bug in the client (the body is not JSON, or too deep or large): report it with the `requestId`.',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'Tell the user the input is too large; do not retry unchanged.',
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'A bug in the client: send `application/json`.',
  [ErrorCode.NOT_FOUND]: 'A bug in the client (no such route): report it.',
  [ErrorCode.METHOD_NOT_ALLOWED]: 'A bug in the client: use a method from `Allow`.',
  [ErrorCode.MALFORMED_REQUEST]:
    'A bug in the client or a proxy (bytes that are not HTTP): report it with the `requestId`.',
  [ErrorCode.REQUEST_HEADERS_TOO_LARGE]:
    'A bug in the client (too many or too large headers or cookies): send less.',
  [ErrorCode.REQUEST_TIMEOUT]: 'The upload stalled (a weak network): send it again.',
  [ErrorCode.UNAUTHENTICATED]: 'Sign the user in.',
  [ErrorCode.INVALID_TOKEN]:
    'Renew the access token with the refresh token (the SDK does); if that is refused, sign the user in again.',
  [ErrorCode.INSUFFICIENT_SCOPE]:
    'Hide what this token may not do; a user token has every user scope.',
  [ErrorCode.ACCOUNT_NOT_LINKED]:
    'Offer to link the account named in `provider` (`PUT /v1/me/links/{provider}`).',
  [ErrorCode.UPSTREAM_LOGIN_REQUIRED]:
    'Ask the user to sign in to the account named in `provider` again (link it anew).',
  [ErrorCode.UPSTREAM_CREDENTIALS_REJECTED]:
    'Tell the user the vendor refused those credentials; let them try again.',
  [ErrorCode.RATE_LIMITED]:
    'Wait for `Retry-After`, then try again; say "too many attempts" on sign-in screens.',
  [ErrorCode.UPSTREAM_RATE_LIMITED]: 'Wait for `Retry-After`; show the last data you have.',
  [ErrorCode.UPSTREAM_QUOTA_EXHAUSTED]:
    'Show the last data you have and when it will refresh (`Retry-After`); commands still work from the reserve.',
  [ErrorCode.TOO_MANY_STREAMS]:
    'Close another live view of this session first (one stream can watch every device).',
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]:
    'A bug in the client: a new request needs a new `Idempotency-Key`.',
  [ErrorCode.IDEMPOTENT_REQUEST_IN_FLIGHT]:
    'The first attempt is still running: ask again after `Retry-After` with the same key for its answer.',
  [ErrorCode.UPSTREAM_UNAVAILABLE]:
    'Say the service is unavailable for now; retry after `Retry-After`.',
  [ErrorCode.UPSTREAM_TIMEOUT]:
    'Say it is taking too long; let the user retry (a command may have reached the device: read its status first).',
  [ErrorCode.UPSTREAM_BAD_RESPONSE]:
    'Say something went wrong at the vendor; let the user retry later.',
  [ErrorCode.UPSTREAM_ERROR]: 'Say something went wrong at the vendor; let the user retry later.',
  [ErrorCode.UPSTREAM_REJECTED_REQUEST]:
    'The vendor refused the input: show `detail` and `errors[]` if any, and let the user correct it.',
  [ErrorCode.RESOURCE_NOT_FOUND]:
    'Show "not found" and go back to the list (it may have been removed).',
  [ErrorCode.CONFLICT]: 'Reload the data and show its current state.',
  [ErrorCode.DEVICE_NOT_FOUND]:
    'Refresh the device list: the device is gone or was never this account\u2019s.',
  [ErrorCode.DEVICE_NOT_REGISTERED]:
    'Tell the user the device is not a genuine registered one; check the serial code.',
  [ErrorCode.DEVICE_ALREADY_CONNECTED]:
    'Tell the user the device belongs to another account; it must be released there first.',
  [ErrorCode.SERIAL_CODE_INVALID]: 'Ask the user to check the serial code on the device.',
  [ErrorCode.DEVICE_OFFLINE]:
    'Show the device as offline; ask the user to check its power and Wi-Fi.',
  [ErrorCode.INVALID_COMMAND]:
    'A bug in the screen: `errors[]` names each property and why; offer only what the profile allows.',
  [ErrorCode.COMMAND_NOT_SUPPORTED_NOW]:
    'Tell the user the device cannot do that now (remote control off, powered off, another mode).',
  [ErrorCode.NOT_SUPPORTED]: 'Hide that feature for this device.',
  [ErrorCode.MEMBER_NOT_FOUND]: 'Refresh the member list.',
  [ErrorCode.NOT_AUTHORIZED_FOR_RESOURCE]:
    'Refresh the list: that item is not this account\u2019s.',
  [ErrorCode.USER_NOT_FOUND]: 'Sign the user out: the vendor account no longer exists.',
  [ErrorCode.ACCOUNT_DELETED]: 'Sign the user out and say the account was deleted.',
  [ErrorCode.PUSH_NOT_PERMITTED]: 'Ask the user to allow notifications first.',
  [ErrorCode.VERIFICATION_CODE_EXPIRED]: 'Offer to send a new code.',
  [ErrorCode.VERIFICATION_CODE_INVALID]:
    'Say the code is wrong; let the user type it again (attempts are limited).',
  [ErrorCode.PHONE_ALREADY_REGISTERED]: 'Say the number is taken; offer account recovery.',
  [ErrorCode.EMAIL_ALREADY_REGISTERED]:
    'Say the address is taken; offer sign-in or password reset.',
  [ErrorCode.PHONE_VERIFICATION_REQUIRED]: 'Send the user back to phone verification.',
  [ErrorCode.SMS_NOT_SENT]:
    'Say the SMS could not be sent; let the user try again later or check the number.',
  [ErrorCode.SIGN_UP_FAILED]: 'Say the account could not be created; let the user try again later.',
  [ErrorCode.NO_USAGE_RECORDED]: 'Show an empty state ("no usage yet").',
  [ErrorCode.USER_POLICY_NOT_FOUND]: 'Show the consent screen.',
  [ErrorCode.PUSH_TOKEN_MISSING]:
    'Register the device\u2019s push token first (`PUT /v1/me/push-token`).',
  [ErrorCode.PUSH_TOKEN_INVALID]: 'Get a new push token from the platform and register it.',
  [ErrorCode.MEMBER_CREATE_FAILED]:
    'Say the member could not be created; check the device and try again.',
  [ErrorCode.MEMBER_DELETE_FAILED]: 'Say the member could not be removed; try again later.',
  [ErrorCode.NOTIFICATION_UPDATE_FAILED]: 'Say the setting was not saved; show the previous value.',
  [ErrorCode.ACCOUNT_DELETE_FAILED]:
    'Say the account was not deleted; let the user try again later.',
  [ErrorCode.DEVICE_CONNECTION_FAILED]:
    'Say the device could not be connected; let the user try again.',
  [ErrorCode.DEVICE_DISCONNECT_FAILED]:
    'Say the device could not be disconnected; let the user try again.',
  [ErrorCode.THERAPY_LOG_SAVE_FAILED]: 'Keep the log on the device and send it again later.',
  [ErrorCode.THERAPY_LOG_READ_FAILED]: 'Say the history cannot be shown now; let the user retry.',
  [ErrorCode.ROOM_NOT_FOUND]: 'Refresh the room list: the room has ended or never existed.',
  [ErrorCode.SERVICE_UNAVAILABLE]: 'Say the service is busy; retry after `Retry-After`.',
  [ErrorCode.INTERNAL_ERROR]: 'Say something went wrong; report it with the `requestId`.',
};
