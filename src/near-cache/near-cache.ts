import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { MessageBus } from './message-bus';

/** The channel every instance hears invalidations on. */
export const INVALIDATION_CHANNEL = 'near-cache:invalidate';

interface Remembered {
  value: unknown;
  /** performance.now() when the load that produced it started. */
  at: number;
}

interface Invalidation {
  /** The instance that sent it (it has applied it already). */
  from: string;
  keys: string[];
  /** Epoch ms when it was sent, for the delay metric. */
  sentAt: number;
}

export interface NearReadOptions<T> {
  /**
   * Whether a value may answer from memory (and be kept there): a cache entry only while it is
   * fresh, for instance. Default: any value.
   */
  usable?: (value: T) => boolean;
}

/** About 32 MB of values (measured as JSON text), one value at most 1 MB. */
const MAX_SIZE = 32 * 1024 * 1024;
const MAX_ENTRY_SIZE = 1024 * 1024;

function sizeOf(remembered: Remembered): number {
  const value = remembered.value;
  if (value === null || typeof value !== 'object') return 16;
  return 16 + (JSON.stringify(value)?.length ?? 0);
}

/**
 * What this instance remembers of Redis, so that a warm request asks Redis nothing: session
 * validity, opened links, fresh cache entries. Keys are the Redis keys the values were read from.
 *
 * Coherence, in this one place:
 * - whoever changes a key in Redis calls `invalidate()` after the change; every instance drops the
 *   key (this one at once, the others on the pub/sub message, within milliseconds);
 * - a remembered value answers for at most `NEAR_CACHE_MAX_AGE_MS` after Redis gave it, so a lost
 *   message delays an invalidation by at most that long;
 * - while the bus is not live (its subscriber connection dropped, or the store's connection is
 *   down), nothing is remembered or answered from memory, and everything remembered is dropped
 *   when that starts and again when it ends: Redis is asked every time, so its outage shows
 *   exactly as it did before there was a near-cache;
 * - a load that an invalidation (or a bus gap) overtook still answers its own caller, but is not
 *   remembered, and later readers do not wait for it.
 * Concurrent reads of a key that is not remembered share one load.
 */
@Injectable()
export class NearCache implements OnModuleInit {
  private readonly logger = new Logger('NearCache');
  private readonly entries: LRUCache<string, Remembered>;
  private readonly loading = new Map<string, Promise<unknown>>();
  /** Moves on every invalidation and gap: loads that started before must not be remembered. */
  private epoch = 0;
  private readonly id = randomBytes(9).toString('base64url');
  private readonly maxAgeMs: number;
  private readonly hits;
  private readonly loads;
  private readonly invalidations;
  private readonly flushes;
  private readonly publishFailures;
  private readonly changeListeners: ((keys: readonly string[] | undefined) => void)[] = [];

  constructor(
    private readonly bus: MessageBus,
    config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.maxAgeMs = config.nearCache.maxAgeMs;
    this.entries = new LRUCache<string, Remembered>({
      max: config.nearCache.maxEntries,
      maxSize: MAX_SIZE,
      maxEntrySize: MAX_ENTRY_SIZE,
      sizeCalculation: sizeOf,
    });
    const events = metrics.nearCacheEvents;
    this.hits = events.labels('hit');
    this.loads = events.labels('load');
    this.invalidations = events.labels('invalidation');
    this.flushes = events.labels('flush');
    this.publishFailures = events.labels('publish_failed');
  }

  get enabled(): boolean {
    return this.maxAgeMs > 0;
  }

  async onModuleInit(): Promise<void> {
    // Whichever way `live` changes, what is remembered may have missed messages: drop it.
    this.bus.onLiveChange(() => this.flush());
    await this.bus.subscribe(INVALIDATION_CHANNEL, (message) => this.receive(message));
  }

  /**
   * Tells `listener` about every invalidation this instance applies (its own and the others'),
   * with the keys, and about every flush (undefined: anything may have changed), for holders of
   * long-lived state that must react at once, such as an open event stream whose session ended.
   */
  onInvalidate(listener: (keys: readonly string[] | undefined) => void): void {
    this.changeListeners.push(listener);
  }

  /** The value of `key`: from memory when this instance may answer from there, else `load()`. */
  read<T>(key: string, load: () => Promise<T>, options?: NearReadOptions<T>): Promise<T> {
    if (this.maxAgeMs === 0 || !this.bus.live) return load();
    const usable = options?.usable;
    const known = this.entries.get(key);
    if (
      known !== undefined &&
      performance.now() - known.at < this.maxAgeMs &&
      (usable === undefined || usable(known.value as T))
    ) {
      this.hits.inc();
      return Promise.resolve(known.value as T);
    }
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const epoch = this.epoch;
    const at = performance.now();
    this.loads.inc();
    const promise: Promise<T> = load().then(
      (value) => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
        if (epoch === this.epoch && this.bus.live && (usable === undefined || usable(value))) {
          this.entries.set(key, { value, at });
        }
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  /**
   * Drops `keys` here at once and on every other instance (one pub/sub message). Call it after
   * the change in Redis, so an instance that reads again sees the new state. A message that cannot
   * be sent is logged and counted, not thrown: the change itself is done, and the other instances
   * stop answering the old value within NEAR_CACHE_MAX_AGE_MS anyway.
   */
  async invalidate(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    this.drop(keys);
    const message: Invalidation = { from: this.id, keys, sentAt: Date.now() };
    try {
      await this.bus.publish(INVALIDATION_CHANNEL, JSON.stringify(message));
    } catch (error) {
      this.publishFailures.inc();
      this.logger.warn(
        `Invalidation of ${keys.length} key(s) not sent (the other instances drop them within ${this.maxAgeMs} ms): ${(error as Error).message}`,
      );
    }
  }

  private receive(raw: string): void {
    let message: Invalidation;
    try {
      message = JSON.parse(raw) as Invalidation;
    } catch {
      return;
    }
    if (message.from === this.id || !Array.isArray(message.keys)) return;
    this.drop(message.keys);
    if (typeof message.sentAt === 'number') {
      this.metrics.nearCacheInvalidationDelay.observe(
        Math.max(0, Date.now() - message.sentAt) / 1000,
      );
    }
  }

  private drop(keys: string[]): void {
    this.epoch += 1;
    for (const key of keys) {
      this.entries.delete(key);
      this.loading.delete(key);
    }
    this.invalidations.inc(keys.length);
    for (const listener of this.changeListeners) listener(keys);
  }

  private flush(): void {
    this.epoch += 1;
    this.entries.clear();
    this.loading.clear();
    this.flushes.inc();
    for (const listener of this.changeListeners) listener(undefined);
  }
}
