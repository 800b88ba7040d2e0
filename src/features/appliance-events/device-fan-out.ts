import { ProblemException } from '../../common/problem/problem.exception';
import { KeyValueStore } from '../../redis/key-value.store';
import {
  applyEvent,
  eventsAfter,
  FeedEvent,
  FeedRecord,
  parseFeedRecord,
  QuotaState,
} from './feed-record';
import { DeviceFeed, feedKeys } from './feed-state';

/**
 * The follower side of a device feed, on every instance with streams on it (the poller too):
 * events heard on the device's channel move the feed's view on, in order, and reach every local
 * stream; a gap (an event out of sequence, the bus coming back) reads the device's record in
 * Redis and replays what was missed, or jumps to the record's view. It does not care where the
 * events came from.
 */
export class DeviceFanOut {
  constructor(
    private readonly store: KeyValueStore,
    /** Events a feed keeps to catch a stream up (APPLIANCE_EVENTS_HISTORY_SIZE). */
    private readonly historySize: number,
  ) {}

  receive(feed: DeviceFeed, event: FeedEvent): void {
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

  quota(feed: DeviceFeed, quota: QuotaState): void {
    feed.quota = quota;
    for (const watcher of feed.watchers) watcher.quota(quota);
  }

  accountEnded(feed: DeviceFeed, problem: ProblemException): void {
    for (const watcher of [...feed.watchers]) watcher.accountEnded(problem);
  }

  /** Reads the device's record and catches up from it (one at a time; messages wait meanwhile). */
  resync(feed: DeviceFeed): Promise<void> {
    if (feed.resyncing) return feed.resyncing;
    feed.resyncing = (async () => {
      let record: FeedRecord | undefined;
      try {
        record = parseFeedRecord(await this.store.get(feedKeys.deviceRecord(feed.key)));
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

  /** One more event: the view moves on and every local stream gets it. */
  private advance(feed: DeviceFeed, event: FeedEvent): void {
    const first = feed.seq === undefined;
    feed.seq = event.seq;
    feed.view = applyEvent(feed.view, event);
    feed.recent.push(event);
    if (feed.recent.length > this.historySize) feed.recent.shift();
    for (const watcher of [...feed.watchers]) {
      if (first) watcher.deviceSynced(feed.deviceId, feed);
      else watcher.deviceEvent(feed.deviceId, event, feed);
    }
  }
}
