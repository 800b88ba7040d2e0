import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { Principal } from '../src/common/access/principal';
import { CachePolicy, ResponseCache } from '../src/cache/response-cache';
import {
  LICENSE_CACHE,
  SESSION_CACHE,
  SESSIONS_CACHE,
} from '../src/features/conference/conference.service';
import { SEED_USAGE_ROWS } from '../src/sandbox/interwater/demo-data';
import { SERVICE_CLIENT, startStack, TestStack } from './support/stack';

const AUTH = 'POST /v1/auth';
const INFO = 'GET /v1/info';
const SESSIONS = 'GET /v1/sessions';
const ROOM = 'GET /v1/sessions/:room_name';
const STATIC = 'GET /v1/static';

describe('conference (Interwater)', () => {
  let stack: TestStack;
  let url: string;
  let admin: string;
  let user: string | undefined;
  let loginFailure: unknown;

  const iw = () => stack.interwater;
  const calls = (route: string) => iw().faults.count(route);
  const get = (path: string, token: string | null = admin) => {
    const req = request(url).get(path);
    return token ? req.set('authorization', `Bearer ${token}`) : req;
  };
  const userToken = (): string => {
    if (!user) throw new Error(`stack.login('lux') failed: ${String(loginFailure)}`);
    return user;
  };
  const isProblem = (res: request.Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    // Nothing internal: no upstream address, no JWT header name, no token.
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toMatch(/s-connector-jwt|eyJ[A-Za-z0-9_-]{10,}/);
  };
  /** Drops a cached answer of the service client, so the next read goes upstream. */
  const dropCache = (policy: CachePolicy, key: string) =>
    stack.gateway.app
      .get(ResponseCache)
      .invalidate(policy, { sub: `client:${SERVICE_CLIENT.id}` } as Principal, key);

  beforeAll(async () => {
    // This file sends a few hundred calls as one service client within a minute.
    stack = await startStack({
      env: { RATE_LIMITS: JSON.stringify({ default: { limit: 100_000, windowSeconds: 60 } }) },
    });
    await stack.gateway.app.listen({ port: 0, host: '127.0.0.1' });
    url = await stack.gateway.app.getUrl();
    admin = await stack.serviceToken();
    try {
      user = (await stack.login('lux')).accessToken;
    } catch (error) {
      loginFailure = error;
    }
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    iw().faults.clear();
    iw().faults.resetCalls();
    iw().state.config.maxTtlSeconds = 3600;
  });

  describe("the gateway's Interwater JWT", () => {
    // First in the file: the gateway holds no Interwater JWT yet.
    it('is fetched once for 100 concurrent cold calls', async () => {
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          get('/v1/conference/usage?from=2021-02-20&to=2021-02-25'),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
      expect(calls(AUTH)).toBe(1);
      expect(calls(STATIC)).toBe(100);
      const sent = iw().faults.recorded(STATIC)[0];
      expect(sent.headers['s-connector-jwt']).toMatch(/^eyJ/);
      expect(iw().faults.recorded(AUTH)[0].body).toMatchObject({
        accessKey: 'test-access-key',
        secretKey: 'test-secret-key',
      });
    });

    it('is reused afterwards', async () => {
      await get('/v1/conference/usage?from=2021-02-20');
      expect(calls(AUTH)).toBe(0);
    });

    it('is fetched once again when Interwater stops accepting it, for 100 concurrent calls', async () => {
      iw().revokeAllTokens();
      const results = await Promise.all(
        Array.from({ length: 100 }, () => get('/v1/conference/usage?from=2021-02-20')),
      );
      expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
      expect(calls(AUTH)).toBe(1);
    });

    it('is fetched once again after it expires, for 100 concurrent calls', async () => {
      // Make the gateway hold a 2-second JWT: revoke, so its next call refetches one.
      iw().state.config.maxTtlSeconds = 2;
      iw().revokeAllTokens();
      expect((await get('/v1/conference/usage?from=2021-02-20')).status).toBe(200);
      expect(calls(AUTH)).toBe(1);
      iw().state.config.maxTtlSeconds = 3600;
      await sleep(2_300); // let that JWT expire (not an assertion on time)
      iw().faults.resetCalls();
      const results = await Promise.all(
        Array.from({ length: 100 }, () => get('/v1/conference/usage?from=2021-02-20')),
      );
      expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
      expect(calls(AUTH)).toBe(1);
      // Refetched before use, never by way of a 401.
      expect(iw().faults.recorded(STATIC).length).toBe(100);
    });

    it('a 401 after the refetch is the gateway credential failing: 502, one refetch, no loop', async () => {
      iw().faults.add({
        route: SESSIONS,
        fail: { count: 2, status: 401, body: { status: false, message: 'invalid signature' } },
      });
      await dropCache(SESSIONS_CACHE, 'all');
      const res = await get('/v1/conference/sessions');
      isProblem(res, 502, 'UPSTREAM_CREDENTIALS_REJECTED');
      expect(res.body.upstream).toEqual({
        name: 'interwater',
        status: 401,
      });
      expect(calls(SESSIONS)).toBe(2);
      expect(calls(AUTH)).toBe(1);
    });

    it('Interwater refusing the keys themselves is a 502 too', async () => {
      iw().revokeAllTokens();
      iw().faults.add({
        route: AUTH,
        fail: {
          count: 1,
          status: 401,
          body: { status: false, message: 'invalid accessKey or secretKey' },
        },
      });
      const res = await get('/v1/conference/usage?from=2021-02-20');
      isProblem(res, 502, 'UPSTREAM_CREDENTIALS_REJECTED');
      // The next call fetches a working one.
      expect((await get('/v1/conference/usage?from=2021-02-20')).status).toBe(200);
    });
  });

  describe('GET /v1/conference/license', () => {
    it('answers the license without the envelope, enabled as a boolean, cached for minutes', async () => {
      await dropCache(LICENSE_CACHE, 'license');
      const first = await get('/v1/conference/license');
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        domain: 'https://readme.interwater.biz',
        roomLimit: 10,
        enabled: true,
        createdAt: '2020-12-22T15:00:00.000Z',
      });
      expect(first.headers['x-cache']).toBe('MISS');
      expect(first.headers['cache-control']).toBe(
        'private, max-age=300, stale-while-revalidate=60, stale-if-error=3600',
      );
      const second = await get('/v1/conference/license');
      expect(second.status).toBe(200);
      expect(second.headers['x-cache']).toBe('HIT');
      expect(second.headers.age).toMatch(/^\d+$/);
      expect(second.body).toEqual(first.body);
      expect(calls(INFO)).toBe(1);
    });

    it('maps enabled 0 to false', async () => {
      iw().setLicense({ enabled: 0 });
      try {
        await dropCache(LICENSE_CACHE, 'license');
        const res = await get('/v1/conference/license');
        expect(res.body.enabled).toBe(false);
      } finally {
        iw().setLicense({ enabled: 1 });
        await dropCache(LICENSE_CACHE, 'license');
      }
    });

    it('needs conference:admin: a user token gets 403, no token 401', async () => {
      const res = await get('/v1/conference/license', userToken());
      isProblem(res, 403, 'INSUFFICIENT_SCOPE');
      isProblem(await get('/v1/conference/license', null), 401, 'UNAUTHENTICATED');
      const readOnly = await stack.serviceToken('conference:read');
      isProblem(await get('/v1/conference/license', readOnly), 403, 'INSUFFICIENT_SCOPE');
      expect(calls(INFO)).toBe(0);
    });

    it('answers 502 UPSTREAM_ERROR when Interwater fails and nothing is cached', async () => {
      await dropCache(LICENSE_CACHE, 'license');
      iw().faults.add({
        route: INFO,
        fail: { count: 1, status: 500, body: { status: false, message: 'db down' } },
      });
      const res = await get('/v1/conference/license');
      isProblem(res, 502, 'UPSTREAM_ERROR');
      // Interwater's own text ("db down") stays in the log.
      expect(res.body.upstream).toEqual({ name: 'interwater', status: 500 });
    });
  });

  describe('GET /v1/conference/sessions', () => {
    it('lists the rooms without the envelope, one upstream call for 30 concurrent reads', async () => {
      await dropCache(SESSIONS_CACHE, 'all');
      const results = await Promise.all(
        Array.from({ length: 30 }, () => get('/v1/conference/sessions')),
      );
      expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
      expect(results[0].body).toEqual([
        { roomName: 'gfds', status: 'WAIT', user: 1 },
        { roomName: 'gsdagd', status: 'ON_GOING', user: 2 },
        { roomName: 'weekly-sync', status: 'ON_GOING', user: 4 },
        { roomName: 'support-desk', status: 'WAIT', user: 0 },
      ]);
      expect(calls(SESSIONS)).toBe(1);
      const again = await get('/v1/conference/sessions');
      expect(again.headers['x-cache']).toBe('HIT');
      expect(again.headers['cache-control']).toMatch(/^private, max-age=[0-5], /);
      expect(calls(SESSIONS)).toBe(1);
    });

    it('is open to user tokens (conference:read); one shared entry serves every caller', async () => {
      const before = calls(SESSIONS);
      const res = await get('/v1/conference/sessions', userToken());
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(4);
      // Read with the gateway's own credential, the list is the same for everyone: the user is
      // served from the entry the service client's read filled, with no upstream call.
      expect(res.headers['x-cache']).toBe('HIT');
      expect(calls(SESSIONS)).toBe(before);
    });

    it('answers an empty list when no room is open', async () => {
      iw().setSessions([]);
      try {
        await dropCache(SESSIONS_CACHE, 'all');
        const res = await get('/v1/conference/sessions');
        expect(res.status).toBe(200);
        expect(res.body).toEqual([]);
      } finally {
        iw().reset();
        await dropCache(SESSIONS_CACHE, 'all');
      }
    });

    it('answers 502 UPSTREAM_BAD_RESPONSE for an answer it cannot read', async () => {
      await dropCache(SESSIONS_CACHE, 'all');
      iw().faults.add({
        route: SESSIONS,
        fail: { count: 1, status: 200, body: { status: true, data: { roomName: 'x' } } },
      });
      isProblem(await get('/v1/conference/sessions'), 502, 'UPSTREAM_BAD_RESPONSE');
    });

    it('answers 502 UPSTREAM_ERROR for a 200 with {status: false}', async () => {
      await dropCache(SESSIONS_CACHE, 'all');
      iw().faults.add({
        route: SESSIONS,
        fail: { count: 1, status: 200, body: { status: false, message: 'license disabled' } },
      });
      const res = await get('/v1/conference/sessions');
      isProblem(res, 502, 'UPSTREAM_ERROR');
      expect(res.body.upstream).toEqual({ name: 'interwater', status: 200 });
    });
  });

  describe('GET /v1/conference/sessions/{roomName}', () => {
    it('answers one room, cached', async () => {
      await dropCache(SESSION_CACHE, 'gsdagd');
      const res = await get('/v1/conference/sessions/gsdagd');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ roomName: 'gsdagd', status: 'ON_GOING', user: 2 });
      expect(res.headers['x-cache']).toBe('MISS');
      expect((await get('/v1/conference/sessions/gsdagd')).headers['x-cache']).toBe('HIT');
      expect(calls(ROOM)).toBe(1);
    });

    it('is open to user tokens', async () => {
      const res = await get('/v1/conference/sessions/gfds', userToken());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ roomName: 'gfds', status: 'WAIT', user: 1 });
    });

    it('answers 404 ROOM_NOT_FOUND for a room not in session, and does not cache that', async () => {
      const first = await get('/v1/conference/sessions/no-such-room');
      isProblem(first, 404, 'ROOM_NOT_FOUND');
      expect(first.body.detail).toBe('No conference room named "no-such-room" is in session.');
      expect(first.body.upstream).toEqual({
        name: 'interwater',
        status: 404,
      });
      isProblem(await get('/v1/conference/sessions/no-such-room'), 404, 'ROOM_NOT_FOUND');
      expect(calls(ROOM)).toBe(2);
    });

    it('keeps a room name one upstream segment (../info never reaches /v1/info)', async () => {
      const res = await get('/v1/conference/sessions/..%2Finfo');
      isProblem(res, 404, 'ROOM_NOT_FOUND');
      expect(calls(INFO)).toBe(0);
      expect(iw().faults.recorded(ROOM)[0].path).toBe('/v1/sessions/..%2Finfo');
      const spaced = await get('/v1/conference/sessions/a%3Fb%23c%20d');
      isProblem(spaced, 404, 'ROOM_NOT_FOUND');
      expect(iw().faults.recorded(ROOM)[1].path).toBe('/v1/sessions/a%3Fb%23c%20d');
    });

    it('finds a room whose name needs encoding', async () => {
      iw().setSessions([{ status: 'WAIT', user: 3, roomName: 'Team room/2' }]);
      try {
        const res = await get(`/v1/conference/sessions/${encodeURIComponent('Team room/2')}`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ roomName: 'Team room/2', status: 'WAIT', user: 3 });
      } finally {
        iw().reset();
      }
    });

    it.each([
      ['100 characters that need encoding', '\u00e9'.repeat(100)],
      ['100 slashes', '/'.repeat(100)],
    ])('a name of %s is a room Interwater does not have, never a 5xx', async (_what, name) => {
      const res = await get(`/v1/conference/sessions/${encodeURIComponent(name)}`);
      isProblem(res, 404, 'ROOM_NOT_FOUND');
    });

    it.each([101, 150, 5000])(
      'refuses a name of %i characters (over its 100) as a 400 naming roomName, without calling Interwater',
      async (length) => {
        const res = await get(`/v1/conference/sessions/${'r'.repeat(length)}`);
        isProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['roomName']);
        expect(calls(ROOM)).toBe(0);
      },
    );

    it('needs a token', async () => {
      isProblem(await get('/v1/conference/sessions/gfds', null), 401, 'UNAUTHENTICATED');
    });
  });

  describe('GET /v1/conference/usage', () => {
    it("answers the seed's usage for the seed's range, without the envelope", async () => {
      const res = await get('/v1/conference/usage?from=2021-02-20&to=2021-02-25');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        domain: 'https://readme.interwater.biz',
        totalSecond: 49951,
        detail: SEED_USAGE_ROWS.map((row) => ({ ...row })),
      });
      expect(iw().faults.recorded(STATIC)[0].query).toEqual({
        startTime: '2021-02-20',
        endTime: '2021-02-25',
      });
      expect(res.headers['x-cache']).toBeUndefined();
    });

    it('runs to now without to, and is not cached', async () => {
      const from = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
      const res = await get(`/v1/conference/usage?from=${from}`);
      expect(res.status).toBe(200);
      expect(res.body.detail.length).toBeGreaterThan(0);
      expect(res.body.totalSecond).toBe(
        (res.body.detail as { sessionTimeSecond: number }[]).reduce(
          (sum, row) => sum + row.sessionTimeSecond,
          0,
        ),
      );
      expect(iw().faults.recorded(STATIC)[0].query).toEqual({ startTime: from });
      await get(`/v1/conference/usage?from=${from}`);
      expect(calls(STATIC)).toBe(2);
    });

    it('accepts to equal to from (one day)', async () => {
      const res = await get('/v1/conference/usage?from=2021-02-22&to=2021-02-22');
      expect(res.status).toBe(200);
      expect(res.body.totalSecond).toBe(42936 + 1481 + 4924);
    });

    it.each([
      ['no from', '', ['from']],
      ['only to', '?to=2021-02-25', ['from']],
      ['from not a date', '?from=yesterday', ['from']],
      ['from not a real day', '?from=2021-02-30', ['from']],
      ['from as yyyymmdd', '?from=20210220', ['from']],
      ['from with a time', '?from=2021-02-20T00:00:00Z', ['from']],
      ['to not a real day', '?from=2021-02-20&to=2021-04-31', ['to']],
      ['to before from', '?from=2021-02-25&to=2021-02-20', ['to']],
      ['an unknown parameter', '?from=2021-02-20&startTime=2021-02-20', ['startTime']],
      ['from twice', '?from=2021-02-20&from=2021-02-21', ['from']],
    ])(
      'answers 400 VALIDATION_FAILED for %s, without calling Interwater',
      async (_n, query, fields) => {
        const res = await get(`/v1/conference/usage${query}`);
        isProblem(res, 400, 'VALIDATION_FAILED');
        expect([...new Set((res.body.errors as { field: string }[]).map((e) => e.field))]).toEqual(
          fields,
        );
        expect(calls(STATIC)).toBe(0);
      },
    );

    it('needs conference:admin', async () => {
      isProblem(
        await get('/v1/conference/usage?from=2021-02-20', userToken()),
        403,
        'INSUFFICIENT_SCOPE',
      );
      expect(calls(STATIC)).toBe(0);
    });

    it('maps an Interwater 400 to 400 UPSTREAM_REJECTED_REQUEST', async () => {
      iw().faults.add({
        route: STATIC,
        fail: { count: 1, status: 400, body: { status: false, message: 'range too long' } },
      });
      const res = await get('/v1/conference/usage?from=2021-02-20');
      isProblem(res, 400, 'UPSTREAM_REJECTED_REQUEST');
      expect(res.body.upstream).toEqual({
        name: 'interwater',
        status: 400,
      });
    });

    it('maps an Interwater 5xx with a text body to 502 UPSTREAM_ERROR', async () => {
      // 500: the HTTP layer retries 502/503/504 on GETs, so those would need several faults.
      iw().faults.add({
        route: STATIC,
        fail: { count: 1, status: 500, body: 'Internal Server Error' },
      });
      const res = await get('/v1/conference/usage?from=2021-02-20');
      isProblem(res, 502, 'UPSTREAM_ERROR');
      expect(res.body.upstream).toEqual({
        name: 'interwater',
        status: 500,
      });
      expect(calls(STATIC)).toBe(1);
    });

    it('answers 502 UPSTREAM_BAD_RESPONSE for rows it cannot read', async () => {
      iw().faults.add({
        route: STATIC,
        fail: {
          count: 1,
          status: 200,
          body: {
            status: true,
            data: { domain: 'd', totalSecond: 1, detail: [{ roomName: 'a', createdAt: 'never' }] },
          },
        },
      });
      isProblem(await get('/v1/conference/usage?from=2021-02-20'), 502, 'UPSTREAM_BAD_RESPONSE');
    });
  });

  it('is in the OpenAPI document with its scopes and problems', async () => {
    const res = await request(url).get('/docs/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, { responses: object }>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/v1/conference/license',
        '/v1/conference/sessions',
        '/v1/conference/sessions/{roomName}',
        '/v1/conference/usage',
      ]),
    );
    expect(Object.keys(paths['/v1/conference/sessions/{roomName}'].get.responses)).toEqual(
      expect.arrayContaining(['200', '404', '502']),
    );
  });
});
