import Redis from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { buildIfStale } from './support/build';
import { eventually } from './support/eventually';
import { GatewayProcess, linkedDemoSession, startGatewayProcess } from './support/gateway-process';
import { freePort } from './support/redis-server';
import { SseClient, SseEvent } from './support/sse-client';
import { DEMO_PASSWORD, DEMO_USER, startStack, TestStack } from './support/stack';

const AC = THINQ_DEVICE_IDS.airConditioner;
const COMMAND = 'POST /v2/devices/control/:deviceId';
const POLL_MS = 300;
/** The poll lease's TTL: three poll intervals, at least 3 s (deviceLeaseTtlMs, feed-lease.ts). */
const LEASE_TTL_MS = Math.max(3 * POLL_MS, 3000);
/** The lease moves once it has expired, at the next poll tick of the surviving instance. */
const LEASE_MOVE_BOUND_MS = LEASE_TTL_MS + POLL_MS + 700;
/** The default APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION: a user with four tabs open. */
const STREAMS = 4;

type Status = {
  timer?: { relativeMinuteToStop?: number };
  powerSave?: { powerSaveEnabled?: boolean };
};
const statusOf = (event: SseEvent) => (event.json as { status: Status }).status;

/**
 * A production night, scenario 3: two gateway processes on one Redis; a session's four event
 * streams of an air conditioner are open on the first, which holds the appliance's poll lease and
 * has a command in flight at ThinQ, when it is killed with SIGKILL. The clients reconnect to the
 * second with Last-Event-ID (following Retry-After when refused); every change made at the device
 * during and after the kill reaches every client exactly once and in order, the lease moves
 * within its bound, and the command reached ThinQ once (its effect shows once).
 */
