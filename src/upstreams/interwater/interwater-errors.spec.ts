import { ERROR_CODES, ErrorCode } from '../../common/problem/error-code';
import {
  findInterwaterErrorRow,
  INTERWATER_ERROR_TABLE,
  INTERWATER_ROUTES as R,
  interwaterProblem,
} from './interwater-errors';

describe('Interwater error table', () => {
  const cases: [number, string, ErrorCode, number][] = [
    [404, R.session, ErrorCode.ROOM_NOT_FOUND, 404],
    [404, R.info, ErrorCode.UPSTREAM_ERROR, 502],
    [404, R.sessions, ErrorCode.UPSTREAM_ERROR, 502],
    [401, R.sessions, ErrorCode.UPSTREAM_CREDENTIALS_REJECTED, 502],
    [401, R.session, ErrorCode.UPSTREAM_CREDENTIALS_REJECTED, 502],
    [403, R.info, ErrorCode.UPSTREAM_CREDENTIALS_REJECTED, 502],
    [400, R.usage, ErrorCode.UPSTREAM_REJECTED_REQUEST, 400],
    [422, R.usage, ErrorCode.UPSTREAM_REJECTED_REQUEST, 400],
    [429, R.sessions, ErrorCode.UPSTREAM_RATE_LIMITED, 429],
    [414, R.session, ErrorCode.UPSTREAM_REJECTED_REQUEST, 400],
    [413, R.usage, ErrorCode.UPSTREAM_REJECTED_REQUEST, 400],
    [431, R.session, ErrorCode.UPSTREAM_REJECTED_REQUEST, 400],
    [405, R.info, ErrorCode.UPSTREAM_ERROR, 502],
    [500, R.info, ErrorCode.UPSTREAM_ERROR, 502],
    [503, R.sessions, ErrorCode.UPSTREAM_ERROR, 502],
    [200, R.sessions, ErrorCode.UPSTREAM_ERROR, 502],
  ];

  it.each(cases)('HTTP %i on %s is %s (%i)', (status, route, code, httpStatus) => {
    const problem = interwaterProblem(route, { status, body: { status: false, message: 'x' } });
    expect(problem.code).toBe(code);
    expect(problem.getStatus()).toBe(httpStatus);
    expect(problem.upstream).toEqual({ name: 'interwater', status });
  });

  it('covers every row with a case above', () => {
    const used = new Set(cases.map(([status, route]) => findInterwaterErrorRow(status, route)));
    expect(INTERWATER_ERROR_TABLE.filter((row) => !used.has(row))).toEqual([]);
  });

  it('uses only codes of the ErrorCode table', () => {
    for (const row of INTERWATER_ERROR_TABLE) expect(ERROR_CODES[row.code]).toBeDefined();
  });

  it('names the room in ROOM_NOT_FOUND, quoted and cut short', () => {
    const problem = interwaterProblem(
      R.session,
      { status: 404, body: { status: false, message: 'room not found: ../info' } },
      { roomName: '../info' },
    );
    expect(problem.detail).toBe('No conference room named "../info" is in session.');
    expect(problem.upstream?.detail).toBeUndefined();
    const long = interwaterProblem(
      R.session,
      { status: 404, body: '' },
      { roomName: 'r'.repeat(500) },
    );
    expect(long.detail.length).toBeLessThan(160);
  });

  it('says the gateway credential failed, not the caller', () => {
    const problem = interwaterProblem(R.info, {
      status: 401,
      body: { status: false, message: 'invalid signature' },
    });
    expect(problem.detail).toMatch(/gateway/);
    expect(problem.upstream).toEqual({ name: 'interwater', status: 401 });
  });

  it('never passes Interwater\u2019s own text on, whatever the body', () => {
    const message = 'MongoNetworkError: failed to connect to mongodb://iw-internal:27017';
    for (const body of [
      { status: false, message },
      message,
      '<html>bad gateway</html>',
      undefined,
    ]) {
      for (const status of [200, 400, 404, 418, 500, 502]) {
        const problem = interwaterProblem(R.session, { status, body }, { roomName: 'r1' });
        expect(problem.upstream).toEqual({ name: 'interwater', status });
        expect(problem.detail).not.toMatch(/mongo|iw-internal/i);
      }
    }
  });

  it('passes on a numeric Retry-After for rate limits and 503, nothing else', () => {
    const limited = interwaterProblem(R.sessions, {
      status: 429,
      body: {},
      headers: { 'retry-after': '30' },
    });
    expect(limited.headers).toEqual({ 'retry-after': '30' });
    const down = interwaterProblem(R.sessions, {
      status: 503,
      body: {},
      headers: { 'retry-after': '5' },
    });
    expect(down.headers).toEqual({ 'retry-after': '5' });
    const odd = interwaterProblem(R.sessions, {
      status: 429,
      body: {},
      headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' },
    });
    expect(odd.headers).toEqual({});
    const other = interwaterProblem(R.sessions, {
      status: 500,
      body: {},
      headers: { 'retry-after': '5' },
    });
    expect(other.headers).toEqual({});
  });

  it('answers UPSTREAM_BAD_RESPONSE for a status no row covers', () => {
    const problem = interwaterProblem(R.info, { status: 302, body: undefined });
    expect(problem.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    expect(problem.getStatus()).toBe(502);
  });
});
