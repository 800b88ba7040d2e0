import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Gauge } from 'prom-client';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../../metrics/metrics.service';
import { MessageBus } from '../../near-cache/message-bus';
import { KeyValueStore } from '../../redis/key-value.store';
import {
  ThinqEventChannel,
  ThinqPushEvent,
  ThinqPushListener,
  ThinqPushSession,
} from '../../upstreams/thinq/push/thinq-event-channel';
import { ThinqAccount } from '../../upstreams/thinq/thinq.client';
import { deviceLeaseTtlMs, FeedLease } from './feed-lease';
import { DeviceMessage, feedKeys, ListMessage } from './feed-state';

/**
 * A device ThinQ would not push for (not `reportable`, or the subscription failed) is asked
 * again this often: a failure may pass, a device's settings may change. Polled meanwhile.
 */
const WATCH_RETRY_MS = 10 * 60 * 1000;

/** After open() failed, the holder tries again this much later (each try may cost vendor calls). */
const OPEN_RETRY_MS = 30 * 1000;

/** One account as this instance takes part in its push: its feeds here, and the session if held. */
class AccountPush {
  /** The devices this instance has feeds of. */
  readonly devices = new Set<string>();
  /**
   * Devices whose last feed here closed, until when their follow is kept (APPLIANCE_EVENTS_
   * PUSH_IDLE_MS): the session and its subscriptions outlive a reload or a change of screen.
   */
  readonly lingering = new Map<string, number>();
  /** Holder only: the devices watched on the session, and whether ThinQ pushes for each. */
  readonly watched = new Map<string, boolean>();
  /** Holder only: when a device's watch() said no (asked again after WATCH_RETRY_MS). */
  readonly refusedAt = new Map<string, number>();
  session?: ThinqPushSession;
  /** Holder only: no open() before then (the last one failed). */
  openAfter = 0;
  timer?: NodeJS.Timeout;
  ticking = false;
  closed = false;

  constructor(
    readonly accountId: string,
    /** Any watcher's account: every feed of the account acts for the same ThinQ user. */
    public account: ThinqAccount,
    readonly lease: FeedLease,
  ) {}
}

/**
 * One ThinQ push session per account, across every instance (ThinqEventChannel):
 *
 * - Every instance with a device feed of the account follows the device in Redis, every push
 *   tick (APPLIANCE_EVENTS_POLL_MS): a member `<instance token> <deviceId>` in the account's set
 *   (pushFollowed), and a key per member with a TTL of three ticks (Redis sets have no expiry per
 *   member). Closing its feed deletes both; an instance that dies stops renewing, its keys expire
 *   and the holder drops their members: the live members are the devices someone follows now.
 * - Every such instance tries the account's push lease (a FeedLease, three ticks); the holder
 *   opens the session (the client id is the account's, so the broker's persistent session hands
 *   the next holder what was queued meanwhile), `watch()`es every followed device and `unwatch()`es
 *   those nobody follows any more. An instance whose last feed of a device closes keeps following it
 *   for APPLIANCE_EVENTS_PUSH_IDLE_MS (a reload or the next screen finds the session and its
 *   subscriptions); with nothing left to follow it closes the session and lets the lease go, and
 *   another follower takes it on its next tick. One that dies
 *   loses it when it expires: within four ticks, another holds it and has opened the session.
 * - What the session hears goes on the message bus: a status or notification on the device's
 *   channel (`push`, `notify`), for the device's poller wherever it is (device-poller.ts); a list
 *   change pokes the account's list feed (and a removal makes the device's poller read it).
 * - Coverage: every tick, and at once when the session goes live or not, the holder says on each
 *   watched device's channel whether push covers it (`cover`: live, and watch() said yes). A
 *   poller not told for three ticks (the holder died) polls again.
 */
@Injectable()
export class PushSessions implements OnApplicationShutdown {
  private readonly logger = new Logger('PushSessions');
  private readonly accounts = new Map<string, AccountPush>();
  private readonly token = randomBytes(12).toString('base64url');
  private readonly tickMs: number;
  private readonly ttlMs: number;
  private readonly idleMs: number;

  constructor(
    private readonly channel: ThinqEventChannel,
    private readonly store: KeyValueStore,
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    config: AppConfig,
    metrics: MetricsService,
  ) {
    this.tickMs = config.applianceEvents.pollMs;
    this.idleMs = config.applianceEvents.pushIdleMs;
    this.ttlMs = deviceLeaseTtlMs(this.tickMs);
    const sessions = new Gauge({
      name: 'junction_appliance_event_push_sessions',
      help: 'ThinQ push sessions this instance holds, by whether they deliver now (live true/false)',
      labelNames: ['live'] as const,
      registers: [metrics.registry],
      collect: () => {
        const held = [...this.accounts.values()].filter((entry) => entry.session);
        const live = held.filter((entry) => entry.session?.live).length;
        sessions.labels('true').set(live);
        sessions.labels('false').set(held.length - live);
      },
    });
  }

