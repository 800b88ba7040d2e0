import { ERROR_CODES, ErrorCode } from '../../common/problem/error-code';
import { UpstreamResponse } from '../http/upstream-http.types';
import {
  findNueyneErrorRow,
  isNueyneRefusal,
  NUEYNE_ERROR_TABLE,
  NUEYNE_ROUTES,
  nueyneProblem,
  upstreamDetail,
} from './nueyne-errors';

const answer = (status: number, body: unknown, headers = {}): UpstreamResponse => ({
  status,
  body,
  headers,
});

/** The expected mapping of every documented detail, written out independently of the table. */
const EXPECTED: [number, string, ErrorCode, number, string?][] = [
  [401, 'User is None', ErrorCode.USER_NOT_FOUND, 404],
  [401, 'User is Deleted', ErrorCode.ACCOUNT_DELETED, 410],
  [404, 'User not found', ErrorCode.USER_NOT_FOUND, 404],
  [404, 'User policy not found', ErrorCode.USER_POLICY_NOT_FOUND, 404],
  [409, 'User policy update failed', ErrorCode.PUSH_TOKEN_MISSING, 409],
  [400, 'Push permisson denied', ErrorCode.PUSH_NOT_PERMITTED, 409],
  [409, 'User push token update failed', ErrorCode.PUSH_TOKEN_INVALID, 400],
  [409, 'Real user create failed', ErrorCode.MEMBER_CREATE_FAILED, 409],
  [400, 'Serial code is not valid', ErrorCode.SERIAL_CODE_INVALID, 400],
  [401, 'Not authorized user', ErrorCode.NOT_AUTHORIZED_FOR_RESOURCE, 403],
  [404, 'Not Found Device', ErrorCode.DEVICE_NOT_FOUND, 404],
  [409, 'Already Connected Device', ErrorCode.DEVICE_ALREADY_CONNECTED, 409],
  [404, 'Real user is not found', ErrorCode.MEMBER_NOT_FOUND, 404],
  [400, 'Validation code is expired', ErrorCode.VERIFICATION_CODE_EXPIRED, 400],
  [400, 'Validation code is invalid', ErrorCode.VERIFICATION_CODE_INVALID, 400],
  [403, 'User previously deleted', ErrorCode.ACCOUNT_DELETED, 410],
  [409, 'Phone number is already registered', ErrorCode.PHONE_ALREADY_REGISTERED, 409],
  [409, 'User notification update failed', ErrorCode.NOTIFICATION_UPDATE_FAILED, 502],
  [409, 'Real user delete failed', ErrorCode.MEMBER_DELETE_FAILED, 409],
  [404, 'Sign in type is not found', ErrorCode.ACCOUNT_DELETE_FAILED, 502],
  [500, 'Internal Server Error', ErrorCode.UPSTREAM_ERROR, 502],
  [400, 'This device is not registered', ErrorCode.DEVICE_NOT_REGISTERED, 400],
  [400, 'Device Connection Failed', ErrorCode.DEVICE_CONNECTION_FAILED, 502],
  [404, 'Serial code is not valid', ErrorCode.SERIAL_CODE_INVALID, 400],
  [400, 'Device unconnect failed', ErrorCode.DEVICE_DISCONNECT_FAILED, 502],
  [500, 'Internal server error', ErrorCode.THERAPY_LOG_SAVE_FAILED, 400, NUEYNE_ROUTES.devlog],
  [500, 'Internal server error', ErrorCode.THERAPY_LOG_SAVE_FAILED, 400, NUEYNE_ROUTES.tempLog],
  [404, 'No Content', ErrorCode.NO_USAGE_RECORDED, 404],
  [400, 'Read Device Log Failed', ErrorCode.THERAPY_LOG_READ_FAILED, 502],
  [401, 'Could not validate credentials', ErrorCode.UPSTREAM_LOGIN_REQUIRED, 401],
  [401, 'Token is expired', ErrorCode.UPSTREAM_LOGIN_REQUIRED, 401],
  [401, 'Not authenticated', ErrorCode.UPSTREAM_LOGIN_REQUIRED, 401],
  [404, 'Resource not found', ErrorCode.UPSTREAM_ERROR, 502],
  [405, 'Method Not Allowed', ErrorCode.UPSTREAM_ERROR, 502],
  [500, 'Internal server error. Please try again later.', ErrorCode.UPSTREAM_ERROR, 502],
];

