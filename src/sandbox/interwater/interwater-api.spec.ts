import { SEED_USAGE_ROWS } from './demo-data';
import { createInterwaterSimulator, type InterwaterSimulator } from './interwater-simulator';

/** The seed page's response examples. */
const SEED_INFO = {
  status: true,
  data: { domain: 'trial', roomLimit: 10, enabled: 1, createdAt: '2020-12-22T15:00:00.000Z' },
};
const SEED_SESSIONS = { status: true, data: [{ status: 'WAIT', user: 1, roomName: 'gfds' }] };
const SEED_SESSION = { status: true, data: { status: 'ON_GOING', user: 2, roomName: 'gsdagd' } };
const SEED_STATIC = {
  status: true,
  data: {
    domain: 'https://readme.interwater.biz',
    totalSecond: 49951,
    detail: [
      { roomName: 'gsdagd', sessionTimeSecond: 42936, createdAt: '2021-02-22T12:39:26.000Z' },
      { roomName: 'test', sessionTimeSecond: 1481, createdAt: '2021-02-22T04:45:20.000Z' },
      { roomName: 'test', sessionTimeSecond: 4924, createdAt: '2021-02-22T00:12:58.000Z' },
      { roomName: '12312', sessionTimeSecond: 610, createdAt: '2021-02-21T02:34:52.000Z' },
    ],
  },
};

interface StaticBody {
  status: boolean;
  data: {
    domain: string;
    totalSecond: number;
    detail: Array<{ roomName: string; sessionTimeSecond: number; createdAt: string }>;
  };
}

