import { Principal } from '../../common/access/principal';
import { ProblemException } from '../../common/problem/problem.exception';
import { Unsubscribe } from '../../near-cache/message-bus';
import { ThinqAccount } from '../../upstreams/thinq/thinq.client';
import { ApplianceDto } from '../appliances/appliance.dto';
import { FeedLease } from './feed-lease';
import { DeviceErrorData, FeedEvent, FeedRecord, FeedView, QuotaState } from './feed-record';
import { StatusDocument } from './status-diff';

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

/** Messages on a device's channel. */
export type DeviceMessage =
  | { t: 'event'; event: FeedEvent }
  | { t: 'quota'; quota: QuotaState }
  | { t: 'poke' }
  | { t: 'end'; problem: DeviceErrorData }
  /** ThinQ pushed a status: only what changed, for the poller to merge (push-sessions.ts). */
  | { t: 'push'; status: StatusDocument }
  /** ThinQ pushed a notification of the device (a finished cycle...), by its code. */
  | { t: 'notify'; code: string; at: string }
  /**
   * Whether push covers the device now (the account's session live, the device watched);
   * renewed every push tick, and taken as not covered once not renewed for three.
   */
  | { t: 'cover'; covered: boolean }
  /** Read the device now, push or not (ThinQ said it left the account). */
  | { t: 'reconcile' };

/** What waits for the poller to take it in, in order (pushed statuses and notifications). */
export type PushedItem = Extract<DeviceMessage, { t: 'push' } | { t: 'notify' }>;

/**
 * The whole list, after every list poll: each stream reconciles its devices with it. `poke`:
 * ThinQ pushed a change of the list, so its poller reads it at once.
 */
export type ListMessage = { t: 'list'; devices: ApplianceDto[] } | { t: 'poke' };

/** Where a feed lives in Redis and on the message bus. */
export const feedKeys = {
  /** A device feed's key: the ThinQ account and the device. */
  device: (accountId: string, deviceId: string) => `${accountId}/${deviceId}`,
  deviceChannel: (key: string) => `appliance-events:${key}`,
  deviceLease: (key: string) => `appliance-events:lease:${key}`,
  deviceRecord: (key: string) => `appliance-events:record:${key}`,
  listChannel: (accountId: string) => `appliance-events:list:${accountId}`,
  listLease: (accountId: string) => `appliance-events:lease:list:${accountId}`,
  listRecord: (accountId: string) => `appliance-events:record:list:${accountId}`,
  /** The account's push session: held by one instance (FeedLease). */
  pushLease: (accountId: string) => `appliance-events:lease:push:${accountId}`,
  /** Who follows which device of the account: members `<instance token> <deviceId>`. */
  pushFollowed: (accountId: string) => `appliance-events:push:followed:${accountId}`,
  /** One member of pushFollowed, alive while its instance renews it (a TTL of three ticks). */
  pushFollow: (accountId: string, member: string) =>
    `appliance-events:push:follow:${accountId}:${member.replace(' ', '/')}`,
};

/** What a device feed and a list feed share: their channel, lease and polling state. */
export abstract class FeedBase {
  timer?: NodeJS.Timeout;
  unsubscribe?: Promise<Unsubscribe>;
  ticking = false;
  again = false;
  nextPollAt = 0;
  closed = false;

  constructor(
    readonly accountId: string,
    readonly channel: string,
    readonly lease: FeedLease,
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
  /** Until when push covers the device (local clock; 0: not covered), from `cover` messages. */
  coveredUntil = 0;
  /** When the poller last read the device (the safety poll under push counts from it). */
  lastPolledAt = 0;
  /** The next tick reads the device whatever push covers (coverage changed, a gap). */
  mustPoll = false;
  /** Pushed items the poller has yet to take in (lease holder only). */
  pushed: PushedItem[] = [];

  constructor(
    readonly key: string,
    accountId: string,
    readonly deviceId: string,
    channel: string,
    lease: FeedLease,
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

export class ListFeed extends FeedBase {
  readonly watchers = new Set<ListWatcher>();
  /** ThinQ pushed a list change: the next tick reads the list past the cache. */
  poked = false;
  /** What the first watcher saw, when no instance has written the list yet. */
  baseline?: string[];
}
