import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Counter } from 'prom-client';
import { backgroundContext } from '../../common/context/request-context';
import { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../../metrics/metrics.service';
import { MessageBus, Unsubscribe } from '../../near-cache/message-bus';
import { KeyValueStore } from '../../redis/key-value.store';
import { ThinqBudget } from '../../upstreams/thinq/thinq-budget';
import { ThinqAccount } from '../../upstreams/thinq/thinq.client';
import { ApplianceDto } from '../appliances/appliance.dto';
import { AppliancesService, thinqAccountId } from '../appliances/appliances.service';
import {
  appendEvent,
  applyEvent,
  DeviceErrorData,
  eventsAfter,
  FeedEvent,
  FeedEventType,
  FeedRecord,
  FeedView,
  newFeedRecord,
  parseFeedRecord,
  QuotaState,
} from './feed-record';
import { diffStatus, StatusDocument } from './status-diff';

const HOUR_MS = 60 * 60 * 1000;
/**
 * Polls are paced so that they never spend the account's read budget by themselves: a device is
 * polled at most every HOUR / (PACE x reads left), never more often than APPLIANCE_EVENTS_POLL_MS.
 * With a full budget that is the poll interval; as the budget runs low the polls space out (one
 * device settles at about 4/5 of the reads, leaving the rest to everything else).
 */
const PACE = 4;
/** Removed devices a list feed remembers, for clients that come back after the removal. */
const REMEMBERED_REMOVALS = 50;

/** Who follows a device: an open stream, on this instance. */
export interface DeviceWatcher {
  /** A caller whose link may poll the device (every watcher of a feed holds the same account). */
  readonly principal: Principal;
  readonly account: ThinqAccount;
  /** The device's next event, in order. */
  deviceEvent(deviceId: string, event: FeedEvent, feed: DeviceFeed): void;
  /** The feed caught up or jumped (after a gap, or its first sync): compare and catch up. */
  deviceSynced(deviceId: string, feed: DeviceFeed): void;
  /** The account's call budget, as the device's poller last saw it. */
  quota(state: QuotaState): void;
  /** ThinQ no longer takes the account's token: nothing more can be read. */
  accountEnded(problem: ProblemException): void;
}

/** Who follows an account's appliance list (streams of all its devices). */
export interface ListWatcher {
  readonly principal: Principal;
  readonly account: ThinqAccount;
  /** The account's devices as the list poll found them: add what is new, drop what is gone. */
  listed(devices: ApplianceDto[]): void;
}

/** What a list feed keeps in Redis. */
interface ListRecord {
  ids: string[];
  removed: { deviceId: string; at: number }[];
  at: number;
}

/** Messages on a device's channel. */
type DeviceMessage =
  | { t: 'event'; event: FeedEvent }
  | { t: 'quota'; quota: QuotaState }
  | { t: 'poke' }
  | { t: 'end'; problem: DeviceErrorData };

/** The whole list, after every list poll: each stream reconciles its devices with it. */
type ListMessage = { t: 'list'; devices: ApplianceDto[] };

/** The poll lease of a feed, held by at most one instance. */
interface Lease {
  key: string;
  holding: boolean;
  ttlMs: number;
}

/** What a device feed and a list feed share: their channel, lease and polling state. */
abstract class FeedBase {
  timer?: NodeJS.Timeout;
  unsubscribe?: Promise<Unsubscribe>;
  ticking = false;
  again = false;
  nextPollAt = 0;
  closed = false;

  constructor(
    readonly accountId: string,
    readonly channel: string,
    readonly lease: Lease,
  ) {}
}

/**
 * One device as this instance follows it, for its local streams: the last event number and the
 * view after it, the recent events (to catch a stream up), and, on the one instance holding its
 * lease, the authoritative record it polls into.
 */
export class DeviceFeed extends FeedBase {
  readonly watchers = new Set<DeviceWatcher>();
  seq?: number;
  view: FeedView = {};
  quota?: QuotaState;
  recent: FeedEvent[] = [];
  /** While the record is read after a gap: messages wait here, in order. */
  resyncing?: Promise<void>;
  pending: FeedEvent[] = [];
  /** The poller's copy (lease holder only), and the stored text it was read or written as. */
  record?: FeedRecord;
  stored?: string | null;

  constructor(
    readonly key: string,
    accountId: string,
    readonly deviceId: string,
    channel: string,
    lease: Lease,
  ) {
    super(accountId, channel, lease);
  }

  get synced(): boolean {
    return this.seq !== undefined;
  }

  /** The events after `seq` this instance still holds; undefined when it cannot say. */
  eventsAfter(seq: number): FeedEvent[] | undefined {
    if (this.seq === undefined || seq > this.seq) return undefined;
    if (seq === this.seq) return [];
    const first = this.recent[0];
    if (!first || first.seq > seq + 1) return undefined;
    return this.recent.filter((event) => event.seq > seq);
  }
}

class ListFeed extends FeedBase {
  readonly watchers = new Set<ListWatcher>();
  /** What the first watcher saw, when no instance has written the list yet. */
  baseline?: string[];
}

function isQuota(error: unknown): boolean {
  return error instanceof ProblemException && error.code === ErrorCode.UPSTREAM_QUOTA_EXHAUSTED;
}

/** What ThinQ said of the device or account, as opposed to ThinQ failing (5xx, timeouts). */
function isDefinite(reason: unknown): reason is ProblemException {
  return (
    reason instanceof ProblemException &&
    reason.getStatus() < 500 &&
    reason.code !== ErrorCode.UPSTREAM_QUOTA_EXHAUSTED
  );
}

function retryAfterOf(problem: unknown): number | undefined {
  return problem instanceof ProblemException ? problem.retryAfterSeconds : undefined;
}

function problemData(problem: ProblemException): DeviceErrorData {
  return { code: problem.code, status: problem.getStatus(), detail: problem.detail };
}

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
 * - **The budget.** Polls pace themselves on the account's remaining read budget (PACE above);
 *   when it is spent, the status cache answers the last value with the reason, and the feed says
 *   so once (`quota`), keeping the last values, until a poll gets through again.
 * - **Gaps.** pub/sub may lose messages (a dropped subscriber connection, MessageBus): a message
 *   out of sequence, or the bus coming back, makes the feed read the device's record and replay
 *   what it missed (or jump to the record's view); streams then catch up the same way.
 * - After a command (AppliancesService.onCommand), the device's channel carries a poke: the
 *   poller polls at once, so every stream sees the change within one ThinQ call.
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
  private closing = false;

  constructor(
    private readonly store: KeyValueStore,
    private readonly bus: MessageBus,
    private readonly appliances: AppliancesService,
    private readonly budget: ThinqBudget,
    private readonly clock: Clock,
    config: AppConfig,
    metrics: MetricsService,
  ) {
    this.settings = config.applianceEvents;
    this.polls = new Counter({
      name: 'junction_appliance_event_polls_total',
      help: 'Polls of watched appliances by result (event, unchanged, quota, error, lost_lease)',
      labelNames: ['result'] as const,
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    this.bus.onLiveChange((live) => {
      if (!live) return;
      for (const feed of this.devices.values()) void this.resync(feed);
    });
    this.appliances.onCommand(({ account, deviceId }) => {
      const channel = this.deviceChannel(thinqAccountId(account), deviceId);
      this.publish(channel, { t: 'poke' });
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
    const key = `${accountId}/${deviceId}`;
    let feed = this.devices.get(key);
    if (!feed || feed.closed) {
      feed = new DeviceFeed(key, accountId, deviceId, this.deviceChannel(accountId, deviceId), {
        key: `appliance-events:lease:${key}`,
        holding: false,
        ttlMs: Math.max(3 * this.settings.pollMs, 3000),
      });
      this.devices.set(key, feed);
      feed.watchers.add(watcher);
      this.start(feed, this.settings.pollMs, (message) => this.onDeviceMessage(feed!, message));
      void this.resync(feed);
    }
    feed.watchers.add(watcher);
    await feed.unsubscribe;
    return feed;
  }

  unwatchDevice(watcher: DeviceWatcher, deviceId: string): void {
    const key = `${thinqAccountId(watcher.account)}/${deviceId}`;
    const feed = this.devices.get(key);
    if (!feed?.watchers.delete(watcher) || feed.watchers.size > 0) return;
    this.devices.delete(key);
    void this.close(feed);
  }

  /** This instance's feed of the device, if it follows it. */
  feedOf(account: ThinqAccount, deviceId: string): DeviceFeed | undefined {
    return this.devices.get(`${thinqAccountId(account)}/${deviceId}`);
  }

  /** The device's record as Redis holds it (for a stream that comes back with Last-Event-ID). */
  async deviceRecord(account: ThinqAccount, deviceId: string): Promise<FeedRecord | undefined> {
    const key = `${thinqAccountId(account)}/${deviceId}`;
    try {
      return parseFeedRecord(await this.store.get(this.recordKey(key)));
    } catch {
      return undefined;
    }
  }

  /** Devices removed from the account lately (a stream coming back names them by tag only). */
  async removedDevices(account: ThinqAccount): Promise<string[]> {
    try {
      const raw = await this.store.get(this.listRecordKey(thinqAccountId(account)));
      const record = raw ? (JSON.parse(raw) as ListRecord) : undefined;
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
      feed = new ListFeed(accountId, `appliance-events:list:${accountId}`, {
        key: `appliance-events:lease:list:${accountId}`,
        holding: false,
        ttlMs: 30_000,
      });
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

  private deviceChannel(accountId: string, deviceId: string): string {
    return `appliance-events:${accountId}/${deviceId}`;
  }

  private recordKey(key: string): string {
    return `appliance-events:record:${key}`;
  }

  private listRecordKey(accountId: string): string {
    return `appliance-events:record:list:${accountId}`;
  }

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
    const tick = feed instanceof DeviceFeed ? this.tickDevice(feed) : this.tickList(feed);
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
    if (feed.lease.holding) {
      feed.lease.holding = false;
      await this.store.deleteIfEquals(feed.lease.key, this.token).catch(() => undefined);
    }
  }

  /** Takes or renews the lease; true while this instance holds it. */
  private async holdLease(lease: Lease): Promise<boolean> {
    try {
      if (lease.holding) {
        lease.holding = await this.store.replaceIfEquals(
          lease.key,
          this.token,
          this.token,
          lease.ttlMs,
        );
      } else {
        lease.holding = await this.store.set(lease.key, this.token, {
          ifAbsent: true,
          ttlMs: lease.ttlMs,
        });
      }
    } catch {
      lease.holding = false;
    }
    return lease.holding;
  }

  private publish(channel: string, message: DeviceMessage | ListMessage): void {
    this.bus.publish(channel, JSON.stringify(message)).catch((error: unknown) => {
      this.logger.warn(`Not published on ${channel}: ${(error as Error).message}`);
    });
  }

  // ---- device: the poller side --------------------------------------------------------------

  private async tickDevice(feed: DeviceFeed): Promise<void> {
    if (feed.watchers.size === 0) return;
    if (!(await this.holdLease(feed.lease))) {
      feed.record = undefined;
      if (!feed.synced) await this.resync(feed);
      return;
    }
    // Just taken (or lost a write): continue from the record, whoever wrote it last.
    if (!feed.record) {
      const stored = await this.store.get(this.recordKey(feed.key));
      feed.stored = stored;
      feed.record = parseFeedRecord(stored) ?? newFeedRecord(this.clock.now());
      feed.nextPollAt = 0;
    }
    if (this.clock.now() < feed.nextPollAt) return;
    await this.poll(feed);
  }

  private async poll(feed: DeviceFeed): Promise<void> {
    const watcher = feed.watchers.values().next().value;
    const record = feed.record;
    if (!watcher || !record) return;
    const now = this.clock.now();
    let quota: QuotaState | undefined;
    let change: { type: FeedEventType; data: FeedEvent['data'] } | undefined;
    let ended: ProblemException | undefined;
    try {
      const left = await this.budget.remaining(watcher.account, 'read');
      feed.nextPollAt =
        now + Math.max(this.settings.pollMs, HOUR_MS / (PACE * Math.max(1, left.remaining)));
    } catch {
      feed.nextPollAt = now + this.settings.pollMs;
    }
    try {
      const cached = await this.appliances.pollStatus(
        backgroundContext(watcher.principal.sub),
        watcher.principal,
        watcher.account,
        feed.deviceId,
        Math.max(1, Math.floor(this.settings.pollMs / 2)),
      );
      // A definite answer about the device (gone, offline, the login ended) counts as one even
      // when the cache stands in with the last value; a failing or slow ThinQ does not.
      if (isDefinite(cached.staleReason)) throw cached.staleReason;
      if (isQuota(cached.staleReason)) {
        quota = { exhausted: true, retryAfterSeconds: retryAfterOf(cached.staleReason) };
      } else if (cached.state !== 'STALE') quota = { exhausted: false };
      change = this.changeOf(record, cached.value);
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      if (isQuota(error)) {
        quota = { exhausted: true, retryAfterSeconds: retryAfterOf(error) };
      } else if (error.code === ErrorCode.DEVICE_NOT_FOUND) {
        if (!record.removed) change = { type: 'device-removed', data: {} };
      } else if (
        error.code === ErrorCode.UPSTREAM_LOGIN_REQUIRED ||
        error.code === ErrorCode.ACCOUNT_NOT_LINKED
      ) {
        ended = error;
      } else if (record.error?.code !== error.code) {
        change = { type: 'device-error', data: problemData(error) };
      }
    }
    if (quota?.exhausted && quota.retryAfterSeconds) {
      feed.nextPollAt = Math.max(feed.nextPollAt, now + quota.retryAfterSeconds * 1000);
    }
    if (ended) {
      this.polls.labels('error').inc();
      this.publish(feed.channel, { t: 'end', problem: problemData(ended) });
      return;
    }
    const quotaChanged =
      quota !== undefined && (record.quota?.exhausted ?? false) !== quota.exhausted;
    this.polls.labels(change ? 'event' : quota?.exhausted ? 'quota' : 'unchanged').inc();
    // Nothing new: the record is rewritten only now and then, to keep it alive in Redis.
    if (!change && !quotaChanged && now - record.at < this.settings.historyMs / 4) return;
    const next = change
      ? appendEvent(record, change.type, change.data, this.settings.historySize, now)
      : { record: { ...record, at: now }, event: undefined };
    if (quota) next.record.quota = quota;
    if (!(await this.writeRecord(feed, next.record))) {
      this.polls.labels('lost_lease').inc();
      return;
    }
    if (next.event) this.publish(feed.channel, { t: 'event', event: next.event });
    if (quotaChanged && quota) this.publish(feed.channel, { t: 'quota', quota });
  }

  /** The event a new status makes: none, the changes, or a snapshot. */
  private changeOf(
    record: FeedRecord,
    status: StatusDocument,
  ): { type: FeedEventType; data: FeedEvent['data'] } | undefined {
    if (!record.state || record.error || record.removed) return { type: 'snapshot', data: status };
    const changes = diffStatus(record.state, status);
    if (!changes) return { type: 'snapshot', data: status };
    return Object.keys(changes).length > 0 ? { type: 'status', data: changes } : undefined;
  }

  /** Compare-and-set against what this poller read or wrote last; false when someone else wrote. */
  private async writeRecord(feed: DeviceFeed, record: FeedRecord): Promise<boolean> {
    const json = JSON.stringify(record);
    const key = this.recordKey(feed.key);
    const ttlMs = this.settings.historyMs;
    let written: boolean;
    try {
      written =
        feed.stored === null || feed.stored === undefined
          ? await this.store.set(key, json, { ifAbsent: true, ttlMs })
          : await this.store.replaceIfEquals(key, feed.stored, json, ttlMs);
    } catch (error) {
      this.logger.warn(`${feed.channel}: history not written: ${(error as Error).message}`);
      return false;
    }
    if (written) {
      feed.record = record;
      feed.stored = json;
    } else {
      // Another poller wrote meanwhile (this instance lost its lease for a while): read it again.
      feed.record = undefined;
    }
    return written;
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
        this.receive(feed, message.event);
        return;
      case 'quota':
        feed.quota = message.quota;
        for (const watcher of feed.watchers) watcher.quota(message.quota);
        return;
      case 'poke':
        if (feed.lease.holding) {
          feed.nextPollAt = 0;
          this.schedule(feed);
        }
        return;
      case 'end': {
        const problem = new ProblemException(message.problem.code as ErrorCode, {
          detail: message.problem.detail,
          status: message.problem.status,
        });
        for (const watcher of [...feed.watchers]) watcher.accountEnded(problem);
        return;
      }
    }
  }

  private receive(feed: DeviceFeed, event: FeedEvent): void {
    if (feed.resyncing) {
      feed.pending.push(event);
      return;
    }
    if (feed.seq === undefined) {
      if (event.type === 'snapshot') this.advance(feed, event);
      else void this.resync(feed);
      return;
    }
    if (event.seq <= feed.seq) return;
    if (event.seq === feed.seq + 1) this.advance(feed, event);
    else void this.resync(feed);
  }

  /** One more event: the view moves on and every local stream gets it. */
  private advance(feed: DeviceFeed, event: FeedEvent): void {
    const first = feed.seq === undefined;
    feed.seq = event.seq;
    feed.view = applyEvent(feed.view, event);
    feed.recent.push(event);
    if (feed.recent.length > this.settings.historySize) feed.recent.shift();
    for (const watcher of [...feed.watchers]) {
      if (first) watcher.deviceSynced(feed.deviceId, feed);
      else watcher.deviceEvent(feed.deviceId, event, feed);
    }
  }

  /** Reads the device's record and catches up from it (one at a time; messages wait meanwhile). */
  private resync(feed: DeviceFeed): Promise<void> {
    if (feed.resyncing) return feed.resyncing;
    feed.resyncing = (async () => {
      let record: FeedRecord | undefined;
      try {
        record = parseFeedRecord(await this.store.get(this.recordKey(feed.key)));
      } catch {
        record = undefined;
      }
      if (!record || feed.closed || (feed.seq !== undefined && record.seq <= feed.seq)) return;
      const missed = feed.seq === undefined ? undefined : eventsAfter(record, feed.seq);
      if (missed) {
        for (const event of missed) this.advance(feed, event);
      } else {
        feed.seq = record.seq;
        feed.view = { state: record.state, error: record.error, removed: record.removed };
        feed.recent = [...record.history];
        for (const watcher of [...feed.watchers]) watcher.deviceSynced(feed.deviceId, feed);
      }
      if (record.quota && record.quota.exhausted !== feed.quota?.exhausted) {
        feed.quota = record.quota;
        for (const watcher of [...feed.watchers]) watcher.quota(record.quota);
      }
    })().finally(() => {
      feed.resyncing = undefined;
      const pending = feed.pending;
      feed.pending = [];
      for (const event of pending) this.receive(feed, event);
    });
    return feed.resyncing;
  }

  // ---- list feeds ---------------------------------------------------------------------------

  private async tickList(feed: ListFeed): Promise<void> {
    if (feed.watchers.size === 0) return;
    if (!(await this.holdLease(feed.lease))) return;
    if (this.clock.now() < feed.nextPollAt) return;
    feed.nextPollAt = this.clock.now() + this.settings.listPollMs;
    const watcher = feed.watchers.values().next().value;
    if (!watcher) return;
    let devices: ApplianceDto[];
    try {
      devices = (
        await this.appliances.pollList(
          backgroundContext(watcher.principal.sub),
          watcher.principal,
          Math.max(1, Math.floor(this.settings.listPollMs / 2)),
        )
      ).value;
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      return;
    }
    const key = this.listRecordKey(feed.accountId);
    const stored = await this.store.get(key);
    let record: ListRecord | undefined;
    try {
      record = stored ? (JSON.parse(stored) as ListRecord) : undefined;
    } catch {
      record = undefined;
    }
    const now = this.clock.now();
    const ids = devices.map((device) => device.deviceId);
    const known = new Set(record?.ids ?? feed.baseline ?? ids);
    const current = new Set(ids);
    const removed = [...known].filter((id) => !current.has(id));
    const next: ListRecord = {
      ids,
      removed: [
        ...(record?.removed ?? []).filter((entry) => !current.has(entry.deviceId)),
        ...removed.map((deviceId) => ({ deviceId, at: now })),
      ].slice(-REMEMBERED_REMOVALS),
      at: now,
    };
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
    if (message.t !== 'list' || !Array.isArray(message.devices)) return;
    for (const watcher of [...feed.watchers]) watcher.listed(message.devices);
  }
}
