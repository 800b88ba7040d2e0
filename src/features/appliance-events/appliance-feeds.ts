import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Counter } from 'prom-client';
import { backgroundContext } from '../../common/context/request-context';
import { Clock } from '../../common/clock';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../../metrics/metrics.service';
import { MessageBus } from '../../near-cache/message-bus';
import { KeyValueStore } from '../../redis/key-value.store';
import { ThinqBudget } from '../../upstreams/thinq/thinq-budget';
import { ThinqAccount } from '../../upstreams/thinq/thinq.client';
import { ApplianceDto } from '../appliances/appliance.dto';
import { AppliancesService, thinqAccountId } from '../appliances/appliances.service';
import { DeviceFanOut } from './device-fan-out';
import { DevicePoller } from './device-poller';
import { deviceLeaseTtlMs, FeedLease, LIST_LEASE_TTL_MS } from './feed-lease';
import { problemOf } from './feed-problems';
import { FeedRecord, parseFeedRecord } from './feed-record';
import {
  DeviceFeed,
  DeviceMessage,
  DeviceWatcher,
  FeedBase,
  feedKeys,
  ListFeed,
  ListMessage,
  ListWatcher,
} from './feed-state';
import { nextListRecord, parseListRecord } from './list-record';
import { pollMaxAgeMs } from './poll-pacing';
import { PushSessions } from './push-sessions';

/**
 * The devices this instance's event streams watch, kept current across every instance:
 *
 * - **One poller per device, whatever the number of viewers.** A device's feed is keyed by the
 *   ThinQ account and the device. Every instance with a stream on it tries, every poll interval,
 *   to take or renew the feed's lease in Redis (SET NX PX, renewed compare-and-set); the one that
 *   holds it polls the status through the status cache (the same entry as GET .../status, a value
 *   at most half an interval old), diffs it against the last one, numbers the change, writes it
 *   to the device's history in Redis and publishes it on the device's channel. The others (and
 *   the poller itself) hear it and pass it to their streams. Only instances with streams take the
 *   lease, so polling stops when nobody watches: the last instance lets its lease go when its last
 *   stream on the device closes (or, if it died, the lease expires after three intervals).
 * - **Which credential polls?** Any watcher's: all streams of a feed act for the same ThinQ
 *   account (the feed key is a digest of its country and token), so they would all read the same
 *   answer; a stream of another account never joins the feed, and never hears its channel.
 * - **The budget.** Polls pace themselves on the account's remaining read budget (PACE in
 *   poll-pacing.ts); when it is spent, the status cache answers the last value with the reason,
 *   and the feed says so once (`quota`), keeping the last values, until a poll gets through again.
 * - **Gaps.** pub/sub may lose messages (a dropped subscriber connection, MessageBus): a message
 *   out of sequence, or the bus coming back, makes the feed read the device's record and replay
 *   what it missed (or jump to the record's view); streams then catch up the same way.
 * - After a command (AppliancesService.onCommand), the device's channel carries a poke: the
 *   poller polls at once, so every stream sees the change within one ThinQ call (unless push
 *   covers the device: the change then arrives pushed).
 * - **Push** (push-sessions.ts, device-poller.ts): with ThinQ push on, one instance holds the
 *   account's push session; what it hears reaches the device's poller on its channel and is
 *   taken in as a reading, and polling is the fallback while push does not cover the device.
 */
