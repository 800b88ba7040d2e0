import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { UpstreamResponse } from '../http/upstream-http.types';
import { ResetMailOutcome, SmsOutcome } from './nueyne-accounts.models';
import { nueyneStatusProblem } from './nueyne-errors';

/** Route labels of Nueyne's onboarding routes (metrics, logs, fault rules in the simulator). */
export const NUEYNE_ACCOUNT_ROUTES = {
  sendSms: 'POST /api/v1/lux/auth/send-sms-auth',
  validatePhone: 'POST /api/v1/lux/auth/phone-number-validation',
  luxSignUp: 'POST /api/v1/lux/auth/email/signup',
  luxResetMail: 'POST /api/v1/lux/auth/send-reset-mail',
  luxFindId: 'POST /api/v1/lux/auth/find-id-by-phone',
  legacySignUp: 'POST /api/v1/legacy/auth/signup',
  legacyFindId: 'POST /api/v1/legacy/auth/find-id',
  legacyResetMail: 'POST /api/v1/legacy/auth/send-reset-mail',
  legacyEmailCheck: 'GET /api/v1/legacy/user/dup-check-email/:email',
} as const;

const R = NUEYNE_ACCOUNT_ROUTES;

/**
 * A documented error of an onboarding route that becomes a problem: the stable code (its HTTP
 * status comes from the ErrorCode table), the gateway's own sentence (never Nueyne's text), and
 * the field it concerns, if any.
 */
export interface NueyneAccountErrorRow {
  status: number;
  detail: string;
  routes: readonly string[];
  code: ErrorCode;
  message: string;
  field?: string;
  source: string;
}

/**
 * A documented error that is not an error for the client: `send-sms-auth`'s 409 and the reset
 * mail's refusals tell whether an account exists to anyone who asks, so they become outcomes the
 * accounts feature answers exactly like success (docs/operations.md, "Account enumeration").
 */
export interface NueyneAccountOutcomeRow<T extends string> {
  status: number;
  detail: string;
  routes: readonly string[];
  outcome: T;
  source: string;
}

export const NUEYNE_SMS_OUTCOMES: readonly NueyneAccountOutcomeRow<SmsOutcome>[] = [
  {
    status: 409,
    detail: 'Phone number is already registered',
    routes: [R.sendSms],
    outcome: 'already_registered',
    source: 'lux/auth.md send-sms-auth',
  },
];

export const NUEYNE_RESET_MAIL_OUTCOMES: readonly NueyneAccountOutcomeRow<ResetMailOutcome>[] = [
  {
    status: 400,
    detail: 'User signed up using a social account',
    routes: [R.luxResetMail],
    outcome: 'social_account',
    source: 'lux/auth.md send-reset-mail',
  },
  {
    status: 404,
    detail: 'User ID not found',
    routes: [R.luxResetMail, R.legacyResetMail],
    outcome: 'no_account',
    source: 'lux/auth.md, elexir-legacy/auth.md send-reset-mail (table)',
  },
  {
    // The Lux page's example body spells it so.
    status: 404,
    detail: 'User id is not found',
    routes: [R.luxResetMail],
    outcome: 'no_account',
    source: 'lux/auth.md send-reset-mail (example)',
  },
  {
    // Only an existing account gets a mail sent, so this failure also tells that it exists.
    status: 500,
    detail: 'Email send failed',
    routes: [R.luxResetMail, R.legacyResetMail],
    outcome: 'mail_failed',
    source: 'lux/auth.md, elexir-legacy/auth.md send-reset-mail',
  },
];