  get enabled(): boolean {
    return this.channel.enabled;
  }

  /** Whether this instance holds the account's session now (tests and the readiness say). */
  holds(accountId: string): boolean {
    return this.accounts.get(accountId)?.session !== undefined;
  }

  /** This instance has a feed of the device now. */
  follow(accountId: string, account: ThinqAccount, deviceId: string): void {
    if (!this.channel.enabled) return;
    let entry = this.accounts.get(accountId);
    if (!entry) {
      const lease = new FeedLease(
        this.store,
        feedKeys.pushLease(accountId),
        this.token,
        this.ttlMs,
      );
      entry = new AccountPush(accountId, account, lease);
      this.accounts.set(accountId, entry);
      const started = entry;
      entry.timer = setInterval(() => this.schedule(started), this.tickMs);
      entry.timer.unref();
    }
    entry.devices.add(deviceId);
    entry.lingering.delete(deviceId);
    this.schedule(entry);
  }

  /**
   * This instance's feed of the device closed. Its follow stays for APPLIANCE_EVENTS_PUSH_IDLE_MS
   * (the session, held here or elsewhere, keeps the device's subscriptions), then goes; with no
   * device left the account's push here ends.
   */
  unfollow(accountId: string, deviceId: string): void {
    const entry = this.accounts.get(accountId);
    if (!entry?.devices.delete(deviceId)) return;
    if (this.idleMs > 0) {
      entry.lingering.set(deviceId, this.clock.now() + this.idleMs);
      return;
    }
    this.forget(entry, [deviceId]);
  }

  /** Drops the follows of `deviceIds`; the account's push here ends once nothing is left. */
  private forget(entry: AccountPush, deviceIds: string[]): void {
    for (const deviceId of deviceIds) entry.lingering.delete(deviceId);
    if (entry.devices.size > 0 || entry.lingering.size > 0) {
      void this.dropFollows(entry, deviceIds);
      return;
    }
    if (this.accounts.get(entry.accountId) === entry) this.accounts.delete(entry.accountId);
    void this.close(entry, deviceIds);
  }

  async onApplicationShutdown(): Promise<void> {
    const entries = [...this.accounts.values()];
    this.accounts.clear();
    await Promise.allSettled(
      entries.map((entry) => this.close(entry, [...entry.devices, ...entry.lingering.keys()])),
    );
  }

  private schedule(entry: AccountPush): void {
    if (entry.ticking || entry.closed) return;
    entry.ticking = true;
    void this.tick(entry)
      .catch((error: unknown) =>
        this.logger.warn(`push ${entry.accountId}: ${(error as Error).message}`),
      )
      .finally(() => {
        entry.ticking = false;
      });
  }

  private async tick(entry: AccountPush): Promise<void> {
    const now = this.clock.now();
    const idle = [...entry.lingering].filter(([, until]) => until <= now).map(([id]) => id);
    if (idle.length > 0) {
      this.forget(entry, idle);
      if (entry.closed) return;
    }
    await this.renewFollows(entry);
    if (entry.closed) return;
    if (!(await entry.lease.hold())) {
      // Lost it (Redis did not answer, or it expired meanwhile): the new holder carries on.
      if (entry.session) await this.closeSession(entry);
      return;
    }
    if (!entry.session) {
      if (this.clock.now() < entry.openAfter) return;
      try {
        entry.session = await this.channel.open(entry.account, this.listener(entry));
      } catch (error) {
        entry.openAfter = this.clock.now() + OPEN_RETRY_MS;
        this.logger.warn(`push ${entry.accountId}: not opened: ${(error as Error).message}`);
        return;
      }
      if (entry.closed) {
        await this.closeSession(entry);
        return;
      }
    }
    const session = entry.session;
    const followed = await this.followed(entry.accountId);
    for (const deviceId of followed) {
      const refused = entry.refusedAt.get(deviceId);
      if (entry.watched.has(deviceId) && (refused === undefined || now - refused < WATCH_RETRY_MS))
        continue;
      const pushes = await session.watch(deviceId).catch((error: unknown) => {
        this.logger.warn(`push ${entry.accountId}: watch failed: ${(error as Error).message}`);
        return false;
      });
      if (entry.session !== session) return;
      entry.watched.set(deviceId, pushes);
      if (pushes) entry.refusedAt.delete(deviceId);
      else entry.refusedAt.set(deviceId, now);
    }
    for (const deviceId of [...entry.watched.keys()]) {
      if (followed.has(deviceId)) continue;
      entry.watched.delete(deviceId);
      entry.refusedAt.delete(deviceId);
      await session.unwatch(deviceId).catch(() => undefined);
    }
    this.announce(entry);
  }