describe('Nueyne error table', () => {
  for (const [status, detail, code, publicStatus, route] of EXPECTED) {
    it(`${status} "${detail}"${route ? ` on ${route}` : ''} -> ${code} (${publicStatus})`, () => {
      const problem = nueyneProblem(answer(status, { detail }), route ?? 'GET /any');
      expect(problem.code).toBe(code);
      expect(problem.getStatus()).toBe(publicStatus);
      expect(problem.upstream).toEqual({ name: 'nueyne', status, detail });
      expect(problem.detail).not.toBe('');
    });
  }

  it('has a test row for every table row, and every row answers its code table status', () => {
    for (const row of NUEYNE_ERROR_TABLE) {
      const routes = row.routes ?? [undefined];
      for (const route of routes) {
        expect(
          EXPECTED.some(
            ([status, detail, code, , r]) =>
              status === row.status && detail === row.detail && code === row.code && r === route,
          ),
        ).toBe(true);
      }
      expect(ERROR_CODES[row.code]).toBeDefined();
    }
  });

  it('keeps route-bound rows to their routes', () => {
    const elsewhere = nueyneProblem(answer(500, { detail: 'Internal server error' }), 'GET /x');
    expect(elsewhere.code).toBe(ErrorCode.UPSTREAM_ERROR);
    expect(elsewhere.getStatus()).toBe(502);
    expect(findNueyneErrorRow(500, 'Internal server error', NUEYNE_ROUTES.devlog)?.code).toBe(
      ErrorCode.THERAPY_LOG_SAVE_FAILED,
    );
  });

  it('names deviceId and calls it a refusal (no fault) when Nueyne cannot store a log', () => {
    for (const route of [NUEYNE_ROUTES.devlog, NUEYNE_ROUTES.tempLog]) {
      const refused = answer(500, { detail: 'Internal server error' });
      expect(nueyneProblem(refused, route).errors).toEqual([
        { field: 'deviceId', message: expect.stringContaining('deviceId') },
      ]);
      expect(isNueyneRefusal(refused, route)).toBe(true);
    }
    // The same answer elsewhere, a common 500 and a documented 502-mapped row stay faults.
    expect(isNueyneRefusal(answer(500, { detail: 'Internal server error' }), 'GET /x')).toBe(false);
    expect(
      isNueyneRefusal(
        answer(500, { detail: 'Internal server error. Please try again later.' }),
        NUEYNE_ROUTES.devlog,
      ),
    ).toBe(false);
    expect(
      isNueyneRefusal(answer(500, { detail: 'Internal Server Error' }), NUEYNE_ROUTES.myDevices),
    ).toBe(false);
    expect(isNueyneRefusal(answer(404, { detail: 'Not Found Device' }), 'GET /x')).toBe(true);
  });

  it('matches status and detail together', () => {
    const problem = nueyneProblem(answer(418, { detail: 'Not Found Device' }), 'GET /x');
    expect(problem.code).toBe(ErrorCode.UPSTREAM_REJECTED_REQUEST);
  });

  it('maps FastAPI 422 to UPSTREAM_REJECTED_REQUEST, its issues left to the log', () => {
    const problem = nueyneProblem(
      answer(422, {
        detail: [
          { type: 'missing', loc: ['body', 'user_id'], msg: 'Field required', input: {} },
          { type: 'int_parsing', loc: ['query', 'x'], msg: 'Input should be a valid integer' },
        ],
      }),
      NUEYNE_ROUTES.devlog,
    );
    expect(problem.code).toBe(ErrorCode.UPSTREAM_REJECTED_REQUEST);
    expect(problem.getStatus()).toBe(400);
    expect(problem.upstream).toEqual({ name: 'nueyne', status: 422 });
  });

  it('passes on only the documented detail of a row that matched, never Nueyne\u2019s own text', () => {
    const traceback = 'Traceback (most recent call last):\n  File "/srv/app.py"\nhttp://10.0.0.9';
    for (const status of [400, 404, 418, 500, 502, 503, 599]) {
      const problem = nueyneProblem(answer(status, { detail: traceback }), 'GET /x');
      expect(problem.upstream).toEqual({ name: 'nueyne', status });
      expect(problem.detail).not.toMatch(/Traceback|10\.0\.0\.9|srv/);
      expect(nueyneProblem(answer(status, traceback), 'GET /x').upstream).toEqual({
        name: 'nueyne',
        status,
      });
    }
  });

  it('maps unknown details by status class', () => {
    expect(nueyneProblem(answer(503, { detail: 'down' }), 'GET /x').code).toBe(
      ErrorCode.UPSTREAM_ERROR,
    );
    expect(nueyneProblem(answer(500, 'oops'), 'GET /x').getStatus()).toBe(502);
    expect(nueyneProblem(answer(400, { detail: 'Something new' }), 'GET /x')).toMatchObject({
      code: ErrorCode.UPSTREAM_REJECTED_REQUEST,
      upstream: { name: 'nueyne', status: 400 },
    });
    expect(nueyneProblem(answer(409, undefined), 'GET /x').upstream).toEqual({
      name: 'nueyne',
      status: 409,
    });
    const limited = nueyneProblem(
      answer(429, { detail: 'slow' }, { 'retry-after': '7' }),
      'GET /x',
    );
    expect(limited.code).toBe(ErrorCode.UPSTREAM_RATE_LIMITED);
    expect(limited.headers).toEqual({ 'retry-after': '7' });
  });

  it('reads detail from every body shape', () => {
    expect(upstreamDetail({ detail: 'x' })).toBe('x');
    expect(upstreamDetail('plain text')).toBe('plain text');
    expect(upstreamDetail(undefined)).toBeUndefined();
    expect(upstreamDetail({ other: 1 })).toBeUndefined();
  });
});