describe('Interwater simulator: info, sessions, usage', () => {
  let sim: InterwaterSimulator;
  let clock: number;
  let jwt: string;

  beforeEach(async () => {
    clock = Date.parse('2024-06-15T12:00:00Z');
    sim = createInterwaterSimulator({ now: () => clock });
    jwt = await sim.issueToken();
  });
  afterEach(async () => {
    await sim.app.close();
  });

  const get = (url: string) =>
    sim.app.inject({ method: 'GET', url, headers: { 's-connector-jwt': jwt } });

  describe('GET /v1/info', () => {
    it('answers in the seed shape', async () => {
      const res = await get('/v1/info');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body.data).sort()).toEqual(Object.keys(SEED_INFO.data).sort());
      expect(body).toEqual({
        status: true,
        data: {
          domain: 'https://readme.interwater.biz',
          roomLimit: 10,
          enabled: 1,
          createdAt: '2020-12-22T15:00:00.000Z',
        },
      });
    });

    it('setLicense() changes it (enabled 0)', async () => {
      sim.setLicense({ enabled: 0, roomLimit: 3 });
      expect((await get('/v1/info')).json().data).toMatchObject({ enabled: 0, roomLimit: 3 });
    });
  });

  describe('GET /v1/sessions', () => {
    it('lists the demo rooms, the seed’s WAIT room among them', async () => {
      const res = await get('/v1/sessions');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.status).toBe(true);
      expect(body.data).toContainEqual(SEED_SESSIONS.data[0]);
      expect(body.data).toContainEqual(SEED_SESSION.data);
      for (const session of body.data) {
        expect(Object.keys(session).sort()).toEqual(['roomName', 'status', 'user']);
        expect(['WAIT', 'ON_GOING']).toContain(session.status);
      }
    });

    it('setSessions() replaces the list', async () => {
      sim.setSessions([{ status: 'WAIT', user: 1, roomName: 'gfds' }]);
      expect((await get('/v1/sessions')).json()).toEqual(SEED_SESSIONS);
      sim.setSessions([]);
      expect((await get('/v1/sessions')).json()).toEqual({ status: true, data: [] });
    });

    it('PUT /__sandbox/state/sessions replaces it over HTTP, and validates', async () => {
      const ok = await sim.app.inject({
        method: 'PUT',
        url: '/__sandbox/state/sessions',
        payload: [{ status: 'ON_GOING', user: 3, roomName: 'demo' }],
      });
      expect(ok.statusCode).toBe(200);
      expect(sim.sessions()).toEqual([{ status: 'ON_GOING', user: 3, roomName: 'demo' }]);
      const bad = await sim.app.inject({
        method: 'PUT',
        url: '/__sandbox/state/sessions',
        payload: [{ status: 'DONE', user: 3, roomName: 'demo' }],
      });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('GET /v1/sessions/:room_name', () => {
    it('answers the seed example for gsdagd', async () => {
      const res = await get('/v1/sessions/gsdagd');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(SEED_SESSION);
    });

    it('unknown room -> 404 {status: false}', async () => {
      const res = await get('/v1/sessions/no-such-room');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ status: false, message: expect.any(String) });
    });

    it('decodes url-encoded room names', async () => {
      sim.setSessions([{ status: 'WAIT', user: 1, roomName: '회의실 A' }]);
      const res = await get(`/v1/sessions/${encodeURIComponent('회의실 A')}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().data.roomName).toBe('회의실 A');
    });
  });

  describe('GET /v1/static', () => {
    it('answers the seed example exactly', async () => {
      const res = await get('/v1/static?startTime=2021-02-20&endTime=2021-02-25');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(SEED_STATIC);
    });

    it('endTime is inclusive (the whole day) and startTime starts at 00:00 UTC', async () => {
      const oneDay = (await get('/v1/static?startTime=2021-02-22&endTime=2021-02-22')).json();
      expect(
        oneDay.data.detail.map((r: { sessionTimeSecond: number }) => r.sessionTimeSecond),
      ).toEqual([42936, 1481, 4924]);
      expect(oneDay.data.totalSecond).toBe(42936 + 1481 + 4924);
      const before = (await get('/v1/static?startTime=2021-02-21&endTime=2021-02-21')).json();
      expect(before.data.detail).toEqual([SEED_USAGE_ROWS[3]]);
      const none = (await get('/v1/static?startTime=2021-02-23&endTime=2021-02-25')).json();
      expect(none).toEqual({
        status: true,
        data: { domain: 'https://readme.interwater.biz', totalSecond: 0, detail: [] },
      });
    });

    it('without endTime runs to now, newest first, and holds months of history', async () => {
      sim.addUsage({
        roomName: 'future',
        sessionTimeSecond: 100,
        createdAt: new Date(clock + 60_000).toISOString(),
      });
      const body = (await get('/v1/static?startTime=2024-03-01')).json<StaticBody>();
      expect(body.status).toBe(true);
      const rows = body.data.detail;
      expect(rows.length).toBeGreaterThan(60);
      expect(rows.map((r) => r.roomName)).not.toContain('future');
      const times = rows.map((r) => Date.parse(r.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2024-03-01T00:00:00Z'));
      expect(Math.max(...times)).toBeLessThanOrEqual(clock);
      expect(body.data.totalSecond).toBe(rows.reduce((sum, r) => sum + r.sessionTimeSecond, 0));
      const months = new Set(rows.map((r) => r.createdAt.slice(0, 7)));
      expect(months.size).toBeGreaterThanOrEqual(3);
    });

    it('filters by month', async () => {
      const body = (
        await get('/v1/static?startTime=2024-05-01&endTime=2024-05-31')
      ).json<StaticBody>();
      expect(body.data.detail.length).toBeGreaterThan(15);
      for (const row of body.data.detail) expect(row.createdAt.startsWith('2024-05-')).toBe(true);
    });

    it.each([
      ['missing startTime', '/v1/static'],
      ['empty startTime', '/v1/static?startTime='],
      ['missing startTime with endTime', '/v1/static?endTime=2021-02-25'],
      ['unpadded', '/v1/static?startTime=2021-2-20'],
      ['not a date', '/v1/static?startTime=yesterday'],
      ['impossible day', '/v1/static?startTime=2021-02-30'],
      ['with a time', '/v1/static?startTime=2021-02-20T00:00:00Z'],
      ['malformed endTime', '/v1/static?startTime=2021-02-20&endTime=25-02-2021'],
      ['endTime before startTime', '/v1/static?startTime=2021-02-25&endTime=2021-02-20'],
    ])('%s -> 400 {status: false}', async (_label, url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ status: false, message: expect.any(String) });
    });

    it('setUsage() replaces the history', async () => {
      sim.setUsage([
        { roomName: 'a', sessionTimeSecond: 10, createdAt: '2024-06-01T00:00:00.000Z' },
        { roomName: 'b', sessionTimeSecond: 20, createdAt: '2024-06-02T00:00:00.000Z' },
      ]);
      const body = (await get('/v1/static?startTime=2024-01-01')).json<StaticBody>();
      expect(body.data.totalSecond).toBe(30);
      expect(body.data.detail.map((r) => r.roomName)).toEqual(['b', 'a']);
    });
  });

  it('reset() restores rooms, usage and license and clears faults and calls', async () => {
    sim.setSessions([]);
    sim.setUsage([]);
    sim.setLicense({ enabled: 0 });
    sim.faults.add({ route: 'GET /v1/info', fail: { count: 5, status: 503 } });
    await get('/v1/info');
    sim.reset();
    expect(sim.sessions().length).toBeGreaterThan(0);
    expect(sim.usage()).toEqual(expect.arrayContaining([...SEED_USAGE_ROWS]));
    expect(sim.faults.count('GET /v1/info')).toBe(0);
    expect((await get('/v1/info')).json().data.enabled).toBe(1);
  });

  it('unknown routes -> 404 {status: false}', async () => {
    const res = await get('/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().status).toBe(false);
  });

  it('injected faults come before the JWT check and are counted', async () => {
    sim.faults.add({
      route: 'GET /v1/sessions',
      fail: { count: 1, status: 500, body: { status: false, message: 'boom' } },
    });
    const res = await sim.app.inject({ method: 'GET', url: '/v1/sessions' });
    expect(res.statusCode).toBe(500);
    expect((await get('/v1/sessions')).statusCode).toBe(200);
    expect(sim.faults.count('GET /v1/sessions')).toBe(2);
  });
});
