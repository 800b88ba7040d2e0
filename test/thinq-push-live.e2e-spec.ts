import { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import request from 'supertest';
import { THINQ_DEMO_TOKENS, THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { eventually } from './support/eventually';
import { TestGateway } from './support/gateway';
import { MosquittoProcess, startMosquitto } from './support/mosquitto';
import { SseClient, SseEvent } from './support/sse-client';
import { startStack, TestStack } from './support/stack';

const STATUS = 'GET /v2/devices/status/:deviceId';
const AC = THINQ_DEVICE_IDS.airConditioner;
const POLL_MS = 500;
const STREAMS = 12;
const CHANGES = 4;

async function listen(gateway: TestGateway): Promise<string> {
  await gateway.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(gateway.app.getHttpServer().address() as AddressInfo).port}`;
}

/** What readiness says of push, summed over the instances. */
async function pushReadiness(urls: string[]): Promise<{ sessions: number; connected: number }> {
  const checks = await Promise.all(
    urls.map(async (url) => {
      const res = await request(url).get('/health/ready').expect(200);
      return res.body.thinqPush as { enabled: boolean; sessions: number; connected: number };
    }),
  );
  expect(checks.every((check) => check.enabled)).toBe(true);
  return {
    sessions: checks.reduce((sum, check) => sum + check.sessions, 0),
    connected: checks.reduce((sum, check) => sum + check.connected, 0),
  };
}

const target = (event: SseEvent) =>
  (event.json as { status: { temperature?: { targetTemperature?: number } } }).status.temperature
    ?.targetTemperature;

/**
 * Issue 24's user, with every part real: two gateway instances on one redis-server, the ThinQ
 * simulator publishing into Debian's mosquitto (TLS, client certificates required, one topic
 * per client), the gateway registering its client, making its key and CSR, connecting with the
 * certificate the simulator issued and subscribing the device's events. 12 streams watch one air
 * conditioner while its owner changes the target temperature at the vendor: every change
 * reaches every stream, in order, well under a second later, and ThinQ is not read for it.
 */
describe('ThinQ push, live: simulator -> mosquitto -> gateway -> streams', () => {
  let mosquitto: MosquittoProcess;
  let stack: TestStack;
  let urls: string[];
  const clients: SseClient[] = [];

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    stack = await startStack({
      thinq: { ca: mosquitto.ca, externalBroker: await mosquitto.publisher() },
      env: {
        APPLIANCE_EVENTS_POLL_MS: String(POLL_MS),
        APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION: '100',
        THINQ_HOURLY_CALL_BUDGET: '100000',
      },
    });
    urls = [await listen(stack.gateway), await listen(await stack.startInstance())];
  }, 60000);
  afterAll(async () => {
    for (const client of clients) client.close();
    await stack?.close();
    await mosquitto?.stop();
  });

  it('12 streams on two instances get every change at the vendor pushed, with no status read', async () => {
    const { accessToken } = await stack.login();
    await request(urls[0])
      .put('/v1/me/links/thinq')
      .auth(accessToken, { type: 'bearer' })
      .send({ accessToken: THINQ_DEMO_TOKENS.userA, countryCode: 'KR' })
      .expect(200);
    const streams = await Promise.all(
      Array.from({ length: STREAMS }, (_, i) =>
        SseClient.open(urls[i % 2], `/v1/appliances/events?deviceId=${AC}`, {
          authorization: `Bearer ${accessToken}`,
        }),
      ),
    );
    clients.push(...streams);
    await eventually(() => streams.every((s) => s.of('snapshot', AC).length === 1), {
      timeoutMs: 10000,
    });
    // The gateway subscribed the device's events at ThinQ (and so stopped polling it).
    await eventually(() => stack.thinq.faults.count('POST /v2/event/:deviceId/subscribe') >= 1, {
      timeoutMs: 10000,
      everyMs: 50,
    });
    // Coverage begins with one read (what changed while it switched over); then none.
    await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
    const reads = stack.thinq.faults.count(STATUS);

    const start = stack.thinq.state.devices.get(AC)!.status as {
      temperature: { targetTemperature: number };
    };
    const targets = Array.from(
      { length: CHANGES },
      (_, i) => start.temperature.targetTemperature + 1 + i,
    );
    const delays: number[] = [];
    for (const [n, value] of targets.entries()) {
      const changedAt = performance.now();
      stack.thinq.patchStatus(AC, { temperature: { targetTemperature: value } });
      await eventually(() => streams.every((s) => s.of('status', AC).length === n + 1), {
        timeoutMs: 2000,
        everyMs: 5,
      });
      delays.push(...streams.map((s) => s.of('status', AC)[n].at - changedAt));
      // Longer than a poll interval: a change that arrived by polling would show as a read.
      await new Promise((resolve) => setTimeout(resolve, 2 * POLL_MS));
    }
    delays.sort((x, y) => x - y);
    process.stdout.write(
      `push live: ${delays.length} deliveries, p50 ${delays[delays.length >> 1].toFixed(1)} ms, ` +
        `max ${delays.at(-1)!.toFixed(1)} ms\n`,
    );
    for (const s of streams) {
      expect(s.of('status', AC).map(target)).toEqual(targets);
      expect(s.violations).toEqual([]);
    }
    // "Well under a second" (the issue): each change is at every stream within 1 s (it does so
    // in milliseconds; the bound leaves room for a loaded machine).
    expect(delays.at(-1)!).toBeLessThan(1000);
    // Not one status read at ThinQ while it all happened: push was the channel.
    expect(stack.thinq.faults.count(STATUS)).toBe(reads);
    // The status route answers the pushed value, from the cache.
    const read = await request(urls[1])
      .get(`/v1/appliances/${AC}/status`)
      .auth(accessToken, { type: 'bearer' })
      .expect(200);
    expect(read.body).toMatchObject({ temperature: { targetTemperature: targets.at(-1) } });
    expect(stack.thinq.faults.count(STATUS)).toBe(reads);
    // The client's key and certificate are in Redis only sealed.
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    try {
      const keys = await redis.keys(`${stack.env.REDIS_KEY_PREFIX}*`);
      const values = await Promise.all(keys.map((key) => redis.dumpBuffer(key)));
      const stored = values.map((value) => value?.toString('latin1') ?? '').join('\n');
      expect(keys.some((key) => key.includes('thinq-push-client'))).toBe(true);
      for (const secret of ['PRIVATE KEY', 'CERTIFICATE']) expect(stored).not.toContain(secret);
    } finally {
      redis.disconnect();
    }
  }, 60000);
  it('the broker stops answering: changes come by polling within 10 s; back, push resumes within 30 s', async () => {
    const { accessToken } = await stack.login();
    const stream = await SseClient.open(urls[0], `/v1/appliances/events?deviceId=${AC}`, {
      authorization: `Bearer ${accessToken}`,
    });
    clients.push(stream);
    await stream.waitFor((e) => e.event === 'snapshot', 10000);
    let value = (
      stack.thinq.state.devices.get(AC)!.status as { temperature: { targetTemperature: number } }
    ).temperature.targetTemperature;
    const change = async (withinMs: number) => {
      value = value === 30 ? 18 : value + 1;
      const before = stream.of('status', AC).length;
      const changedAt = performance.now();
      stack.thinq.patchStatus(AC, { temperature: { targetTemperature: value } });
      await eventually(() => stream.of('status', AC).length > before, {
        timeoutMs: withinMs,
        everyMs: 20,
      });
      expect(target(stream.of('status', AC).at(-1)!)).toBe(value);
      return performance.now() - changedAt;
    };
    // Pushed first (no read), as above.
    await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
    const pushedReads = stack.thinq.faults.count(STATUS);
    await change(1000);
    expect(stack.thinq.faults.count(STATUS)).toBe(pushedReads);

    // The broker hangs (SIGSTOP: no reset, no answer, as a broker behind a dead route): the
    // keepalive notices, the device is polled again, and a change arrives within 10 s.
    expect(await pushReadiness(urls)).toEqual({ sessions: 1, connected: 1 });
    mosquitto.kill('SIGSTOP');
    let polled: number;
    try {
      polled = await change(10000);
      expect(stack.thinq.faults.count(STATUS)).toBeGreaterThan(pushedReads);
      // Readiness says so (and stays 200: polling serves).
      expect(await pushReadiness(urls)).toEqual({ sessions: 1, connected: 0 });
    } finally {
      mosquitto.kill('SIGCONT');
    }
    // Back: the channel reconnects (its backoff is at most 15 s) and polling stops again.
    let quietSince = 0;
    await eventually(
      () => {
        const reads = stack.thinq.faults.count(STATUS);
        if (reads !== quietSince) {
          quietSince = reads;
          return false;
        }
        return true;
      },
      { timeoutMs: 30000, everyMs: 4 * POLL_MS },
    );
    expect(await pushReadiness(urls)).toEqual({ sessions: 1, connected: 1 });
    const resumedReads = stack.thinq.faults.count(STATUS);
    const pushed = await change(1000);
    await new Promise((resolve) => setTimeout(resolve, 2 * POLL_MS));
    expect(stack.thinq.faults.count(STATUS)).toBe(resumedReads);
    process.stdout.write(
      `push live, broker hung: by polling in ${polled.toFixed(0)} ms; pushed again in ${pushed.toFixed(1)} ms\n`,
    );
    // One stream across both switches: every change once, in order (no gap, no duplicate).
    const seen = stream.of('status', AC).map(target);
    expect(new Set(seen).size).toBe(seen.length);
    expect(stream.violations).toEqual([]);
  }, 90000);
  it('a device removed or added at the vendor is device-removed / device-added at once, not at the next list poll', async () => {
    const { accessToken } = await stack.login();
    const DRYER = THINQ_DEVICE_IDS.washtowerDryer;
    const stream = await SseClient.open(urls[1], '/v1/appliances/events', {
      authorization: `Bearer ${accessToken}`,
    });
    clients.push(stream);
    await stream.waitFor(
      (e) => e.event === 'snapshot' && (e.json as { deviceId: string }).deviceId === DRYER,
      10000,
    );
    // The account's session watches the devices (the list poll is 5 minutes away).
    await eventually(async () => (await pushReadiness(urls)).connected === 1, { timeoutMs: 10000 });
    await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
    const dryer = stack.thinq.deviceOf(DRYER);
    let removedAt = performance.now();
    stack.thinq.removeDevice(DRYER);
    let restored = false;
    try {
      const removed = await stream.waitFor((e) => e.event === 'device-removed', 3000);
      removedAt = performance.now() - removedAt;
      expect(removed.json).toEqual({ deviceId: DRYER });
      let addedAt = performance.now();
      stack.thinq.addDevice(dryer);
      restored = true;
      const added = await stream.waitFor((e) => e.event === 'device-added', 3000);
      addedAt = performance.now() - addedAt;
      expect(added.json).toMatchObject({ deviceId: DRYER, deviceType: 'DEVICE_WASHTOWER_DRYER' });
      process.stdout.write(
        `push live, list: device-removed in ${removedAt.toFixed(0)} ms, device-added in ${addedAt.toFixed(0)} ms\n`,
      );
    } finally {
      if (!restored) stack.thinq.addDevice(dryer);
    }
    expect(stream.violations).toEqual([]);
  }, 60000);
});
