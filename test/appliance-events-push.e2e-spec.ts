import { AddressInfo } from 'node:net';
import request from 'supertest';
import { thinqAccountId } from '../src/features/appliances/appliances.service';
import { ApplianceFeeds } from '../src/features/appliance-events/appliance-feeds';
import { PushSessions } from '../src/features/appliance-events/push-sessions';
import { THINQ_DEVICE_IDS } from '../src/sandbox/thinq/demo-data';
import { FakeEventChannel } from '../src/upstreams/thinq/push/fake-event-channel.testing';
import { ThinqAccount } from '../src/upstreams/thinq/thinq.client';
import { eventually } from './support/eventually';
import { TestGateway } from './support/gateway';
import { PushChannelModule } from './support/push-channel.module';
import { SseClient, SseEvent } from './support/sse-client';
import { startStack, TestStack } from './support/stack';

const STATUS = 'GET /v2/devices/status/:deviceId';
const AC = THINQ_DEVICE_IDS.airConditioner;
const FRIDGE = THINQ_DEVICE_IDS.refrigerator;
const POLL_MS = 300;

async function listen(gateway: TestGateway): Promise<string> {
  await gateway.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(gateway.app.getHttpServer().address() as AddressInfo).port}`;
}

const statusOf = (event: SseEvent) => (event.json as { status: Record<string, unknown> }).status;

/**
 * ThinQ push under the appliance event streams, on two gateway instances sharing one real
 * redis-server, with an in-memory channel in place of MQTT (shared by both, as one broker would
 * be): one session per account, pushed changes instead of status reads, polling as the fallback.
 */
describe('appliance events with ThinQ push', () => {
  const channel = new FakeEventChannel();
  let stack: TestStack;
  let a: string;
  let b: string;
  /** The instances behind `a` and `b`. */
  let gateways: TestGateway[];
  const clients: SseClient[] = [];
  let spares = 0;

  const stream = async (base: string, session: string, deviceId: string, lastId?: string) => {
    const client = await SseClient.open(base, `/v1/appliances/events?deviceId=${deviceId}`, {
      authorization: `Bearer ${session}`,
      ...(lastId ? { 'last-event-id': lastId } : {}),
    });
    clients.push(client);
    return client;
  };
  /** A session of a new user linked to a ThinQ account of its own (user A's devices). */
  const newAccount = async () => {
    const thinqToken = `thinq-push-${(spares += 1)}`;
    stack.thinq.state.tokens.set(thinqToken, 'user-a');
    const user = await stack.newUser();
    const { accessToken } = await user.login();
    await request(a)
      .put('/v1/me/links/thinq')
      .auth(accessToken, { type: 'bearer' })
      .send({ accessToken: thinqToken, countryCode: 'KR' })
      .expect(200);
    const account: ThinqAccount = { accessToken: thinqToken, countryCode: 'KR' };
    return { session: accessToken, thinqToken, account, accountId: thinqAccountId(account) };
  };
  const statusReads = (thinqToken: string, deviceId: string) =>
    stack.thinq.faults
      .recorded(STATUS)
      .filter(
        (call) =>
          call.headers.authorization === `Bearer ${thinqToken}` && call.path.endsWith(deviceId),
      ).length;
  /**
   * Whether every given instance's feed of the device is told push covers it, and its poller has
   * made the one read coverage starts with (so nothing but pushes moves the device on).
   */
  const covered = (gateways: TestGateway[], account: ThinqAccount, deviceId: string) =>
    gateways.every((gateway) => {
      const feed = gateway.app.get(ApplianceFeeds).feedOf(account, deviceId);
      if (!feed || feed.coveredUntil <= Date.now()) return false;
      return !feed.lease.holding || (!feed.mustPoll && !feed.ticking);
    });
  /** Changes the device at the simulator, as its owner would at home. */
  const setAt = (deviceId: string, resource: string, values: Record<string, unknown>) => {
    const status = stack.thinq.state.devices.get(deviceId)!.status as Record<string, object>;
    status[resource] = { ...status[resource], ...values };
  };

  beforeAll(async () => {
    stack = await startStack({
      imports: [PushChannelModule.with(channel)],
      env: {
        APPLIANCE_EVENTS_POLL_MS: String(POLL_MS),
        APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION: '100',
        THINQ_HOURLY_CALL_BUDGET: '100000',
        // Sessions end with their last stream, so that a test can move one between instances
        // (the idle time has its unit spec: push-sessions.spec.ts).
        APPLIANCE_EVENTS_PUSH_IDLE_MS: '0',
      },
    });
    a = await listen(stack.gateway);
    const second = await stack.startInstance();
    b = await listen(second);
    gateways = [stack.gateway, second];
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    channel.notReportable.clear();
    channel.setLive(true);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('12 streams on two instances get each pushed change once, in order, with no status read', async () => {
    const { session, thinqToken, account, accountId } = await newAccount();
    const streams = await Promise.all(
      Array.from({ length: 12 }, (_, i) => stream(i % 2 ? b : a, session, AC)),
    );
    await eventually(() => streams.every((client) => client.of('snapshot', AC).length === 1), {
      timeoutMs: 5000,
      everyMs: 20,
    });
    await eventually(() => covered(gateways, account, AC), { timeoutMs: 5000, everyMs: 20 });
    // One session for the account, on one of the two instances.
    const holders = gateways.filter((gateway) => gateway.app.get(PushSessions).holds(accountId));
    expect(holders).toHaveLength(1);
    expect(channel.openSessions.filter((s) => s.account.accessToken === thinqToken)).toHaveLength(
      1,
    );

    const reads = statusReads(thinqToken, AC);
    const targets = [18, 19, 20];
    for (const target of targets) {
      setAt(AC, 'temperature', { targetTemperature: target });
      expect(channel.pushStatus(AC, { temperature: { targetTemperature: target } })).toBe(1);
    }
    await eventually(() => streams.every((client) => client.of('status', AC).length === 3), {
      timeoutMs: 3000,
      everyMs: 20,
    });
    for (const client of streams) {
      expect(client.of('status', AC).map(statusOf)).toEqual(
        targets.map((target) => ({ temperature: { targetTemperature: target } })),
      );
      expect(client.violations).toEqual([]);
    }
    // The status route answers the pushed value from the cache (no read: counted below).
    const read = await request(b)
      .get(`/v1/appliances/${AC}/status`)
      .auth(session, { type: 'bearer' })
      .expect(200);
    expect((read.body as { temperature: unknown }).temperature).toMatchObject({
      targetTemperature: 20,
    });
    expect(read.headers['x-cache']).toBe('HIT');
    // Ten poll intervals later, still no read: push covers the device.
    await new Promise((resolve) => setTimeout(resolve, 10 * POLL_MS));
    expect(statusReads(thinqToken, AC)).toBe(reads);
  });

  it('the session holder stops: the other instance opens the session and pushes go on', async () => {
    const { session, account, accountId } = await newAccount();
    const c = await stack.startInstance();
    const cUrl = await listen(c);
    const onC = await stream(cUrl, session, AC);
    const onA = await stream(a, session, AC);
    await eventually(() => onA.of('snapshot').length === 1 && onC.of('snapshot').length === 1, {
      timeoutMs: 5000,
    });
    // Make the new instance the holder: the first holder lets go when its last stream closes.
    await eventually(() => covered([stack.gateway, c], account, AC), { timeoutMs: 5000 });
    if (!c.app.get(PushSessions).holds(accountId)) {
      onA.close();
      await eventually(() => c.app.get(PushSessions).holds(accountId), { timeoutMs: 5000 });
      clients.push(await stream(a, session, AC));
    }
    const opened = channel.calls.open;
    const survivor = clients.at(-1)!;
    await eventually(() => survivor.of('snapshot').length === 1, { timeoutMs: 5000 });

    await c.close();
    await eventually(() => stack.gateway.app.get(PushSessions).holds(accountId), {
      timeoutMs: 5000,
    });
    expect(channel.calls.open).toBe(opened + 1);
    await eventually(() => channel.watched(AC), { timeoutMs: 5000 });
    setAt(AC, 'airFlow', { windStrength: 'HIGH' });
    channel.pushStatus(AC, { airFlow: { windStrength: 'HIGH' } });
    const change = await survivor.waitFor((e) => e.event === 'status', 3000);
    expect(statusOf(change)).toEqual({ airFlow: { windStrength: 'HIGH' } });
  });

  it('push not live: the device is polled again; live again: polls stop', async () => {
    const { session, thinqToken, account } = await newAccount();
    const client = await stream(a, session, AC);
    await client.waitFor((e) => e.event === 'snapshot');
    await eventually(() => covered([stack.gateway], account, AC), { timeoutMs: 5000 });

    channel.setLive(false);
    const reads = statusReads(thinqToken, AC);
    setAt(AC, 'powerSave', { powerSaveEnabled: true });
    const change = await client.waitFor((e) => e.event === 'status', 5000);
    expect(statusOf(change)).toEqual({ powerSave: { powerSaveEnabled: true } });
    expect(statusReads(thinqToken, AC)).toBeGreaterThan(reads);

    channel.setLive(true);
    await eventually(() => covered([stack.gateway], account, AC), { timeoutMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 2 * POLL_MS));
    const after = statusReads(thinqToken, AC);
    await new Promise((resolve) => setTimeout(resolve, 10 * POLL_MS));
    expect(statusReads(thinqToken, AC)).toBe(after);
  });

  it('a device ThinQ does not push for is polled', async () => {
    channel.notReportable.add(FRIDGE);
    const { session, thinqToken } = await newAccount();
    const client = await stream(b, session, FRIDGE);
    await client.waitFor((e) => e.event === 'snapshot');
    await eventually(() => channel.calls.watch > 0 && !channel.watched(FRIDGE), {
      timeoutMs: 5000,
    });
    const reads = statusReads(thinqToken, FRIDGE);
    const status = stack.thinq.state.devices.get(FRIDGE)!.status as Record<string, object>;
    status.refrigeration = { ...status.refrigeration, expressMode: true };
    const change = await client.waitFor((e) => e.event === 'status', 5000);
    expect(statusOf(change)).toEqual({ refrigeration: { expressMode: true } });
    expect(statusReads(thinqToken, FRIDGE)).toBeGreaterThan(reads);
    status.refrigeration = { ...status.refrigeration, expressMode: false };
  });

  it('a notification arrives as an event, and a stream resuming by Last-Event-ID gets it', async () => {
    const { session, account } = await newAccount();
    const first = await stream(a, session, AC);
    const snapshot = await first.waitFor((e) => e.event === 'snapshot');
    await eventually(() => covered([stack.gateway], account, AC), { timeoutMs: 5000 });

    channel.pushNotification(AC, 'WASHING_IS_COMPLETE');
    const note = await first.waitFor((e) => e.event === 'notification', 3000);
    expect(note.json).toMatchObject({ deviceId: AC, code: 'WASHING_IS_COMPLETE' });
    expect(Date.parse((note.json as { at: string }).at)).not.toBeNaN();
    expect(first.violations).toEqual([]);

    // Back from the snapshot, on the other instance: exactly the notification.
    const resumed = await stream(b, session, AC, snapshot.id);
    const again = await resumed.waitFor((e) => e.event === 'notification', 3000);
    expect(again.json).toEqual(note.json);
    expect(again.id).toBe(note.id);
    expect(resumed.of('snapshot')).toEqual([]);
  });
});