describe('chaos: an instance killed mid-stream', () => {
  let stack: TestStack;
  let redis: Redis;
  const processes: GatewayProcess[] = [];

  beforeAll(async () => {
    await buildIfStale();
    stack = await startStack({
      env: {
        LOG_LEVEL: 'error',
        APPLIANCE_EVENTS_POLL_MS: String(POLL_MS),
        THINQ_HOURLY_CALL_BUDGET: '1000000',
        THINQ_COMMAND_RESERVE: '10',
      },
    });
    const env = { ...stack.env, GATEWAY_ISSUER: 'http://junction.test' };
    const ports = [await freePort(), await freePort()];
    processes.push(...(await Promise.all(ports.map((port) => startGatewayProcess(env, port)))));
    redis = new Redis(process.env.TEST_REDIS_URL!);
  }, 360000);
  afterAll(async () => {
    for (const gateway of processes) gateway.kill('SIGKILL');
    redis?.disconnect();
    await stack?.close();
  });

  it('resumes every stream on the other instance with no gap and no duplicate; the lease moves; the command is sent once', async () => {
    const [first, second] = processes;
    const auth = await linkedDemoSession(
      first.url,
      { username: DEMO_USER, password: DEMO_PASSWORD },
      'thinq-demo-token',
    );
    stack.thinq.patchStatus(AC, {
      timer: { relativeMinuteToStop: 0 },
      powerSave: { powerSaveEnabled: false },
    });
    const path = `/v1/appliances/events?deviceId=${AC}`;

    // Four streams on the first instance; only it watches the device, so it holds the lease.
    const before = await Promise.all(
      Array.from({ length: STREAMS }, () => SseClient.open(first.url, path, auth)),
    );
    expect(before.map((s) => s.status)).toEqual(Array(STREAMS).fill(200));
    await Promise.all(before.map((s) => s.waitFor((e) => e.event === 'snapshot')));
    const prefix = stack.env.REDIS_KEY_PREFIX;
    const leaseKey = async () =>
      (await redis.keys(`${prefix}appliance-events:lease:*`)).find((k) => !k.includes(':list:'));
    const key = await leaseKey();
    expect(key).toBeDefined();
    const firstHolder = await redis.get(key!);
    expect(firstHolder).toEqual(expect.any(String));

    const change = (minute: number) =>
      stack.thinq.patchStatus(AC, { timer: { relativeMinuteToStop: minute } });
    const seesMinute = (client: SseClient, minute: number) =>
      client.events.some(
        (e) => e.event === 'status' && statusOf(e).timer?.relativeMinuteToStop === minute,
      );
    change(1);
    await eventually(() => before.every((s) => seesMinute(s, 1)), { timeoutMs: 5000, everyMs: 20 });

    // A command in flight at ThinQ (held there 1.5 s) when the first instance dies.
    stack.thinq.faults.resetCalls();
    stack.thinq.faults.add({ route: COMMAND, latencyMs: 1500 });
    const command = fetch(`${first.url}/v1/appliances/${AC}/commands`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ powerSave: { powerSaveEnabled: true } }),
    }).then(
      (res) => `HTTP ${res.status}`,
      (error: Error) => `failed: ${(error.cause as { code?: string })?.code ?? error.message}`,
    );
    await eventually(() => stack.thinq.faults.count(COMMAND) === 1, { everyMs: 10 });
    const lastIds = before.map((s) => s.events.at(-1)!.id!);
    first.kill('SIGKILL');
    const killed = performance.now();
    change(2);
    expect((await first.exit).signal).toBe('SIGKILL');
    // The client of the command saw the connection die: it cannot know the outcome, and does
    // not send it again.
    expect(await command).toMatch(/^failed/);

    // Every client reconnects to the second instance from where it stood, following Retry-After.
    const refusals: number[] = [];
    const resume = async (lastId: string): Promise<{ client: SseClient; afterMs: number }> => {
      for (;;) {
        const client = await SseClient.open(second.url, path, { ...auth, 'last-event-id': lastId });
        if (client.status === 200) return { client, afterMs: performance.now() - killed };
        refusals.push(client.status);
        expect(client.status).toBe(429);
        await sleep(Number(client.headers['retry-after']) * 1000);
      }
    };
    const resumed = await Promise.all(lastIds.map(resume));
    const after = resumed.map((r) => r.client);

    // The lease moves to the second instance within its bound.
    let leaseMovedMs = Infinity;
    await eventually(
      async () => {
        const holder = await redis.get(key!);
        if (holder === null || holder === firstHolder) return false;
        leaseMovedMs = performance.now() - killed;
        return true;
      },
      { timeoutMs: LEASE_MOVE_BOUND_MS + 2000, everyMs: 20 },
    );
    await eventually(() => after.every((s) => seesMinute(s, 2)), { timeoutMs: 5000, everyMs: 20 });
    const changeAfterKillMs = performance.now() - killed;
    for (const minute of [3, 4]) {
      change(minute);
      await eventually(() => after.every((s) => seesMinute(s, minute)), {
        timeoutMs: 5000,
        everyMs: 20,
      });
    }
    await eventually(
      () =>
        after.every((s) =>
          s.events.some((e) => e.event === 'status' && statusOf(e).powerSave?.powerSaveEnabled),
        ),
      { timeoutMs: 5000, everyMs: 20 },
    );
    await sleep(3 * POLL_MS);
    stack.thinq.faults.clear();

    const figures = {
      resumedAfterMs: resumed.map((r) => Math.round(r.afterMs)),
      refusals: refusals.length,
      leaseMovedMs: Math.round(leaseMovedMs),
      firstChangeAfterKillMs: Math.round(changeAfterKillMs),
      commandsAtThinq: stack.thinq.faults.count(COMMAND),
    };
    process.stdout.write(`kill mid-stream figures: ${JSON.stringify(figures)}\n`);

    expect(figures.leaseMovedMs).toBeLessThan(LEASE_MOVE_BOUND_MS);
    // The reconnects got in within the same bound (a refusal for the dead instance's streams
    // lasts until its liveness key expires).
    for (const r of resumed) expect(r.afterMs).toBeLessThan(LEASE_MOVE_BOUND_MS + 3000);
    for (let i = 0; i < STREAMS; i++) {
      const all = [...before[i].events, ...after[i].events];
      // Nothing replayed twice, nothing skipped: the timer's values exactly once, in order;
      // the command's effect once; no new snapshot on resume.
      const minutes = all
        .filter(
          (e) => e.event === 'status' && statusOf(e).timer?.relativeMinuteToStop !== undefined,
        )
        .map((e) => statusOf(e).timer!.relativeMinuteToStop);
      expect(minutes).toEqual([1, 2, 3, 4]);
      const powerSave = all.filter(
        (e) => e.event === 'status' && statusOf(e).powerSave?.powerSaveEnabled !== undefined,
      );
      expect(powerSave.map((e) => statusOf(e).powerSave!.powerSaveEnabled)).toEqual([true]);
      expect(after[i].of('snapshot')).toEqual([]);
      const ids = all.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...before[i].violations, ...after[i].violations]).toEqual([]);
    }
    // ThinQ received the command once: the dead instance could not send it again, and the
    // client did not.
    expect(figures.commandsAtThinq).toBe(1);
    for (const client of [...before, ...after]) client.close();
  }, 60000);
});
