import { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../../metrics/metrics.service';
import { MemoryMessageBus } from '../../near-cache/message-bus';
import { KeyValueStore } from '../../redis/key-value.store';
import { MemoryKeyValueStore } from '../../redis/memory-key-value.store';
import { FakeEventChannel } from '../../upstreams/thinq/push/fake-event-channel.testing';
import { ThinqBudget } from '../../upstreams/thinq/thinq-budget';
import { ThinqAccount } from '../../upstreams/thinq/thinq.client';
import { AppliancesService, thinqAccountId } from '../appliances/appliances.service';
import { ApplianceFeeds } from './appliance-feeds';
import { FeedEvent } from './feed-record';
import { DeviceFeed, DeviceWatcher } from './feed-state';
import { PushSessions } from './push-sessions';
import { StatusDocument } from './status-diff';

const POLL_MS = 1000;
const SAFETY_MS = 60_000;
const AC = 'ac-1';
const FRIDGE = 'fridge-1';
const account: ThinqAccount = { accessToken: 'pat-1', countryCode: 'KR' };
const principal: Principal = {
  kind: 'user',
  sub: 'lux:1',
  sid: 's1',
  scopes: [],
  jti: 'j',
  exp: 0,
};

/** What a stream would see of one device. */
class Watcher implements DeviceWatcher {
  readonly principal = principal;
  readonly account = account;
  readonly events: FeedEvent[] = [];
  synced = 0;
  deviceEvent(_deviceId: string, event: FeedEvent): void {
    this.events.push(event);
  }
  deviceSynced(): void {
    this.synced += 1;
  }
  quota(): void {}
  accountEnded(): void {}
  of(type: FeedEvent['type']): FeedEvent[] {
    return this.events.filter((event) => event.type === type);
  }
}

/** The ThinQ side of the appliances service: statuses by device, reads counted. */
class Appliances {
  readonly states = new Map<string, StatusDocument>();
  readonly pushed = new Map<string, StatusDocument>();
  reads = 0;
  listReads = 0;
  pollStatus(_ctx: unknown, _p: Principal, _a: ThinqAccount, deviceId: string) {
    this.reads += 1;
    return Promise.resolve({ value: structuredClone(this.states.get(deviceId)!), state: 'MISS' });
  }
  storePushedStatus(_p: Principal, _a: ThinqAccount, deviceId: string, status: StatusDocument) {
    this.pushed.set(deviceId, status);
    return Promise.resolve();
  }
  pollList(_ctx: unknown, _p: Principal, maxAgeMs: number) {
    this.listReads += 1;
    this.lastListMaxAge = maxAgeMs;
    return Promise.resolve({ value: [] });
  }
  lastListMaxAge = 0;
  onCommand(): void {}
}

const config = {
  applianceEvents: {
    pollMs: POLL_MS,
    listPollMs: 600_000,
    pushSafetyPollMs: SAFETY_MS,
    pushIdleMs: 0,
    historySize: 50,
    historyMs: 3_600_000,
  },
} as AppConfig;

describe('ThinQ push in the appliance feeds (PushSessions, DevicePoller)', () => {
  let store: MemoryKeyValueStore;
  let bus: MemoryMessageBus;
  let channel: FakeEventChannel;
  let appliances: Appliances;
  const instances: { feeds: ApplianceFeeds; push: PushSessions }[] = [];

  const instance = (shared: KeyValueStore = store, settings: AppConfig = config) => {
    const budget = { remaining: () => Promise.resolve({ remaining: 10_000 }) };
    const clock = new Clock();
    const push = new PushSessions(channel, shared, bus, clock, settings, new MetricsService());
    const feeds = new ApplianceFeeds(
      shared,
      bus,
      appliances as unknown as AppliancesService,
      budget as unknown as ThinqBudget,
      clock,
      push,
      settings,
      new MetricsService(),
    );
    feeds.onModuleInit();
    instances.push({ feeds, push });
    return { feeds, push };
  };
  /** Lets the ticks due within `ms` run (timers and what they await). */
  const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_700_000_000_000 });
    store = new MemoryKeyValueStore();
    bus = new MemoryMessageBus();
    channel = new FakeEventChannel();
    appliances = new Appliances();
    appliances.states.set(AC, { temperature: { targetTemperature: 22, currentTemperature: 25 } });
    appliances.states.set(FRIDGE, {
      temperature: [
        { locationName: 'FRIDGE', targetTemperature: 3 },
        { locationName: 'FREEZER', targetTemperature: -18 },
      ],
    });
  });

  afterEach(async () => {
    for (const { feeds, push } of instances.splice(0)) {
      await feeds.closeAll();
      await push.onApplicationShutdown();
    }
    jest.useRealTimers();
  });

  /** Watches the device and lets push settle (the session opened, the device covered). */
  const watch = async (feeds: ApplianceFeeds, deviceId: string): Promise<Watcher> => {
    const watcher = new Watcher();
    await feeds.watchDevice(watcher, deviceId);
    await advance(2 * POLL_MS);
    return watcher;
  };

  it('takes a pushed status in as a reading: merged, a status event of what changed, no read', async () => {
    const { feeds } = instance();
    const watcher = await watch(feeds, FRIDGE);
    expect(channel.calls.open).toBe(1);
    expect(channel.watched(FRIDGE)).toBe(true);
    const reads = appliances.reads;

    channel.pushStatus(FRIDGE, {
      temperature: [{ locationName: 'FREEZER', targetTemperature: -20 }],
    });
    await advance(0);

    expect(watcher.of('status').map((event) => event.data)).toEqual([
      { temperature: [{ locationName: 'FREEZER', targetTemperature: -20 }] },
    ]);
    expect(feedOf(feeds, FRIDGE).view.state).toEqual({
      temperature: [
        { locationName: 'FRIDGE', targetTemperature: 3 },
        { locationName: 'FREEZER', targetTemperature: -20 },
      ],
    });
    // The status cache holds the merged status: GET .../status answers it.
    expect(appliances.pushed.get(FRIDGE)).toEqual(feedOf(feeds, FRIDGE).view.state);
    // Covered: ten intervals go by without a read (the safety read is a minute away).
    await advance(10 * POLL_MS);
    expect(appliances.reads).toBe(reads);
  });

  it('reads the device at most once a safety interval while push covers it', async () => {
    const { feeds } = instance();
    await watch(feeds, AC);
    const reads = appliances.reads;
    await advance(SAFETY_MS + POLL_MS);
    expect(appliances.reads).toBe(reads + 1);
  });

  it('polls again while push is not live, and stops when it is back', async () => {
    const { feeds } = instance();
    const watcher = await watch(feeds, AC);
    let reads = appliances.reads;

    channel.setLive(false);
    await advance(5 * POLL_MS);
    expect(appliances.reads).toBeGreaterThanOrEqual(reads + 4);
    appliances.states.get(AC)!.temperature = { targetTemperature: 19, currentTemperature: 25 };
    await advance(POLL_MS);
    expect(watcher.of('status').at(-1)?.data).toEqual({ temperature: { targetTemperature: 19 } });

    channel.setLive(true);
    await advance(POLL_MS);
    reads = appliances.reads;
    await advance(10 * POLL_MS);
    expect(appliances.reads).toBe(reads);
  });

  it('polls a device ThinQ does not push for (not reportable)', async () => {
    channel.notReportable.add(AC);
    const { feeds } = instance();
    await watch(feeds, AC);
    const reads = appliances.reads;
    await advance(5 * POLL_MS);
    expect(appliances.reads).toBeGreaterThanOrEqual(reads + 4);
  });

  it('asks again, ten minutes on, for a device ThinQ would not push for', async () => {
    channel.notReportable.add(AC);
    const { feeds } = instance();
    await watch(feeds, AC);
    expect(channel.watched(AC)).toBe(false);
    channel.notReportable.delete(AC);
    await advance(10 * 60_000);
    expect(channel.watched(AC)).toBe(true);
    const reads = appliances.reads;
    await advance(5 * POLL_MS);
    expect(appliances.reads).toBe(reads);
  });

  it('tries a failed open again 30 s later, polling meanwhile', async () => {
    const open = jest.spyOn(channel, 'open').mockRejectedValueOnce(new Error('refused'));
    const { feeds } = instance();
    await watch(feeds, AC);
    await advance(10 * POLL_MS);
    expect(open).toHaveBeenCalledTimes(1);
    const reads = appliances.reads;
    await advance(5 * POLL_MS);
    expect(appliances.reads).toBeGreaterThanOrEqual(reads + 4);
    await advance(30_000);
    expect(open).toHaveBeenCalledTimes(2);
    expect(channel.watched(AC)).toBe(true);
  });

  it('polls as before with push off', async () => {
    channel.enabled = false;
    const { feeds } = instance();
    await watch(feeds, AC);
    const reads = appliances.reads;
    await advance(5 * POLL_MS);
    expect(channel.calls.open).toBe(0);
    expect(appliances.reads).toBeGreaterThanOrEqual(reads + 4);
  });

  it('numbers a pushed notification like any event', async () => {
    const { feeds } = instance();
    const watcher = await watch(feeds, AC);
    const before = feedOf(feeds, AC).seq!;
    channel.pushNotification(AC, 'WASHING_IS_COMPLETE');
    await advance(0);
    expect(watcher.of('notification')).toEqual([
      {
        seq: before + 1,
        type: 'notification',
        data: { code: 'WASHING_IS_COMPLETE', at: new Date(Date.now()).toISOString() },
      },
    ]);
    const record = await feeds.deviceRecord(account, AC);
    expect(record?.history.at(-1)).toEqual(watcher.of('notification')[0]);
    expect(record?.state).toEqual(appliances.states.get(AC));
  });

  it('holds one session for two instances, which moves when its holder stops', async () => {
    const one = instance();
    const two = instance();
    await watch(one.feeds, AC);
    await watch(two.feeds, FRIDGE);
    await advance(2 * POLL_MS);
    const accountId = thinqAccountId(account);
    expect(channel.openSessions).toHaveLength(1);
    expect(one.push.holds(accountId)).toBe(true);
    // The holder subscribes every device either instance follows.
    expect(channel.watched(AC) && channel.watched(FRIDGE)).toBe(true);

    await one.feeds.closeAll();
    await one.push.onApplicationShutdown();
    await advance(2 * POLL_MS);
    expect(two.push.holds(accountId)).toBe(true);
    expect(channel.calls.open).toBe(2);
    expect(channel.openSessions).toHaveLength(1);
    // Nobody follows the air conditioner now.
    expect(channel.watched(AC)).toBe(false);
    expect(channel.watched(FRIDGE)).toBe(true);

    await two.feeds.closeAll();
    await two.push.onApplicationShutdown();
    expect(channel.openSessions).toHaveLength(0);
  });

  it('keeps the session and its subscriptions for the idle time after the last stream closes', async () => {
    const idle = {
      ...config,
      applianceEvents: { ...config.applianceEvents, pushIdleMs: 10 * POLL_MS },
    };
    const { feeds, push } = instance(store, idle);
    const accountId = thinqAccountId(account);
    const first = await watch(feeds, AC);
    expect(channel.calls.open).toBe(1);
    // A reload: the stream closes and comes back within the idle time.
    feeds.unwatchDevice(first, AC);
    await advance(3 * POLL_MS);
    expect(push.holds(accountId)).toBe(true);
    expect(channel.watched(AC)).toBe(true);
    const again = await watch(feeds, AC);
    expect(channel.calls.open).toBe(1);
    expect(channel.calls.unwatch).toBe(0);
    // Gone for good: after the idle time the device is unwatched and the session closed.
    feeds.unwatchDevice(again, AC);
    await advance(12 * POLL_MS);
    expect(push.holds(accountId)).toBe(false);
    expect(channel.watched(AC)).toBe(false);
    expect(channel.openSessions).toHaveLength(0);
  });

  it('a holder cut off from Redis closes its session; another opens it once the lease expires', async () => {
    // The first instance's view of the store: every call fails once it is cut off.
    let cutOff = false;
    const failing = new Proxy(store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          cutOff
            ? Promise.reject(new Error('connection lost'))
            : (value as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
    const one = instance(failing);
    await watch(one.feeds, AC);
    const two = instance();
    await watch(two.feeds, AC);
    const accountId = thinqAccountId(account);
    expect(one.push.holds(accountId)).toBe(true);

    cutOff = true;
    await advance(POLL_MS);
    // It cannot renew its lease: it stops delivering at once (never two sessions at work).
    expect(one.push.holds(accountId)).toBe(false);
    expect(channel.openSessions).toHaveLength(0);
    // The lease it held expires (three ticks); the next tick of the other opens the session.
    await advance(4 * POLL_MS);
    expect(two.push.holds(accountId)).toBe(true);
    expect(channel.openSessions).toHaveLength(1);
    expect(channel.watched(AC)).toBe(true);
  });

  it('after a command, does not poll when push covers the device', async () => {
    const { feeds } = instance();
    await watch(feeds, AC);
    const reads = appliances.reads;
    await bus.publish(feedOf(feeds, AC).channel, JSON.stringify({ t: 'poke' }));
    await advance(0);
    expect(appliances.reads).toBe(reads);
  });

  it('reads the list at once when ThinQ pushes a list change', async () => {
    const { feeds } = instance();
    await watch(feeds, AC);
    await feeds.watchList({ principal, account, listed: () => undefined }, [AC]);
    await advance(POLL_MS);
    const listReads = appliances.listReads;
    channel.pushListChange('deviceAdded', 'new-1');
    await advance(0);
    expect(appliances.listReads).toBe(listReads + 1);
    expect(appliances.lastListMaxAge).toBe(1);
  });
});

function feedOf(feeds: ApplianceFeeds, deviceId: string): DeviceFeed {
  return feeds.feedOf(account, deviceId)!;
}