export const NUEYNE_ACCOUNT_ERROR_TABLE: readonly NueyneAccountErrorRow[] = [
  {
    status: 400,
    detail: 'Phone number is invalid',
    routes: [R.sendSms],
    code: ErrorCode.VALIDATION_FAILED,
    message: 'Nueyne does not accept this phone number.',
    field: 'phone',
    source: 'lux/auth.md send-sms-auth',
  },
  {
    status: 409,
    detail: 'Failed to send SMS',
    routes: [R.sendSms],
    code: ErrorCode.SMS_NOT_SENT,
    message: 'Nueyne could not send the SMS to this number; check the number or try again later.',
    source: 'lux/auth.md send-sms-auth',
  },
  {
    status: 400,
    detail: 'Validation code is expired',
    routes: [R.validatePhone, R.luxFindId],
    code: ErrorCode.VERIFICATION_CODE_EXPIRED,
    message: 'The SMS code has expired; request a new one.',
    field: 'verificationCode',
    source: 'lux/auth.md phone-number-validation, find-id-by-phone',
  },
  {
    status: 400,
    detail: 'Validation code is invalid',
    routes: [R.validatePhone, R.luxFindId],
    code: ErrorCode.VERIFICATION_CODE_INVALID,
    message: 'The SMS code is wrong.',
    field: 'verificationCode',
    source: 'lux/auth.md phone-number-validation, find-id-by-phone',
  },
  {
    status: 403,
    detail: 'User previously deleted',
    routes: [R.validatePhone],
    code: ErrorCode.ACCOUNT_DELETED,
    message: 'This phone number belongs to a deleted Lux account; it cannot sign up again.',
    source: 'lux/auth.md phone-number-validation',
  },
  {
    status: 403,
    detail: 'User previously deleted',
    routes: [R.luxFindId],
    code: ErrorCode.ACCOUNT_DELETED,
    message: 'The Lux account of this phone number was deleted.',
    source: 'lux/auth.md find-id-by-phone',
  },
  {
    status: 409,
    detail: 'Phone number is already registered',
    routes: [R.validatePhone],
    code: ErrorCode.PHONE_ALREADY_REGISTERED,
    message:
      'A Lux account already uses this phone number: sign in, or find its e-mail with POST /v1/accounts/lux/recover-id.',
    source: 'lux/auth.md phone-number-validation',
  },
  {
    status: 400,
    detail: 'Email is not valid',
    routes: [R.luxSignUp, R.legacySignUp],
    code: ErrorCode.VALIDATION_FAILED,
    message: 'Nueyne does not accept this e-mail address.',
    field: 'email',
    source: 'lux/auth.md email/signup, elexir-legacy/auth.md signup',
  },
  {
    status: 401,
    detail: 'Token is invalid',
    routes: [R.luxSignUp],
    code: ErrorCode.PHONE_VERIFICATION_REQUIRED,
    message: 'Nueyne no longer accepts this phone verification; verify the phone again.',
    source: 'lux/auth.md email/signup',
  },
  {
    // Listed on Legacy's page too, though Legacy's sign-up takes no token (the gateway sends none).
    status: 401,
    detail: 'Token is invalid',
    routes: [R.legacySignUp],
    code: ErrorCode.SIGN_UP_FAILED,
    message: 'Nueyne could not create the account.',
    source: 'elexir-legacy/auth.md signup',
  },
  {
    status: 409,
    detail: 'Same email is already registered',
    routes: [R.luxSignUp, R.legacySignUp],
    code: ErrorCode.EMAIL_ALREADY_REGISTERED,
    message: 'An account already uses this e-mail address: sign in, or reset its password.',
    field: 'email',
    source: 'lux/auth.md email/signup, elexir-legacy/auth.md signup',
  },
  {
    status: 500,
    detail: 'Failed to sign up user',
    routes: [R.luxSignUp, R.legacySignUp],
    code: ErrorCode.SIGN_UP_FAILED,
    message: 'Nueyne could not create the account; try again later.',
    source: 'lux/auth.md email/signup, elexir-legacy/auth.md signup',
  },
  {
    // The caller proved they hold the phone (the code), so saying so tells them about their own number.
    status: 404,
    detail: 'User id is not found',
    routes: [R.luxFindId],
    code: ErrorCode.USER_NOT_FOUND,
    message: 'No Lux account uses this phone number.',
    source: 'lux/auth.md find-id-by-phone',
  },
  {
    status: 404,
    detail: 'User id not found',
    routes: [R.legacyFindId],
    code: ErrorCode.USER_NOT_FOUND,
    message: 'No Elexir Legacy account matches this phone number, birth date and gender.',
    source: 'elexir-legacy/auth.md find-id',
  },
  {
    status: 500,
    detail: 'Internal Server Error',
    routes: [R.legacyEmailCheck],
    code: ErrorCode.UPSTREAM_ERROR,
    message: 'Nueyne could not check the e-mail address; try again later.',
    source: 'elexir-legacy/user.md dup-check-email',
  },
];

/** The `detail` text of an error answer, when it is one (never shown to clients). */
export function vendorDetail(response: UpstreamResponse): string | undefined {
  const body = response.body as { detail?: unknown } | undefined;
  return typeof body?.detail === 'string' ? body.detail : undefined;
}

function matches(
  row: { status: number; detail: string; routes: readonly string[] },
  response: UpstreamResponse,
  route: string,
): boolean {
  return (
    row.status === response.status &&
    row.detail === vendorDetail(response) &&
    row.routes.includes(route)
  );
}

/** The outcome an answer stands for, if it is one of the rows. */
export function findOutcome<T extends string>(
  rows: readonly NueyneAccountOutcomeRow<T>[],
  response: UpstreamResponse,
  route: string,
): T | undefined {
  return rows.find((row) => matches(row, response, route))?.outcome;
}

export function findAccountErrorRow(
  response: UpstreamResponse,
  route: string,
): NueyneAccountErrorRow | undefined {
  return NUEYNE_ACCOUNT_ERROR_TABLE.find((row) => matches(row, response, route));
}

/**
 * A non-2xx answer of an onboarding route as a problem: a documented one by the table, anything
 * else by its status class. `upstream` names Nueyne and its status, never its text.
 */
export function nueyneAccountProblem(response: UpstreamResponse, route: string): ProblemException {
  const status = response.status;
  const upstream = { name: 'nueyne', status };
  const row = findAccountErrorRow(response, route);
  if (row) {
    return new ProblemException(row.code, {
      detail: row.message,
      upstream,
      ...(row.field ? { errors: [{ field: row.field, message: row.message }] } : {}),
    });
  }
  // Whatever 401 Nueyne gives the sign-up (`Could not validate credentials`, `Token is expired`),
  // it refused the verification token.
  if (route === R.luxSignUp && status === 401) {
    return new ProblemException(ErrorCode.PHONE_VERIFICATION_REQUIRED, {
      detail: 'Nueyne no longer accepts this phone verification; verify the phone again.',
      upstream,
    });
  }
  return nueyneStatusProblem(response);
}
