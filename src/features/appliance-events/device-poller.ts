import { Logger } from '@nestjs/common';
import { Counter } from 'prom-client';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { KeyValueStore } from '../../redis/key-value.store';
import { ThinqBudget } from '../../upstreams/thinq/thinq-budget';
import { AppliancesService } from '../appliances/appliances.service';
import { changeOfReading, FeedChange } from './device-change';
import { DeviceFanOut } from './device-fan-out';
import { DeviceReading, readDeviceStatus } from './device-status-poll';
import { deviceLeaseTtlMs } from './feed-lease';
import { problemData } from './feed-problems';
import { appendEvent, FeedRecord, newFeedRecord, parseFeedRecord } from './feed-record';
import { DeviceFeed, DeviceMessage, feedKeys } from './feed-state';
import { afterRetryAfter, isPollDue, nextDevicePollAt, pollMaxAgeMs } from './poll-pacing';
import { applyStatus } from './status-diff';

/** The `result` label of junction_appliance_event_polls_total. */
export type PollResult =
  | 'event'
  | 'unchanged'
  | 'quota'
  | 'error'
  | 'lost_lease'
  /** A pushed status or notification taken in as a reading: no ThinQ call. */
  | 'pushed'
  /** A poll the interval would have made, skipped because push covers the device. */
  | 'avoided';

/**
 * The poller side of a device feed, on the one instance holding its lease: a tick reads the
 * device's status (or takes in what ThinQ pushed), numbers the change, writes the device's record
 * in Redis (compare-and-set) and publishes the event on the device's channel.
 *
 * With push (push-sessions.ts): while the account's session is live and the device watched, a
 * `cover` message says so, renewed every push tick; the poller then takes pushed statuses as its
 * readings (merged into the last status, a `status` event with only what changed, the status
 * cache refreshed) and does not poll on the interval: at most one safety read every
 * APPLIANCE_EVENTS_PUSH_SAFETY_POLL_MS (push may lose a message), and one read when coverage
 * starts or ends (what changed while the channel switched). Not covered (push off, not live, the
 * device not reportable, the session holder gone for three ticks): it polls as before.
 */
export class DevicePoller {
  private readonly logger = new Logger('ApplianceFeeds');
  private readonly settings: AppConfig['applianceEvents'];
  /** How long one `cover` message covers the device (three push ticks). */
  readonly coverTtlMs: number;

  constructor(
    private readonly store: KeyValueStore,
    private readonly appliances: AppliancesService,
    private readonly budget: ThinqBudget,
    private readonly clock: Clock,
    private readonly fanOut: DeviceFanOut,
    private readonly polls: Counter<'result'>,
    private readonly publish: (channel: string, message: DeviceMessage) => void,
    config: AppConfig,
  ) {
    this.settings = config.applianceEvents;
    this.coverTtlMs = deviceLeaseTtlMs(this.settings.pollMs);
  }

  /** Whether push covers the device now (a `cover` message within its lifetime). */
  covered(feed: DeviceFeed): boolean {
    return feed.coveredUntil > this.clock.now();
  }

  /** A `cover` message: coverage renewed, started or ended (a change reads the device once). */
  cover(feed: DeviceFeed, covered: boolean): boolean {
    const was = this.covered(feed);
    feed.coveredUntil = covered ? this.clock.now() + this.coverTtlMs : 0;
    if (was !== covered) feed.mustPoll = true;
    return was !== covered;
  }

  async tick(feed: DeviceFeed): Promise<void> {
    if (feed.watchers.size === 0) return;
    if (!(await feed.lease.hold())) {
      feed.record = undefined;
      feed.pushed = [];
      if (!feed.synced) await this.fanOut.resync(feed);
      return;
    }
    // Just taken (or lost a write): continue from the record, whoever wrote it last.
    if (!feed.record) {
      const stored = await this.store.get(feedKeys.deviceRecord(feed.key));
      feed.stored = stored;
      feed.record = parseFeedRecord(stored) ?? newFeedRecord(this.clock.now());
      feed.nextPollAt = 0;
    }
    await this.takePushed(feed);
    const now = this.clock.now();
    if (feed.mustPoll || !this.covered(feed)) {
      if (feed.mustPoll || isPollDue(now, feed.nextPollAt, this.settings.pollMs))
        await this.poll(feed);
      return;
    }
    const safetyMs = this.settings.pushSafetyPollMs;
    if (safetyMs > 0 && now >= feed.lastPolledAt + safetyMs) {
      await this.poll(feed);
    } else if (isPollDue(now, feed.nextPollAt, this.settings.pollMs)) {
      this.polls.labels('avoided').inc();
      feed.nextPollAt = now + this.settings.pollMs;
    }
  }

