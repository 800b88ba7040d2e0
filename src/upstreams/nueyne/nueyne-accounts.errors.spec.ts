import { ERROR_CODES, ErrorCode } from '../../common/problem/error-code';
import { UpstreamResponse } from '../http/upstream-http.types';
import {
  findOutcome,
  NUEYNE_ACCOUNT_ERROR_TABLE,
  NueyneAccountErrorRow,
  NUEYNE_ACCOUNT_ROUTES as R,
  NUEYNE_RESET_MAIL_OUTCOMES,
  NUEYNE_SMS_OUTCOMES,
  nueyneAccountProblem,
} from './nueyne-accounts.errors';

const answer = (status: number, detail?: unknown, headers = {}): UpstreamResponse => ({
  status,
  headers,
  body: detail === undefined ? undefined : { detail },
});

describe('Nueyne onboarding errors', () => {
  const cases: [string, NueyneAccountErrorRow][] = NUEYNE_ACCOUNT_ERROR_TABLE.flatMap((row) =>
    row.routes.map((route): [string, NueyneAccountErrorRow] => [route, row]),
  );

  it.each(cases)('%s: maps its documented error to the row (%#)', (route, row) => {
    const problem = nueyneAccountProblem(answer(row.status, row.detail), route);
    expect(problem.code).toBe(row.code);
    expect(problem.getStatus()).toBe(ERROR_CODES[row.code].status);
    expect(problem.detail).toBe(row.message);
    // Nueyne's own text never reaches the client.
    expect(problem.upstream).toEqual({ name: 'nueyne', status: row.status });
    expect(JSON.stringify(problem.errors ?? [])).not.toContain(row.detail);
    if (row.field) expect(problem.errors).toEqual([{ field: row.field, message: row.message }]);
  });

  it('applies a row only on its routes', () => {
    // Phone already registered is a problem at validation, not at send (that one is an outcome).
    expect(
      nueyneAccountProblem(answer(409, 'Phone number is already registered'), R.validatePhone).code,
    ).toBe(ErrorCode.PHONE_ALREADY_REGISTERED);
    expect(
      findOutcome(
        NUEYNE_SMS_OUTCOMES,
        answer(409, 'Phone number is already registered'),
        R.sendSms,
      ),
    ).toBe('already_registered');
    expect(
      findOutcome(
        NUEYNE_SMS_OUTCOMES,
        answer(409, 'Phone number is already registered'),
        R.validatePhone,
      ),
    ).toBeUndefined();
  });

  it.each([
    [R.luxResetMail, 400, 'User signed up using a social account', 'social_account'],
    [R.luxResetMail, 404, 'User ID not found', 'no_account'],
    [R.luxResetMail, 404, 'User id is not found', 'no_account'],
    [R.luxResetMail, 500, 'Email send failed', 'mail_failed'],
    [R.legacyResetMail, 404, 'User ID not found', 'no_account'],
    [R.legacyResetMail, 500, 'Email send failed', 'mail_failed'],
  ])('%s %i %s is the outcome %s', (route, status, detail, outcome) => {
    expect(findOutcome(NUEYNE_RESET_MAIL_OUTCOMES, answer(status, detail), route)).toBe(outcome);
  });

  it('takes any 401 of the Lux sign-up as a refused verification', () => {
    for (const detail of [
      'Could not validate credentials',
      'Token is expired',
      'Not authenticated',
    ])
      expect(nueyneAccountProblem(answer(401, detail), R.luxSignUp).code).toBe(
        ErrorCode.PHONE_VERIFICATION_REQUIRED,
      );
  });

  it.each([
    [
      422,
      [{ type: 'missing', loc: ['body', 'phone'], msg: 'Field required' }],
      'UPSTREAM_REJECTED_REQUEST',
    ],
    [429, 'Too many', 'UPSTREAM_RATE_LIMITED'],
    [418, 'teapot', 'UPSTREAM_REJECTED_REQUEST'],
    [500, 'Internal server error. Please try again later.', 'UPSTREAM_ERROR'],
    [503, undefined, 'UPSTREAM_ERROR'],
  ])('maps an undocumented %i by its status class, without its text', (status, detail, code) => {
    const problem = nueyneAccountProblem(answer(status, detail, { 'retry-after': '7' }), R.sendSms);
    expect(problem.code).toBe(code);
    expect(problem.upstream).toEqual({ name: 'nueyne', status });
    if (status === 429) expect(problem.headers).toEqual({ 'retry-after': '7' });
  });
});