  /** Renews this instance's follow of each of its devices of the account. */
  private async renewFollows(entry: AccountPush): Promise<void> {
    const setKey = feedKeys.pushFollowed(entry.accountId);
    await Promise.all(
      [...entry.devices, ...entry.lingering.keys()].map(async (deviceId) => {
        const member = `${this.token} ${deviceId}`;
        try {
          await this.store.set(feedKeys.pushFollow(entry.accountId, member), '1', {
            ttlMs: this.ttlMs,
          });
          await this.store.addToSet(setKey, member, this.ttlMs);
        } catch (error) {
          this.logger.warn(`push ${entry.accountId}: follow not kept: ${(error as Error).message}`);
        }
      }),
    );
  }

  /** Ends this instance's follows of the account's devices (it has no feed of them left). */
  private async dropFollows(entry: AccountPush, deviceIds: Iterable<string>): Promise<void> {
    const setKey = feedKeys.pushFollowed(entry.accountId);
    for (const deviceId of deviceIds) {
      const member = `${this.token} ${deviceId}`;
      await this.store.del(feedKeys.pushFollow(entry.accountId, member)).catch(() => false);
      await this.store.removeFromSet(setKey, member).catch(() => undefined);
    }
  }

  /**
   * The devices of the account any instance follows: members (`<instance> <deviceId>`) whose
   * key is still alive; the others (an instance that died) are dropped from the set.
   */
  private async followed(accountId: string): Promise<Set<string>> {
    const setKey = feedKeys.pushFollowed(accountId);
    const members = await this.store.members(setKey);
    const alive = new Set<string>();
    for (const member of members) {
      const deviceId = member.slice(member.indexOf(' ') + 1);
      if (alive.has(deviceId)) continue;
      if ((await this.store.get(feedKeys.pushFollow(accountId, member))) !== null) {
        alive.add(deviceId);
      } else {
        await this.store.removeFromSet(setKey, member);
      }
    }
    return alive;
  }

  /** Says on each watched device's channel whether push covers it now. */
  private announce(entry: AccountPush): void {
    const live = entry.session?.live ?? false;
    for (const [deviceId, pushes] of entry.watched) {
      this.publish(feedKeys.deviceChannel(feedKeys.device(entry.accountId, deviceId)), {
        t: 'cover',
        covered: live && pushes,
      });
    }
  }

  private listener(entry: AccountPush): ThinqPushListener {
    return {
      // From the first message on, even before open() has returned: what the broker queued for
      // the session (and what arrives while it subscribes) comes at once on connect.
      onEvent: (event) => {
        if (!entry.closed) this.deliver(entry, event);
      },
      onLive: () => {
        if (entry.session && !entry.closed) this.announce(entry);
      },
    };
  }

  private deliver(entry: AccountPush, event: ThinqPushEvent): void {
    const device = feedKeys.deviceChannel(feedKeys.device(entry.accountId, event.deviceId));
    switch (event.kind) {
      case 'status':
        this.publish(device, { t: 'push', status: event.status });
        return;
      case 'notification':
        this.publish(device, {
          t: 'notify',
          code: event.code,
          at: new Date(this.clock.now()).toISOString(),
        });
        return;
      case 'deviceRemoved':
        this.publish(device, { t: 'reconcile' });
        this.publish(feedKeys.listChannel(entry.accountId), { t: 'poke' });
        return;
      case 'deviceAdded':
      case 'deviceRenamed':
        this.publish(feedKeys.listChannel(entry.accountId), { t: 'poke' });
        return;
    }
  }

  private async close(entry: AccountPush, gone: Iterable<string>): Promise<void> {
    entry.closed = true;
    clearInterval(entry.timer);
    await this.dropFollows(entry, gone);
    // The holder's session goes, and with it the subscriptions of devices nobody follows now;
    // the others stay for the next holder (it watches them again, renewing them).
    if (entry.session) {
      const followed = await this.followed(entry.accountId).catch(() => new Set<string>());
      for (const deviceId of entry.watched.keys()) {
        if (!followed.has(deviceId)) await entry.session.unwatch(deviceId).catch(() => undefined);
      }
    }
    await this.closeSession(entry);
    await entry.lease.release();
  }

  private async closeSession(entry: AccountPush): Promise<void> {
    const session = entry.session;
    entry.session = undefined;
    entry.watched.clear();
    entry.refusedAt.clear();
    await session?.close().catch(() => undefined);
  }

  private publish(channel: string, message: DeviceMessage | ListMessage): void {
    this.bus.publish(channel, JSON.stringify(message)).catch((error: unknown) => {
      this.logger.warn(`Not published on ${channel}: ${(error as Error).message}`);
    });
  }
}