@Injectable()
export class ApplianceFeeds implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ApplianceFeeds');
  private readonly devices = new Map<string, DeviceFeed>();
  private readonly lists = new Map<string, ListFeed>();
  /** This instance's lease token. */
  private readonly token = randomBytes(12).toString('base64url');
  private readonly settings: AppConfig['applianceEvents'];
  private readonly polls: Counter<'result'>;
  private readonly fanOut: DeviceFanOut;
  private readonly poller: DevicePoller;
  private closing = false;

  constructor(
    private readonly store: KeyValueStore,
    private readonly bus: MessageBus,
    private readonly appliances: AppliancesService,
    budget: ThinqBudget,
    private readonly clock: Clock,
    private readonly push: PushSessions,
    config: AppConfig,
    metrics: MetricsService,
  ) {
    this.settings = config.applianceEvents;
    this.fanOut = new DeviceFanOut(store, this.settings.historySize);
    this.polls = new Counter({
      name: 'junction_appliance_event_polls_total',
      help: 'Polls of watched appliances by result (event, unchanged, quota, error, lost_lease; pushed: a pushed reading taken in, avoided: a poll push made needless)',
      labelNames: ['result'] as const,
      registers: [metrics.registry],
    });
    this.poller = new DevicePoller(
      store,
      appliances,
      budget,
      clock,
      this.fanOut,
      this.polls,
      (channel, message) => this.publish(channel, message),
      config,
    );
  }

  onModuleInit(): void {
    this.bus.onLiveChange((live) => {
      if (!live) return;
      for (const feed of this.devices.values()) void this.fanOut.resync(feed);
    });
    this.appliances.onCommand(({ account, deviceId }) => {
      const key = feedKeys.device(thinqAccountId(account), deviceId);
      this.publish(feedKeys.deviceChannel(key), { t: 'poke' });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.closeAll();
  }

  /** Stops every feed (timers, subscriptions) and lets this instance's leases go. */
  async closeAll(): Promise<void> {
    this.closing = true;
    const feeds: FeedBase[] = [...this.devices.values(), ...this.lists.values()];
    this.devices.clear();
    this.lists.clear();
    await Promise.allSettled(feeds.map((feed) => this.close(feed)));
  }

  get openFeeds(): number {
    return this.devices.size + this.lists.size;
  }

  // ---- device feeds -------------------------------------------------------------------------

  /** Follows the device for `watcher`; resolves once this instance hears the device's channel. */
  async watchDevice(watcher: DeviceWatcher, deviceId: string): Promise<DeviceFeed> {
    const accountId = thinqAccountId(watcher.account);
    const key = feedKeys.device(accountId, deviceId);
    let feed = this.devices.get(key);
    if (!feed || feed.closed) {
      const lease = new FeedLease(
        this.store,
        feedKeys.deviceLease(key),
        this.token,
        deviceLeaseTtlMs(this.settings.pollMs),
      );
      feed = new DeviceFeed(key, accountId, deviceId, feedKeys.deviceChannel(key), lease);
      this.devices.set(key, feed);
      feed.watchers.add(watcher);
      this.start(feed, this.settings.pollMs, (message) => this.onDeviceMessage(feed!, message));
      void this.fanOut.resync(feed);
      this.push.follow(accountId, watcher.account, deviceId);
    }
    feed.watchers.add(watcher);
    await feed.unsubscribe;
    return feed;
  }

  unwatchDevice(watcher: DeviceWatcher, deviceId: string): void {
    const key = feedKeys.device(thinqAccountId(watcher.account), deviceId);
    const feed = this.devices.get(key);
    if (!feed?.watchers.delete(watcher) || feed.watchers.size > 0) return;
    this.devices.delete(key);
    this.push.unfollow(feed.accountId, deviceId);
    void this.close(feed);
  }

  /** This instance's feed of the device, if it follows it. */
  feedOf(account: ThinqAccount, deviceId: string): DeviceFeed | undefined {
    return this.devices.get(feedKeys.device(thinqAccountId(account), deviceId));
  }

  /** The device's record as Redis holds it (for a stream that comes back with Last-Event-ID). */
  async deviceRecord(account: ThinqAccount, deviceId: string): Promise<FeedRecord | undefined> {
    const key = feedKeys.device(thinqAccountId(account), deviceId);
    try {
      return parseFeedRecord(await this.store.get(feedKeys.deviceRecord(key)));
    } catch {
      return undefined;
    }
  }

  /** Devices removed from the account lately (a stream coming back names them by tag only). */
  async removedDevices(account: ThinqAccount): Promise<string[]> {
    try {
      const record = parseListRecord(
        await this.store.get(feedKeys.listRecord(thinqAccountId(account))),
      );
      return record?.removed?.map((entry) => entry.deviceId) ?? [];
    } catch {
      return [];
    }
  }

  // ---- list feeds ---------------------------------------------------------------------------

  /** Follows the account's list for `watcher`, which has just read it as `seen`. */
  async watchList(watcher: ListWatcher, seen: string[]): Promise<void> {
    const accountId = thinqAccountId(watcher.account);
    let feed = this.lists.get(accountId);
    if (!feed || feed.closed) {
      const lease = new FeedLease(
        this.store,
        feedKeys.listLease(accountId),
        this.token,
        LIST_LEASE_TTL_MS,
      );
      feed = new ListFeed(accountId, feedKeys.listChannel(accountId), lease);
      // The stream has just read the list: the first poll is one interval away.
      feed.nextPollAt = this.clock.now() + this.settings.listPollMs;
      feed.baseline = seen;
      this.lists.set(accountId, feed);
      feed.watchers.add(watcher);
      this.start(feed, Math.min(this.settings.listPollMs, 10_000), (message) =>
        this.onListMessage(feed!, message),
      );
    }
    feed.watchers.add(watcher);
    await feed.unsubscribe;
  }

  unwatchList(watcher: ListWatcher): void {
    const accountId = thinqAccountId(watcher.account);
    const feed = this.lists.get(accountId);
    if (!feed?.watchers.delete(watcher) || feed.watchers.size > 0) return;
    this.lists.delete(accountId);
    void this.close(feed);
  }

  // ---- shared machinery ---------------------------------------------------------------------

  private start(feed: DeviceFeed | ListFeed, everyMs: number, handle: (raw: string) => void): void {
    feed.unsubscribe = this.bus.subscribe(feed.channel, handle).catch((error: unknown) => {
      this.logger.warn(`Cannot subscribe to ${feed.channel}: ${(error as Error).message}`);
      return () => Promise.resolve();
    });
    feed.timer = setInterval(() => this.schedule(feed), everyMs);
    feed.timer.unref();
    this.schedule(feed);
  }

  /** Runs the feed's tick now, or right after the one running. */
  private schedule(feed: DeviceFeed | ListFeed): void {
    if (feed.closed || this.closing) return;
    if (feed.ticking) {
      feed.again = true;
      return;
    }
    feed.ticking = true;
    const tick = feed instanceof DeviceFeed ? this.poller.tick(feed) : this.tickList(feed);
    void tick
      .catch((error: unknown) =>
        this.logger.warn(
          `${feed.channel}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => {
        feed.ticking = false;
        if (feed.again) {
          feed.again = false;
          this.schedule(feed);
        }
      });
  }

  private async close(feed: FeedBase): Promise<void> {
    if (feed.closed) return;
    feed.closed = true;
    clearInterval(feed.timer);
    const unsubscribe = await feed.unsubscribe;
    await unsubscribe?.().catch(() => undefined);
    await feed.lease.release();
  }

  private publish(channel: string, message: DeviceMessage | ListMessage): void {
    this.bus.publish(channel, JSON.stringify(message)).catch((error: unknown) => {
      this.logger.warn(`Not published on ${channel}: ${(error as Error).message}`);
    });
  }

  // ---- device: the follower side ------------------------------------------------------------

  private onDeviceMessage(feed: DeviceFeed, raw: string): void {
    let message: DeviceMessage;
    try {
      message = JSON.parse(raw) as DeviceMessage;
    } catch {
      return;
    }
    switch (message.t) {
      case 'event':
        this.fanOut.receive(feed, message.event);
        return;
      case 'quota':
        this.fanOut.quota(feed, message.quota);
        return;
      case 'poke':
        // With push, the command's change arrives pushed.
        if (feed.lease.holding && !this.poller.covered(feed)) {
          feed.nextPollAt = 0;
          this.schedule(feed);
        }
        return;
      case 'end':
        this.fanOut.accountEnded(feed, problemOf(message.problem));
        return;
      case 'push':
      case 'notify':
        if (!feed.lease.holding) return;
        feed.pushed.push(message);
        this.schedule(feed);
        return;
      case 'cover':
        if (this.poller.cover(feed, message.covered) && feed.lease.holding) this.schedule(feed);
        return;
      case 'reconcile':
        feed.mustPoll = true;
        if (feed.lease.holding) this.schedule(feed);
        return;
    }
  }

  // ---- list feeds ---------------------------------------------------------------------------

  private async tickList(feed: ListFeed): Promise<void> {
    if (feed.watchers.size === 0) return;
    if (!(await feed.lease.hold())) return;
    if (this.clock.now() < feed.nextPollAt && !feed.poked) return;
    // ThinQ pushed a list change: read it past the cache.
    const maxAgeMs = feed.poked ? 1 : pollMaxAgeMs(this.settings.listPollMs);
    feed.poked = false;
    feed.nextPollAt = this.clock.now() + this.settings.listPollMs;
    const watcher = feed.watchers.values().next().value;
    if (!watcher) return;
    let devices: ApplianceDto[];
    try {
      devices = (
        await this.appliances.pollList(
          backgroundContext(watcher.principal.sub),
          watcher.principal,
          maxAgeMs,
        )
      ).value;
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      return;
    }
    const key = feedKeys.listRecord(feed.accountId);
    const stored = await this.store.get(key);
    const ids = devices.map((device) => device.deviceId);
    const next = nextListRecord(parseListRecord(stored), feed.baseline, ids, this.clock.now());
    const json = JSON.stringify(next);
    const ttlMs = Math.max(this.settings.historyMs, 3 * this.settings.listPollMs);
    const written =
      stored === null
        ? await this.store.set(key, json, { ifAbsent: true, ttlMs })
        : await this.store.replaceIfEquals(key, stored, json, ttlMs);
    if (!written) return;
    this.publish(feed.channel, { t: 'list', devices });
  }

  private onListMessage(feed: ListFeed, raw: string): void {
    let message: ListMessage;
    try {
      message = JSON.parse(raw) as ListMessage;
    } catch {
      return;
    }
    if (message.t === 'poke') {
      feed.poked = true;
      if (feed.lease.holding) this.schedule(feed);
      return;
    }
    if (message.t !== 'list' || !Array.isArray(message.devices)) return;
    for (const watcher of [...feed.watchers]) watcher.listed(message.devices);
  }
}
