import Redis from 'ioredis';
import { AddressInfo, connect, Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { ApplianceEventsService } from '../src/features/appliance-events/appliance-events.service';
import { ApplianceFeeds } from '../src/features/appliance-events/appliance-feeds';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { eventually } from './support/eventually';
import { TestGateway } from './support/gateway';
import { SseClient, SseEvent } from './support/sse-client';
import { startStack, TestStack } from './support/stack';

const STATUS = 'GET /v2/devices/status/:deviceId';
const AC = THINQ_DEVICE_IDS.airConditioner;
const FRIDGE = THINQ_DEVICE_IDS.refrigerator;
const WASHER = THINQ_DEVICE_IDS.washer;
const DRYER = THINQ_DEVICE_IDS.washtowerDryer;
const USER_A_DEVICES = [
  THINQ_DEVICE_IDS.airConditioner,
  THINQ_DEVICE_IDS.airPurifier,
  THINQ_DEVICE_IDS.refrigerator,
  THINQ_DEVICE_IDS.washer,
  THINQ_DEVICE_IDS.washtowerWasher,
  THINQ_DEVICE_IDS.washtowerDryer,
];
const POLL_MS = 300;

async function listen(gateway: TestGateway): Promise<string> {
  await gateway.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(gateway.app.getHttpServer().address() as AddressInfo).port}`;
}

/** The sum of a metric's samples (every label set). */
function sumMetric(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((total, line) => total + Number(line.split(' ').pop()), 0);
}

/** A full garbage collection (the flag can be set at run time; a new context exposes gc). */
function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

/** A client that asks for the stream and then never reads a byte. */
function slowReader(base: string, path: string, session: string): Promise<Socket> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.pause();
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${session}\r\n\r\n`,
      );
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

