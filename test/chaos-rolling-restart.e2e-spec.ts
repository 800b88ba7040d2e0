import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import request from 'supertest';
import { setTimeout as sleep } from 'node:timers/promises';
import { THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { buildIfStale } from './support/build';
import { eventually } from './support/eventually';
import { GatewayProcess, linkedDemoSession, startGatewayProcess } from './support/gateway-process';
import { freePort } from './support/redis-server';
import { SseClient } from './support/sse-client';
import { DEMO_PASSWORD, DEMO_USER, startStack, TestStack } from './support/stack';

const AC = THINQ_DEVICE_IDS.airConditioner;
const FRIDGE = THINQ_DEVICE_IDS.refrigerator;
const DRAIN_MS = 1000;
const CLIENTS = 6;
const MAX_ATTEMPTS = 6;
const NUEYNE_ME = 'GET /api/v1/lux/user/me';
const COMMAND = 'POST /v2/devices/control/:deviceId';
/** How undici reports a connection the server closed under a request it had just sent. */
const RESETS = ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'];

interface Outcome {
  route: string;
  attempts: number;
  /** Why it is lost, when it is. */
  lost?: string;
}

/**
 * A production night, scenario 2: two gateway processes on one Redis serve a steady load from
 * clients that round-robin between them, retry on a refused connection or a 503 (after its
 * Retry-After) and reconnect event streams with Last-Event-ID. Each process in turn gets SIGTERM
 * and is started again. Readiness drops first, requests in flight finish, streams get their
 * `shutdown` event and resume on the other process; no request is lost.
 */
describe('chaos: a rolling restart of two gateway processes', () => {
  let stack: TestStack;
  const processes: GatewayProcess[] = [];
  let env: Record<string, string>;
  let ports: number[];

  beforeAll(async () => {
    await buildIfStale();
    stack = await startStack({
      env: {
        LOG_LEVEL: 'error',
        APPLIANCE_EVENTS_POLL_MS: '300',
        APPLIANCE_EVENTS_HEARTBEAT_MS: '1000',
        THINQ_HOURLY_CALL_BUDGET: '1000000',
        THINQ_COMMAND_RESERVE: '10',
      },
    });
    // One issuer for both, as behind one public URL (the default names each process's port).
    env = {
      ...stack.env,
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      GATEWAY_ISSUER: 'http://junction.test',
    };
    ports = [await freePort(), await freePort()];
    processes.push(...(await Promise.all(ports.map((port) => startGatewayProcess(env, port)))));
  }, 360000);
  afterAll(async () => {
    for (const gateway of processes) gateway.kill('SIGKILL');
    await stack?.close();
  });

  it('loses no request and no event while each process is restarted in turn', async () => {
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    const auth = await linkedDemoSession(
      urls[0],
      { username: DEMO_USER, password: DEMO_PASSWORD },
      'thinq-demo-token',
    );
    // Requests spend a while upstream, so some are in flight whenever a process stops.
    stack.nueyne.faults.add({ route: NUEYNE_ME, latencyMs: 200 });
    stack.thinq.faults.add({ route: COMMAND, latencyMs: 200 });

    // ---- the clients ----------------------------------------------------------------------
    let running = true;
    const outcomes: Outcome[] = [];
    let commandsSent = 0;
    /** Why attempts were made again: connection refused, other network errors, 503s. */
    const retries = new Map<string, number>();
    const note = (reason: string) => retries.set(reason, (retries.get(reason) ?? 0) + 1);
    let turn = 0;
    const send = async (method: string, path: string, body?: unknown): Promise<Outcome> => {
      // A command carries an Idempotency-Key, as the SDK sends it: sent again after a reset, it
      // runs at most once.
      const headers: Record<string, string> = body
        ? { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() }
        : auth;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const url = urls[turn++ % urls.length];
        let res: Response;
        try {
          res = await fetch(`${url}${path}`, {
            method,
            headers,
            body: body ? JSON.stringify(body) : undefined,
            signal: AbortSignal.timeout(10000),
          });
        } catch (error) {
          const code = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
          note(code);
          // Refused: nothing was sent. Reset: a keep-alive connection the server closed as idle
          // just as the client reused it (HTTP/1.1's race, RFC 9112 9.3.1); a GET, or a command
          // with its key, is safe to send again (RFC 9110 9.2.2).
          if (code === 'ECONNREFUSED' || RESETS.includes(code)) continue;
          return { route: `${method} ${path}`, attempts: attempt, lost: code };
        }
        const text = await res.text();
        if (res.ok) return { route: `${method} ${path}`, attempts: attempt };
        const retryAfter = Number(res.headers.get('retry-after'));
        // 503 while a process stops; 409 while the same key still runs elsewhere.
        if ((res.status === 503 || res.status === 409) && retryAfter > 0) {
          note(`HTTP ${res.status}, Retry-After ${retryAfter}`);
          await sleep(retryAfter * 1000);
          continue;
        }
        return {
          route: `${method} ${path}`,
          attempts: attempt,
          lost: `HTTP ${res.status} ${text.slice(0, 300)}`,
        };
      }
      return { route: `${method} ${path}`, attempts: MAX_ATTEMPTS, lost: 'attempts spent' };
    };
    const client = async (n: number) => {
      let i = 0;
      while (running) {
        i += 1;
        let outcome: Outcome;
        if (n === 0 && i % 5 === 0) {
          commandsSent += 1;
          outcome = await send('POST', `/v1/appliances/${AC}/commands`, {
            powerSave: { powerSaveEnabled: commandsSent % 2 === 0 },
          });
        } else if (i % 2 === 0) outcome = await send('GET', '/v1/me');
        else outcome = await send('GET', `/v1/appliances/${FRIDGE}/status`);
        outcomes.push(outcome);
        await sleep(20);
      }
    };

    // Event streams, one opened on each process, each reconnecting to the other process with
    // the last id it saw whenever its stream ends.
    interface Follower {
      events: { event: string; id?: string }[];
      shutdowns: number;
      ends: number;
      resumedWithSnapshot: number;
      refused: number;
    }
    const follow = async (first: number): Promise<Follower> => {
      const seen: Follower = {
        events: [],
        shutdowns: 0,
        ends: 0,
        resumedWithSnapshot: 0,
        refused: 0,
      };
      let lastId: string | undefined;
      let at = first;
      while (running) {
        let stream: SseClient;
        try {
          stream = await SseClient.open(
            urls[at],
            `/v1/appliances/events?deviceId=${FRIDGE}`,
            lastId ? { ...auth, 'last-event-id': lastId } : auth,
          );
        } catch {
          at = (at + 1) % urls.length;
          await sleep(100);
          continue;
        }
        if (stream.status !== 200) {
          seen.refused += 1;
          at = (at + 1) % urls.length;
          await sleep(Number(stream.headers['retry-after'] ?? 1) * 1000);
          continue;
        }
        const resuming = lastId !== undefined;
        while (running && !stream.isDone) await Promise.race([stream.ended, sleep(100)]);
        stream.close();
        await stream.ended;
        for (const event of stream.events) seen.events.push({ event: event.event, id: event.id });
        if (resuming && stream.events.some((e) => e.event === 'snapshot'))
          seen.resumedWithSnapshot += 1;
        if (stream.events.at(-1)?.event === 'shutdown') seen.shutdowns += 1;
        lastId = stream.events.at(-1)?.id ?? lastId;
        expect(stream.violations).toEqual([]);
        if (!running) break;
        seen.ends += 1;
        at = (at + 1) % urls.length;
        await sleep(100);
      }
      return seen;
    };

    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    const followers = Promise.all([follow(0), follow(1)]);
    await sleep(1500);

    // ---- the restarts -----------------------------------------------------------------------
    const restarts: {
      readinessDropMs: number;
      exitMs: number;
      exit: { code: number | null; signal: string | null };
    }[] = [];
    for (const index of [0, 1]) {
      const victim = processes[index];
      const signalled = performance.now();
      victim.kill('SIGTERM');
      // Readiness drops while the process still answers: a load balancer stops sending first.
      let readinessDropMs = Infinity;
      await eventually(
        async () => {
          const res = await fetch(`${victim.url}/health/ready`, {
            headers: { connection: 'close' },
          }).catch(() => undefined);
          if (res?.status === 503) readinessDropMs = performance.now() - signalled;
          return res?.status === 503;
        },
        { timeoutMs: 2000, everyMs: 20 },
      );
      const exit = await victim.exit;
      restarts.push({
        readinessDropMs: Math.round(readinessDropMs),
        exitMs: Math.round(performance.now() - signalled),
        exit,
      });
      processes[index] = await startGatewayProcess(env, ports[index]);
      await sleep(1500);
    }
    // A change after both restarts reaches both followers.
    stack.thinq.patchStatus(FRIDGE, { refrigeration: { freshAirFilter: 'ON' } });
    await sleep(1500);
    running = false;
    await load;
    const [one, two] = await followers;
    stack.thinq.patchStatus(FRIDGE, { refrigeration: { freshAirFilter: 'OFF' } });

    const lost = outcomes.filter((o) => o.lost);
    const figures = {
      requests: outcomes.length,
      retried: outcomes.filter((o) => o.attempts > 1).length,
      retryReasons: Object.fromEntries(retries),
      maxAttempts: Math.max(...outcomes.map((o) => o.attempts)),
      lost: lost.length,
      lostSample: lost.slice(0, 5),
      commandsSent,
      commandsAtThinq: stack.thinq.faults.count(COMMAND),
      restarts,
      streams: [one, two].map((f) => ({
        ends: f.ends,
        shutdowns: f.shutdowns,
        events: f.events.length,
        resumedWithSnapshot: f.resumedWithSnapshot,
        refused: f.refused,
      })),
    };
    process.stdout.write(`rolling restart figures: ${JSON.stringify(figures)}\n`);

    expect(outcomes.length).toBeGreaterThan(100);
    expect(lost).toEqual([]);
    // Requests in flight when a process stopped were answered (none lost, above). The network
    // errors a client met are refused connections and, at most once per connection a client
    // held to the stopping process, the idle keep-alive race; nothing else.
    const networkErrors = [...retries.keys()].filter((r) => !r.startsWith('HTTP'));
    expect(networkErrors.filter((r) => r !== 'ECONNREFUSED' && !RESETS.includes(r))).toEqual([]);
    const resets = RESETS.reduce((sum, code) => sum + (retries.get(code) ?? 0), 0);
    expect(resets).toBeLessThanOrEqual(CLIENTS * restarts.length);
    // Every command the clients sent reached ThinQ exactly once.
    expect(figures.commandsAtThinq).toBe(commandsSent);
    for (const restart of restarts) {
      // A clean stop: Nest re-raises the SIGTERM once closed (SHUTDOWN_TIMEOUT_MS would exit 1).
      expect([0, 'SIGTERM']).toContain(restart.exit.code ?? restart.exit.signal);
      expect(restart.readinessDropMs).toBeLessThan(DRAIN_MS);
    }
    for (const follower of [one, two]) {
      // Each follower's stream was on a process that stopped at least once: every end was a
      // `shutdown` event, and every resume carried on from the id (no snapshot, nothing twice).
      expect(follower.ends).toBeGreaterThanOrEqual(1);
      expect(follower.shutdowns).toBe(follower.ends);
      expect(follower.resumedWithSnapshot).toBe(0);
      const changes = follower.events.filter((e) => e.event === 'status').map((e) => e.id);
      expect(new Set(changes).size).toBe(changes.length);
      expect(changes.length).toBeGreaterThanOrEqual(1);
    }
  }, 90000);

  it('a request still arriving on an open connection while the server closes is answered, not a bare 503', async () => {
    const instance = await stack.startInstance({ SHUTDOWN_DRAIN_MS: '0' });
    await instance.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = instance.app.getHttpServer().address() as { port: number };
    const { accessToken } = await stack.login();
    // The head of a request is on its way (the socket is busy, so the close does not reap it)
    // when the instance starts closing; the rest arrives after.
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    socket.write('GET /v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await sleep(100);
    const closing = instance.close();
    await sleep(200);
    socket.write(`Authorization: Bearer ${accessToken}\r\n\r\n`);
    await ended;
    await closing;
    const [head, body] = answer.split('\r\n\r\n');
    // Served as any request in flight is (telling the client to take the next one elsewhere);
    // Fastify's own load-shedding 503 had no Retry-After and no problem+json.
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(head.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body)).toMatchObject({ rootUserId: 1 });
  });

  it('a stream still opening when the instance shuts down is told to connect again, and the close does not wait for it', async () => {
    const instance = await stack.startInstance({ SHUTDOWN_DRAIN_MS: '0' });
    await instance.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = instance.app.getHttpServer().address() as { port: number };
    const { accessToken } = await stack.login();
    await request(instance.app.getHttpServer())
      .put('/v1/me/links/thinq')
      .auth(accessToken, { type: 'bearer' })
      .send({ accessToken: 'thinq-demo-token', countryCode: 'KR' })
      .expect(200);
    // The stream's first step, the appliance list, takes 500 ms at ThinQ; the shutdown comes
    // meanwhile.
    stack.thinq.faults.add({ route: 'GET /v2/devices', latencyMs: 500 });
    stack.thinq.faults.resetCalls();
    try {
      const opening = SseClient.open(`http://127.0.0.1:${port}`, `/v1/appliances/events`, {
        authorization: `Bearer ${accessToken}`,
      });
      await eventually(() => stack.thinq.faults.count('GET /v2/devices') > 0, { everyMs: 10 });
      const t0 = performance.now();
      const closing = instance.close();
      const client = await opening;
      // The shutdown came while it was being set up: a problem telling it to connect again
      // (elsewhere), not a stream nobody would end.
      expect(client.status).toBe(503);
      expect(client.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(Number(client.headers['retry-after'])).toBeGreaterThan(0);
      await closing;
      expect(performance.now() - t0).toBeLessThan(3000);
    } finally {
      stack.thinq.faults.clear();
    }
  });
});
