import { ErrorCode, ERROR_CODES } from '../../common/problem/error-code';
import { THINQ_ERROR_TABLE, thinqProblem } from './thinq-errors';

/** Every code upstreams.md lists, with the HTTP status LG pairs it with. */
const DOCUMENTED: Record<string, number> = {
  ...Object.fromEntries(
    ['1000', '1101', '1102', '1104', '1216', '1217', '1218', '2202', '2205']
      .concat(['2207', '2208', '2209', '2210', '2214', '2301', '2302', '2303', '2304', '2305'])
      .map((c) => [c, 400]),
  ),
  ...Object.fromEntries(['1103', '1307', '1308', '1311', '1309', '1314'].map((c) => [c, 401])),
  ...Object.fromEntries(
    [
      '1201',
      '1202',
      '1204',
      '1205',
      '1206',
      '1207',
      '1210',
      '1211',
      '1212',
      '1213',
      '1214',
      '1224',
    ].map((c) => [c, 404]),
  ),
  ...Object.fromEntries(['1219', '1220', '1221'].map((c) => [c, 406])),
  '1222': 416,
  '1223': 416,
  '1306': 429,
  '0000': 500,
  '2000': 500,
};

describe('THINQ_ERROR_TABLE', () => {
  it('covers every ThinQ code of upstreams.md, and only valid problem codes', () => {
    expect(Object.keys(THINQ_ERROR_TABLE).sort()).toEqual(Object.keys(DOCUMENTED).sort());
    for (const rule of Object.values(THINQ_ERROR_TABLE)) {
      expect(ERROR_CODES[rule.problem]).toBeDefined();
      expect(rule.detail).not.toMatch(/https?:|lgthinq\.com/);
    }
  });

  it.each([
    ['1222', ErrorCode.DEVICE_OFFLINE, 409],
    ['1212', ErrorCode.DEVICE_NOT_FOUND, 404],
    ['1205', ErrorCode.DEVICE_NOT_FOUND, 404],
    ['1213', ErrorCode.DEVICE_NOT_FOUND, 404],
    ['2207', ErrorCode.INVALID_COMMAND, 400],
    ['2301', ErrorCode.COMMAND_NOT_SUPPORTED_NOW, 409],
    ['2302', ErrorCode.COMMAND_NOT_SUPPORTED_NOW, 409],
    ['2303', ErrorCode.COMMAND_NOT_SUPPORTED_NOW, 409],
    ['2304', ErrorCode.COMMAND_NOT_SUPPORTED_NOW, 409],
    ['2305', ErrorCode.COMMAND_NOT_SUPPORTED_NOW, 409],
    ['1306', ErrorCode.UPSTREAM_QUOTA_EXHAUSTED, 429],
    ['1314', ErrorCode.UPSTREAM_QUOTA_EXHAUSTED, 429],
    ['1103', ErrorCode.UPSTREAM_LOGIN_REQUIRED, 401],
    ['1218', ErrorCode.UPSTREAM_LOGIN_REQUIRED, 401],
    ['1101', ErrorCode.UPSTREAM_ERROR, 502],
    ['1104', ErrorCode.UPSTREAM_ERROR, 502],
    ['1216', ErrorCode.UPSTREAM_ERROR, 502],
    ['2000', ErrorCode.UPSTREAM_ERROR, 502],
    ['2209', ErrorCode.UPSTREAM_TIMEOUT, 504],
    ['1219', ErrorCode.NOT_SUPPORTED, 400],
  ])('maps %s to %s (%i), keeping the code in upstream.code', (code, problem, status) => {
    const error = thinqProblem({ status: DOCUMENTED[code], code, message: 'LG text' });
    expect(error.code).toBe(problem);
    expect(error.getStatus()).toBe(status);
    // LG's documented name for the code, never LG's message.
    expect(error.upstream).toEqual({
      name: 'thinq',
      status: DOCUMENTED[code],
      code,
      detail: THINQ_ERROR_TABLE[code].name,
    });
  });

  it('never passes ThinQ’s text on, nor a `code` that is not one of LG’s four digits', () => {
    const message = 'connect ECONNREFUSED db-internal.lge.local:5432';
    for (const code of [undefined, '9999', 'http://10.0.0.9', '__proto__', 'constructor']) {
      const error = thinqProblem({ status: 500, code, message });
      expect(JSON.stringify(error.upstream)).not.toMatch(
        /db-internal|10\.0\.0\.9|proto|constructor/,
      );
      expect(error.code).toBe(ErrorCode.UPSTREAM_ERROR);
      expect(error.detail).toBe('ThinQ failed.');
    }
    expect(thinqProblem({ status: 500, code: '9999', message }).upstream).toEqual({
      name: 'thinq',
      status: 500,
      code: '9999',
    });
  });

  it('sends Retry-After on rate limits: ThinQ\u2019s own when it sends one, else 60 s', () => {
    expect(thinqProblem({ status: 429, code: '1314' }).headers).toEqual({ 'retry-after': '60' });
    expect(thinqProblem({ status: 429, code: '1306', retryAfterHeader: '120' }).headers).toEqual({
      'retry-after': '120',
    });
    expect(thinqProblem({ status: 400, code: '2207' }).headers).toEqual({});
  });

  it('classifies answers without a code by status', () => {
    expect(thinqProblem({ status: 503 }).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(thinqProblem({ status: 500 }).code).toBe(ErrorCode.UPSTREAM_ERROR);
    expect(thinqProblem({ status: 502 }).getStatus()).toBe(502);
    expect(thinqProblem({ status: 401 }).code).toBe(ErrorCode.UPSTREAM_LOGIN_REQUIRED);
    // A bare 429 is ThinQ's quota too (with Retry-After), like 1306 and 1314.
    expect(thinqProblem({ status: 429 }).code).toBe(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED);
    expect(thinqProblem({ status: 429 }).headers).toEqual({ 'retry-after': '60' });
    expect(thinqProblem({ status: 418 }).code).toBe(ErrorCode.UPSTREAM_REJECTED_REQUEST);
    expect(thinqProblem({ status: 414 }).getStatus()).toBe(400);
    expect(thinqProblem({ status: 302 }).code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    expect(thinqProblem({ status: 400, code: '9999' }).code).toBe(
      ErrorCode.UPSTREAM_REJECTED_REQUEST,
    );
    expect(thinqProblem({ status: 500, code: '9999' }).code).toBe(ErrorCode.UPSTREAM_ERROR);
  });
});