/** A client that reads the stream as fast as it comes, keeping only a count of status events. */
function countingReader(
  base: string,
  path: string,
  session: string,
): Promise<{ socket: Socket; statusEvents: () => number }> {
  const url = new URL(base);
  let count = 0;
  let tail = '';
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${session}\r\n\r\n`,
      );
      resolve({ socket, statusEvents: () => count });
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      const text = tail + chunk;
      count += text.split('event: status\n').length - 1;
      tail = text.slice(-16);
      if (tail.includes('event: status\n')) tail = '';
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

const deviceOf = (event: SseEvent) => (event.json as { deviceId?: string }).deviceId;
const statusOf = (event: SseEvent) =>
  (event.json as { status: Record<string, Record<string, unknown>> }).status;

/**
 * GET /v1/appliances/events on gateway instances sharing one real redis-server, against the ThinQ
 * simulator: what a stream shows, how many ThinQ calls any number of streams costs, resuming with
 * Last-Event-ID on another instance, tickets, the ends (session, link, slow reader, shutdown) and
 * the limits. Every event's data is checked against the schema openapi.json declares for it.
 */
describe('appliance events (server-sent)', () => {
  let stack: TestStack;
  let a: string;
  let b: string;
  /** Polls once a minute: within a test, only a command's poke explains a quick event. */
  let slowPoll: string;
  let redis: Redis;
  const clients: SseClient[] = [];

  const open = async (base: string, path: string, headers: Record<string, string> = {}) => {
    const client = await SseClient.open(base, path, headers);
    clients.push(client);
    return client;
  };
  const stream = (
    base: string,
    session: string,
    query = '',
    headers: Record<string, string> = {},
  ) =>
    open(base, `/v1/appliances/events${query}`, { authorization: `Bearer ${session}`, ...headers });

  let spares = 0;
  /**
   * A session of a new user linked to a ThinQ account of its own (a token of the simulator's user
   * A): links and the ThinQ budget are per user.
   */
  const newAccount = async (server = a, thinqToken = `thinq-events-${(spares += 1)}`) => {
    stack.thinq.state.tokens.set(thinqToken, 'user-a');
    const user = await stack.newUser();
    const pair = await user.login();
    await link(server, pair.accessToken, thinqToken);
    return { ...pair, thinqToken, user };
  };
  const link = async (server: string, session: string, accessToken: string) =>
    request(server)
      .put('/v1/me/links/thinq')
      .auth(session, { type: 'bearer' })
      .send({ accessToken, countryCode: 'KR' })
      .expect(200);
  /** ThinQ status calls made with this token (for this device). */
  const statusCalls = (thinqToken: string, deviceId?: string) =>
    stack.thinq.faults
      .recorded(STATUS)
      .filter(
        (call) =>
          call.headers.authorization === `Bearer ${thinqToken}` &&
          (deviceId === undefined || call.path.endsWith(`/${deviceId}`)),
      ).length;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        APPLIANCE_EVENTS_POLL_MS: String(POLL_MS),
        APPLIANCE_EVENTS_HEARTBEAT_MS: '500',
        // Longer than any wait below: only the invalidation message can end a stream in time.
        APPLIANCE_EVENTS_RECHECK_MS: '60000',
        APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION: '1000',
        APPLIANCE_EVENTS_HISTORY: '5',
        THINQ_HOURLY_CALL_BUDGET: '100000',
        LOG_LEVEL: 'info',
        // The feeds as they run without push (THINQ_PUSH=off, a device that is not reportable,
        // the channel down): polling, its leases, pacing, budget and buffers. Push has its own
        // files (appliance-events-push, thinq-push-live).
        THINQ_PUSH: 'off',
      },
    });
    a = await listen(stack.gateway);
    b = await listen(await stack.startInstance());
    slowPoll = await listen(await stack.startInstance({ APPLIANCE_EVENTS_POLL_MS: '60000' }));
    redis = new Redis(process.env.TEST_REDIS_URL!);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    stack.thinq.faults.clear();
  });
  afterAll(async () => {
    await stack?.close();
    redis?.disconnect();
  });

  it('opens with a snapshot of every appliance (the status route’s shape), then a status event after a command within 1 s', async () => {
    const { accessToken: session } = await newAccount(slowPoll);
    const origin = 'http://localhost:5173';
    const client = await stream(slowPoll, session, '', { origin, 'accept-encoding': 'br, gzip' });
    expect(client.status).toBe(200);
    expect(client.headers).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'access-control-allow-origin': origin,
    });
    expect(client.headers['x-request-id']).toBeDefined();
    expect(client.headers['content-encoding']).toBeUndefined();
    const online = USER_A_DEVICES.filter((id) => id !== WASHER);
    await eventually(() => online.every((id) => client.of('snapshot', id).length === 1), {
      timeoutMs: 5000,
      everyMs: 20,
    });
    // The offline washer: why there is no status.
    const offline = await client.waitFor((e) => e.event === 'device-error');
    expect(offline.json).toMatchObject({ deviceId: WASHER, code: 'DEVICE_OFFLINE', status: 409 });
    expect(client.retry).toBe(3000);

    // The snapshot is what the status route answers, from the same cache entry (no ThinQ call).
    const snapshot = client.of('snapshot', FRIDGE)[0];
    const calls = stack.thinq.faults.count(STATUS);
    const read = await request(slowPoll)
      .get(`/v1/appliances/${FRIDGE}/status`)
      .auth(session, { type: 'bearer' })
      .expect(200);
    // The status route adds the device's type (the list gives it to the stream).
    const { deviceType, ...resources } = read.body as Record<string, unknown>;
    expect(deviceType).toBe('DEVICE_REFRIGERATOR');
    expect(statusOf(snapshot)).toEqual(resources);
    expect(read.headers['x-cache']).toBe('HIT');
    expect(stack.thinq.faults.count(STATUS)).toBe(calls);

    // The next poll is a minute away: the command's poke makes the change show at once.
    const from = client.events.length;
    const sent = performance.now();
    await request(slowPoll)
      .post(`/v1/appliances/${FRIDGE}/commands`)
      .auth(session, { type: 'bearer' })
      .send({ refrigeration: { expressMode: true } })
      .expect(204);
    const change = await client.waitFor(
      (e) => e.event === 'status' && deviceOf(e) === FRIDGE,
      1000,
      from,
    );
    expect(change.at - sent).toBeLessThan(1000);
    expect(statusOf(change)).toEqual({ refrigeration: { expressMode: true } });
    expect(client.violations).toEqual([]);
  });
  it('100 streams of one device on two instances (several sessions and users of one ThinQ account) cost at most one ThinQ status call per poll interval', async () => {
    const thinqToken = `thinq-events-${(spares += 1)}`;
    stack.thinq.state.tokens.set(thinqToken, 'user-a');
    // Four sessions of two gateway users, all linked to the same ThinQ account.
    const sessions: string[] = [];
    for (const provider of ['lux', 'legacy', 'lux', 'legacy'] as const) {
      const { accessToken } = await stack.login(provider);
      await link(a, accessToken, thinqToken);
      sessions.push(accessToken);
    }
    const streams = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        stream(i % 2 ? b : a, sessions[i % sessions.length], `?deviceId=${AC}`),
      ),
    );
    expect(streams.map((client) => client.status)).toEqual(Array(100).fill(200));
    await eventually(() => streams.every((client) => client.of('snapshot', AC).length === 1), {
      timeoutMs: 10000,
      everyMs: 50,
    });
    const polls = async () =>
      Promise.all(
        [a, b].map(async (server) =>
          sumMetric(
            (await request(server).get('/metrics')).text,
            'junction_appliance_event_polls_total',
          ),
        ),
      );
    const pollsBefore = await polls();
    const before = statusCalls(thinqToken, AC);
    const started = performance.now();
    await sleep(1500);
    // A change at the device reaches all 100 streams, on both instances.
    stack.thinq.patchStatus(AC, { powerSave: { powerSaveEnabled: true } });
    await eventually(
      () =>
        streams.every((client) =>
          client.of('status', AC).some((e) => statusOf(e).powerSave?.powerSaveEnabled === true),
        ),
      { timeoutMs: 5000, everyMs: 50 },
    );
    await sleep(1500);
    const elapsed = performance.now() - started;
    const calls = statusCalls(thinqToken, AC) - before;
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(Math.ceil(elapsed / POLL_MS) + 1);
    // One instance polled (the lease holder); the other only passed the events on.
    const pollsAfter = await polls();
    const polled = pollsAfter.map((count, i) => count - pollsBefore[i]);
    expect(Math.min(...polled)).toBe(0);
    expect(Math.max(...polled)).toBeGreaterThanOrEqual(2);
    // Every stream saw the same events with the same ids.
    const ids = (client: SseClient) => client.events.map((e) => e.id).join(' ');
    expect(new Set(streams.map(ids)).size).toBe(1);
    expect(streams.flatMap((client) => client.violations)).toEqual([]);
    stack.thinq.patchStatus(AC, { powerSave: { powerSaveEnabled: false } });
  });

  it('another ThinQ account never joins the feed: its own polls, and never a device it does not have', async () => {
    const mine = await newAccount();
    const theirs = await newAccount();
    const first = await stream(a, mine.accessToken, `?deviceId=${AC}`);
    const second = await stream(a, theirs.accessToken, `?deviceId=${AC}`);
    await first.waitFor((e) => e.event === 'snapshot');
    await second.waitFor((e) => e.event === 'snapshot');
    expect(statusCalls(mine.thinqToken, AC)).toBeGreaterThanOrEqual(1);
    expect(statusCalls(theirs.thinqToken, AC)).toBeGreaterThanOrEqual(1);
    // User B's ThinQ account has no such device: refused before any stream starts.
    const userB = (await stack.login('legacy', 'demo2@junction.dev')).accessToken;
    await link(a, userB, THINQ_DEMO_TOKENS.userB);
    const refused = await request(a)
      .get(`/v1/appliances/events?deviceId=${AC}`)
      .auth(userB, { type: 'bearer' });
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('DEVICE_NOT_FOUND');
    // Bad input is a 400 naming the parameter, before anything starts.
    const bad = await request(a)
      .get('/v1/appliances/events?deviceId=a%20b')
      .auth(userB, { type: 'bearer' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'deviceId' })]);
    const own = await stream(a, userB);
    const snapshot = await own.waitFor((e) => e.event === 'snapshot');
    expect(deviceOf(snapshot)).toBe(THINQ_DEVICE_IDS.userBAirPurifier);
    await sleep(POLL_MS * 2);
    expect(own.events.filter((e) => deviceOf(e) !== THINQ_DEVICE_IDS.userBAirPurifier)).toEqual([]);
  });

  it('Last-Event-ID resumes on another instance with exactly what was missed; too old or unknown, a snapshot', async () => {
    const { accessToken: session } = await newAccount();
    const keeper = await stream(a, session, `?deviceId=${AC}`);
    const client = await stream(a, session, `?deviceId=${AC}`);
    await client.waitFor((e) => e.event === 'snapshot');
    await keeper.waitFor((e) => e.event === 'snapshot');
    const lastId = client.events.at(-1)!.id!;
    client.close();
    const change = async (minute: number) => {
      const from = keeper.events.length;
      stack.thinq.patchStatus(AC, { timer: { relativeMinuteToStop: minute } });
      await keeper.waitFor(
        (e) => e.event === 'status' && statusOf(e).timer?.relativeMinuteToStop === minute,
        5000,
        from,
      );
    };
    for (const minute of [11, 12, 13]) await change(minute);
    const missed = keeper.events.filter((e) => e.event === 'status');

    for (const [server, how] of [
      [b, 'header'],
      [a, 'query'],
    ] as const) {
      const resumed =
        how === 'header'
          ? await stream(server, session, `?deviceId=${AC}`, { 'last-event-id': lastId })
          : await stream(
              server,
              session,
              `?deviceId=${AC}&lastEventId=${encodeURIComponent(lastId)}`,
            );
      await resumed.waitFor((e) => e.id === missed.at(-1)!.id);
      await sleep(POLL_MS);
      expect(resumed.events.map((e) => [e.event, e.id, e.data])).toEqual(
        missed.map((e) => [e.event, e.id, e.data]),
      );
    }

    // Six changes later, five events of history no longer reach back: a snapshot.
    for (const minute of [14, 15, 16, 17, 18, 19]) await change(minute);
    const late = await stream(b, session, `?deviceId=${AC}`, { 'last-event-id': lastId });
    const snapshot = await late.waitFor((e) => e.event === 'snapshot');
    expect(statusOf(snapshot).timer?.relativeMinuteToStop).toBe(19);
    expect(late.of('status')).toEqual([]);
    // An id the gateway never wrote: a fresh start.
    const unknown = await stream(b, session, `?deviceId=${AC}`, { 'last-event-id': 'nonsense' });
    await unknown.waitFor((e) => e.event === 'snapshot');
    stack.thinq.patchStatus(AC, { timer: { relativeMinuteToStop: 0 } });
  });

  it('a ticket opens the stream once, for 30 s, stored only as a digest and never logged', async () => {
    const { accessToken: session } = await newAccount();
    const issue = async () => {
      const res = await request(a)
        .post('/v1/appliances/events/tickets')
        .auth(session, { type: 'bearer' })
        .expect(201);
      expect(res.body.expiresIn).toBe(30);
      return res.body.ticket as string;
    };
    const ticket = await issue();
    const keys = await redis.keys(`${stack.env.REDIS_KEY_PREFIX}ticket:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(ticket);
    expect(await redis.get(keys[0])).not.toContain(ticket);
    const ttl = await redis.pttl(keys[0]);
    expect(ttl).toBeGreaterThan(25000);
    expect(ttl).toBeLessThanOrEqual(30000);

    const client = await open(b, `/v1/appliances/events?deviceId=${FRIDGE}&ticket=${ticket}`);
    expect(client.status).toBe(200);
    await client.waitFor((e) => e.event === 'snapshot');
    const again = await request(a).get(`/v1/appliances/events?ticket=${ticket}`);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('INVALID_TOKEN');

    // Past its 30 s (the key's expiry brought forward), a ticket opens nothing.
    const expired = await issue();
    const [expiredKey] = (await redis.keys(`${stack.env.REDIS_KEY_PREFIX}ticket:*`)).filter(
      (key) => key !== keys[0],
    );
    await redis.pexpire(expiredKey, 1);
    await eventually(async () => (await redis.exists(expiredKey)) === 0, { everyMs: 5 });
    expect((await request(a).get(`/v1/appliances/events?ticket=${expired}`)).status).toBe(401);
    // Not a ticket at all; a ticket never stands in on another route.
    expect((await request(a).get('/v1/appliances/events?ticket=short')).status).toBe(401);
    const other = await issue();
    expect((await request(a).get(`/v1/appliances?ticket=${other}`)).status).toBe(401);

    client.close();
    await eventually(() =>
      stack.gateway.logs.some((line) => line.includes('"route":"/v1/appliances/events"')),
    );
    for (const value of [ticket, expired, other]) {
      expect(stack.gateway.logs.filter((line) => line.includes(value))).toEqual([]);
    }
  });

  it('a revoked session’s streams end with an error event, on every instance', async () => {
    const pair = await newAccount();
    const onA = await stream(a, pair.accessToken, `?deviceId=${FRIDGE}`);
    const onB = await stream(b, pair.accessToken, `?deviceId=${FRIDGE}`);
    await onA.waitFor((e) => e.event === 'snapshot');
    await onB.waitFor((e) => e.event === 'snapshot');
    await request(a).post('/v1/auth/revoke').send({ token: pair.refreshToken }).expect(200);
    for (const client of [onA, onB]) {
      const error = await client.waitFor((e) => e.event === 'error', 2000);
      expect(error.json).toMatchObject({ code: 'INVALID_TOKEN', status: 401 });
      await client.waitEnd(2000);
      expect(client.violations).toEqual([]);
    }
    // The session's token opens nothing more.
    expect(
      (await request(b).get('/v1/appliances/events').auth(pair.accessToken, { type: 'bearer' }))
        .status,
    ).toBe(401);
  });

  it('removing the ThinQ link (or linking another account) ends the streams', async () => {
    const pair = await newAccount();
    const client = await stream(b, pair.accessToken, `?deviceId=${FRIDGE}`);
    await client.waitFor((e) => e.event === 'snapshot');
    await request(a)
      .delete('/v1/me/links/thinq')
      .auth(pair.accessToken, { type: 'bearer' })
      .expect(204);
    const error = await client.waitFor((e) => e.event === 'error', 2000);
    expect(error.json).toMatchObject({ code: 'ACCOUNT_NOT_LINKED', status: 403 });
    await client.waitEnd(2000);

    const relinked = await newAccount();
    const following = await stream(b, relinked.accessToken, `?deviceId=${FRIDGE}`);
    await following.waitFor((e) => e.event === 'snapshot');
    stack.thinq.state.tokens.set('thinq-events-other', 'user-a');
    await link(a, relinked.accessToken, 'thinq-events-other');
    const replaced = await following.waitFor((e) => e.event === 'error', 2000);
    expect(replaced.json).toMatchObject({ code: 'ACCOUNT_NOT_LINKED' });
    await following.waitEnd(2000);
  });

  it('unlinking in another session of the user ends this session\u2019s streams on every instance', async () => {
    const mine = await newAccount();
    const onA = await stream(a, mine.accessToken, `?deviceId=${FRIDGE}`);
    const onB = await stream(b, mine.accessToken, `?deviceId=${FRIDGE}`);
    for (const client of [onA, onB]) await client.waitFor((e) => e.event === 'snapshot');
    // The link is the user's: another session of the user removes it for this one too.
    const other = await mine.user.login();
    await request(a)
      .delete('/v1/me/links/thinq')
      .auth(other.accessToken, { type: 'bearer' })
      .expect(204);
    for (const client of [onA, onB]) {
      const error = await client.waitFor((e) => e.event === 'error', 2000);
      expect(error.json).toMatchObject({ code: 'ACCOUNT_NOT_LINKED', status: 403 });
      await client.waitEnd(2000);
    }
  });

  it('at most APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION open streams per session, across instances', async () => {
    const limited = { APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION: '2' };
    const [one, two] = await Promise.all([
      stack.startInstance(limited).then(listen),
      stack.startInstance(limited).then(listen),
    ]);
    const { accessToken: session } = await newAccount(one);
    const first = await stream(one, session, `?deviceId=${FRIDGE}`);
    const second = await stream(two, session, `?deviceId=${FRIDGE}`);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await request(one)
      .get(`/v1/appliances/events?deviceId=${FRIDGE}`)
      .auth(session, { type: 'bearer' });
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('TOO_MANY_STREAMS');
    expect(third.headers['retry-after']).toBeDefined();
    // Another session of the same user has its own count.
    const other = await newAccount(one);
    expect((await stream(two, other.accessToken, `?deviceId=${FRIDGE}`)).status).toBe(200);
    // One closed, one more may open.
    first.close();
    await eventually(async () => {
      const next = await SseClient.open(one, `/v1/appliances/events?deviceId=${FRIDGE}`, {
        authorization: `Bearer ${session}`,
      });
      clients.push(next);
      return next.status === 200;
    });
  });
  it('a client that does not read is dropped once its buffer is full; the others go on, and nothing stays behind', async () => {
    const tiny = await stack.startInstance({
      APPLIANCE_EVENTS_BUFFER_BYTES: '16384',
      APPLIANCE_EVENTS_POLL_MS: '100',
      APPLIANCE_EVENTS_HISTORY: '2',
    });
    const url = await listen(tiny);
    const events = tiny.app.get(ApplianceEventsService);
    const feeds = tiny.app.get(ApplianceFeeds);
    const { accessToken: session } = await newAccount(url);
    const path = `/v1/appliances/events?deviceId=${FRIDGE}`;
    const reader = await countingReader(url, path, session);
    await eventually(() => events.openStreams === 1, { everyMs: 20 });
    // Big changes, fast: half a megabyte per event.
    let n = 0;
    const churn = setInterval(() => {
      n += 1;
      stack.thinq.patchStatus(FRIDGE, {
        refrigeration: { note: `${n}`.padEnd(512 * 1024, '.') },
      });
    }, 100);
    const dropRound = async () => {
      const sockets = await Promise.all(
        Array.from({ length: 10 }, () => slowReader(url, path, session)),
      );
      await eventually(() => events.openStreams === 11, { timeoutMs: 5000, everyMs: 20 });
      await eventually(() => events.openStreams === 1, { timeoutMs: 30000, everyMs: 50 });
      for (const socket of sockets) socket.destroy();
    };
    const heap = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    try {
      await dropRound();
      const afterFirst = heap();
      await dropRound();
      const afterSecond = heap();
      // Ten more dropped clients, each of which had up to half a megabyte waiting: the heap holds
      // none of it (a margin for the test's own bookkeeping).
      expect(afterSecond - afterFirst).toBeLessThan(4 * 1024 * 1024);
    } finally {
      clearInterval(churn);
    }
    const metrics = (await request(url).get('/metrics')).text;
    expect(
      sumMetric(
        metrics
          .split('\n')
          .filter((line) => line.includes('reason="slow"'))
          .join('\n'),
        'junction_appliance_event_streams_ended_total',
      ),
    ).toBe(20);
    // The reader that keeps up was never held back, and is still there.
    expect(reader.socket.destroyed).toBe(false);
    expect(reader.statusEvents()).toBeGreaterThan(20);
    reader.socket.destroy();
    await eventually(() => events.openStreams === 0 && feeds.openFeeds === 0, { everyMs: 20 });
    stack.thinq.patchStatus(FRIDGE, { refrigeration: { note: null } });
  });

  it('graceful shutdown: readiness goes false, then every stream gets a final event and ends; another instance carries on', async () => {
    const ending = await stack.startInstance({ SHUTDOWN_DRAIN_MS: '800' });
    const url = await listen(ending);
    const { accessToken: session } = await newAccount(url);
    const client = await stream(url, session, `?deviceId=${FRIDGE}`);
    await client.waitFor((e) => e.event === 'snapshot');
    await eventually(() => client.comments >= 1, { timeoutMs: 3000, everyMs: 20 });
    const closing = ending.close();
    await eventually(
      async () => (await fetch(`${url}/health/ready`).then((res) => res.status)) === 503,
      { timeoutMs: 2000, everyMs: 20 },
    );
    expect(client.of('shutdown')).toEqual([]);
    const last = client.events.at(-1)!;
    const final = await client.waitFor((e) => e.event === 'shutdown', 5000);
    expect(final.json).toMatchObject({ reason: 'shutdown' });
    expect(final.id).toBe(last.id);
    await client.waitEnd(3000);
    await closing;
    // The client comes back elsewhere from where it stood: nothing to replay, then new events.
    const resumed = await stream(b, session, `?deviceId=${FRIDGE}`, { 'last-event-id': final.id! });
    stack.thinq.patchStatus(FRIDGE, { refrigeration: { freshAirFilter: 'ON' } });
    const change = await resumed.waitFor((e) => e.event === 'status');
    expect(statusOf(change)).toEqual({ refrigeration: { freshAirFilter: 'ON' } });
    expect(resumed.of('snapshot')).toEqual([]);
    stack.thinq.patchStatus(FRIDGE, { refrigeration: { freshAirFilter: 'OFF' } });
    expect(client.violations).toEqual([]);
  });

  it('when the account’s ThinQ budget is spent, the stream says so and keeps the last values; polls pace themselves', async () => {
    const budget = await listen(
      await stack.startInstance({ THINQ_HOURLY_CALL_BUDGET: '8', THINQ_COMMAND_RESERVE: '2' }),
    );
    const { accessToken: session, thinqToken } = await newAccount(budget);
    const client = await stream(budget, session, `?deviceId=${AC}`);
    await client.waitFor((e) => e.event === 'snapshot');
    // With a few reads left, polls space out far beyond the 300 ms interval.
    const polled = statusCalls(thinqToken, AC);
    await sleep(POLL_MS * 5);
    expect(statusCalls(thinqToken, AC)).toBe(polled);
    // Spend the rest of the reads.
    for (const deviceId of USER_A_DEVICES) {
      const res = await request(budget)
        .get(`/v1/appliances/${deviceId}/profile`)
        .auth(session, { type: 'bearer' });
      if (res.status === 429) break;
    }
    // A command still goes through (the reserve), and the poll it triggers finds no budget.
    const from = client.events.length;
    await request(budget)
      .post(`/v1/appliances/${AC}/commands`)
      .auth(session, { type: 'bearer' })
      .send({ powerSave: { powerSaveEnabled: true } })
      .expect(204);
    const quota = await client.waitFor((e) => e.event === 'quota', 3000, from);
    expect(quota.json).toMatchObject({ exhausted: true });
    expect((quota.json as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    await sleep(POLL_MS * 3);
    expect(client.events.slice(from).map((e) => e.event)).toEqual(['quota']);
    expect(client.isDone).toBe(false);
    expect(client.violations).toEqual([]);
    stack.thinq.patchStatus(AC, { powerSave: { powerSaveEnabled: false } });
  });

  it('device-removed and device-added as the account’s list changes', async () => {
    const lists = await listen(
      await stack.startInstance({ APPLIANCE_EVENTS_LIST_POLL_MS: '1000' }),
    );
    const { accessToken: session } = await newAccount(lists);
    const client = await stream(lists, session);
    await client.waitFor((e) => e.event === 'snapshot' && deviceOf(e) === DRYER);
    const dryer = stack.thinq.state.devices.get(DRYER)!;
    stack.thinq.state.devices.delete(DRYER);
    try {
      const removed = await client.waitFor((e) => e.event === 'device-removed', 5000);
      expect(removed.json).toEqual({ deviceId: DRYER });
    } finally {
      stack.thinq.state.devices.set(DRYER, dryer);
    }
    const added = await client.waitFor((e) => e.event === 'device-added', 5000);
    expect(added.json).toMatchObject({ deviceId: DRYER, deviceType: 'DEVICE_WASHTOWER_DRYER' });
    const back = await client.waitFor(
      (e) => e.event === 'snapshot' && deviceOf(e) === DRYER,
      5000,
      client.events.indexOf(added),
    );
    expect(statusOf(back).runState).toBeDefined();
    // Its id names the device again.
    expect(back.id!.split(',')).toHaveLength(USER_A_DEVICES.length);
    expect(client.violations).toEqual([]);
  });
});