  /** What ThinQ pushed since the last tick, in order, each one a reading. */
  private async takePushed(feed: DeviceFeed): Promise<void> {
    while (feed.pushed.length > 0 && feed.record) {
      const item = feed.pushed.shift()!;
      const record = feed.record;
      if (item.t === 'notify') {
        const data = { code: item.code, at: item.at };
        await this.commit(feed, { type: 'notification', data }, undefined, 'pushed');
        continue;
      }
      // A part of a status merges only into a status: without one (none yet, an error, gone),
      // read the whole status instead.
      if (!record.state || record.error || record.removed) {
        feed.mustPoll = true;
        continue;
      }
      const status = applyStatus(record.state, item.status);
      const { change } = changeOfReading(record, { status });
      if (await this.commit(feed, change, undefined, 'pushed')) {
        const watcher = feed.watchers.values().next().value;
        if (watcher && change) {
          await this.appliances
            .storePushedStatus(watcher.principal, watcher.account, feed.deviceId, status)
            .catch(() => undefined);
        }
      }
    }
  }

  private async poll(feed: DeviceFeed): Promise<void> {
    const watcher = feed.watchers.values().next().value;
    const record = feed.record;
    if (!watcher || !record) return;
    const now = this.clock.now();
    feed.mustPoll = false;
    feed.lastPolledAt = now;
    try {
      const left = await this.budget.remaining(watcher.account, 'read');
      feed.nextPollAt = nextDevicePollAt(now, this.settings.pollMs, left.remaining);
    } catch {
      feed.nextPollAt = now + this.settings.pollMs;
    }
    const reading: DeviceReading = await readDeviceStatus(
      this.appliances,
      watcher,
      feed.deviceId,
      pollMaxAgeMs(this.settings.pollMs),
    );
    const quota = reading.quota;
    const { change, ended } = changeOfReading(record, reading);
    if (quota?.exhausted) {
      feed.nextPollAt = afterRetryAfter(feed.nextPollAt, now, quota.retryAfterSeconds);
    }
    if (ended) {
      this.polls.labels('error').inc();
      this.publish(feed.channel, { t: 'end', problem: problemData(ended) });
      return;
    }
    const label = change ? 'event' : quota?.exhausted ? 'quota' : 'unchanged';
    await this.commit(feed, change, quota, label);
  }

  /**
   * Numbers the change (if any) into the record, writes it and publishes the event; false when
   * another poller wrote meanwhile. Without a change, the record is rewritten only now and then,
   * to keep it alive in Redis.
   */
  private async commit(
    feed: DeviceFeed,
    change: FeedChange | undefined,
    quota: DeviceReading['quota'],
    label: PollResult,
  ): Promise<boolean> {
    const record = feed.record!;
    const now = this.clock.now();
    const quotaChanged =
      quota !== undefined && (record.quota?.exhausted ?? false) !== quota.exhausted;
    this.polls.labels(label).inc();
    if (!change && !quotaChanged && now - record.at < this.settings.historyMs / 4) return true;
    const next = change
      ? appendEvent(record, change.type, change.data, this.settings.historySize, now)
      : { record: { ...record, at: now }, event: undefined };
    if (quota) next.record.quota = quota;
    if (!(await this.writeRecord(feed, next.record))) {
      this.polls.labels('lost_lease').inc();
      return false;
    }
    if (next.event) this.publish(feed.channel, { t: 'event', event: next.event });
    if (quotaChanged && quota) this.publish(feed.channel, { t: 'quota', quota });
    return true;
  }

  /** Compare-and-set against what this poller read or wrote last; false when someone else wrote. */
  private async writeRecord(feed: DeviceFeed, record: FeedRecord): Promise<boolean> {
    const json = JSON.stringify(record);
    const key = feedKeys.deviceRecord(feed.key);
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
}
