import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Clock } from '../common/clock';
import { MetricsService } from '../metrics/metrics.service';
import { DistributedLock, Lease } from '../redis/distributed-lock';
import { KeyValueStore } from '../redis/key-value.store';
import { CacheEntry, freshEntry, isTombstone, parseEntry, tombstone } from './cache-entry';
import { refusedForMs } from './upstream-refusal';

/** The `result` label of the cache's metric. */
export type CacheEvent = 'hit' | 'miss' | 'stale' | 'coalesced' | 'error';

/** One cached value in the store, as the load through the store needs to know it. */
export interface FlightTarget {
  /** The policy's name: the metric label and the log prefix. */
  name: string;
  storeKey: string;
  /** A stored value younger than this is fresh: a load that finds one takes it. */
  freshMs: number;
  /** How long a stored value lives: fresh plus the longer stale window. */
  ttlMs: number;
}

export interface Loaded {
  entry: CacheEntry;
}

const POLL_MS = 15;

/**
 * The cache's entries in the shared store, and one load per key across instances: whoever takes
 * a short lock in the store calls the upstream and writes the value; the others poll for it.
 * The store failing never fails a load: the upstream is called instead (fail-open), and the
 * failure is counted as `error`.
 */
export class StoreSingleFlight {
  private readonly logger = new Logger('ResponseCache');
  /** The lease lives in the same store as the entries it guards. */
  private readonly lock: DistributedLock;

  constructor(
    private readonly store: KeyValueStore,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
    private readonly lockTtlMs: number,
  ) {
    this.lock = new DistributedLock(store);
  }

  /** The stored entry; undefined when absent, unreadable, or the store is down (fail-open). */
  async read(target: FlightTarget): Promise<CacheEntry | undefined> {
    let raw: string | null;
    try {
      raw = await this.store.get(target.storeKey);
    } catch (error) {
      this.count(target, 'error');
      this.logger.warn(`${target.name}: store read failed: ${(error as Error).message}`);
      return undefined;
    }
    return raw === null ? undefined : parseEntry(raw);
  }

  /** Leaves a tombstone (loads in flight must not write an older value back) and frees the lock. */
  async drop(target: FlightTarget): Promise<void> {
    try {
      await this.store.set(target.storeKey, JSON.stringify(tombstone(this.clock.now())), {
        ttlMs: this.lockTtlMs,
      });
      await this.lock.breakLease(lockKeyOf(target.storeKey));
    } catch (error) {
      this.count(target, 'error');
      this.logger.warn(`${target.name}: invalidate failed: ${(error as Error).message}`);
    }
  }

  /** Stores a value read some other way (ThinQ pushed it) as fresh now, whatever was held. */
  async put(target: FlightTarget, value: unknown): Promise<CacheEntry> {
    const entry = freshEntry(value, this.clock.now());
    try {
      await this.store.set(target.storeKey, JSON.stringify(entry), { ttlMs: target.ttlMs });
    } catch (error) {
      this.count(target, 'error');
      this.logger.warn(`${target.name}: store write failed: ${(error as Error).message}`);
    }
    return entry;
  }

  /**
   * One load per key across instances: whoever takes the lock calls the upstream and writes the
   * value; the others poll for a value newer than `previous` until the lock goes away (then
   * they try to take it themselves) or the lock's lifetime has passed.
   */
  async load<T>(
    target: FlightTarget,
    load: () => Promise<T>,
    previous: CacheEntry | undefined,
  ): Promise<Loaded> {
    const lockKey = lockKeyOf(target.storeKey);
    const lease = this.lock.lease(lockKey);
    const deadline = performance.now() + this.lockTtlMs;
    let waited = false;
    for (;;) {
      let locked: boolean;
      try {
        locked = await this.lock.take(lease, this.lockTtlMs);
      } catch (error) {
        this.count(target, 'error');
        this.logger.warn(`${target.name}: lock failed: ${(error as Error).message}`);
        return this.loadAndStore(target, load, undefined, previous);
      }
      if (locked) return this.loadAndStore(target, load, lease, previous);
      if (!waited) {
        waited = true;
        this.count(target, 'coalesced');
      }
      const found = await this.waitForOther(target, lockKey, previous, deadline);
      if (found) return { entry: found };
      if (performance.now() >= deadline)
        return this.loadAndStore(target, load, undefined, previous);
    }
  }

  /** Polls until a newer value appears (returned) or the lock is gone or the deadline passes. */
  private async waitForOther(
    target: FlightTarget,
    lockKey: string,
    previous: CacheEntry | undefined,
    deadline: number,
  ): Promise<CacheEntry | undefined> {
    while (performance.now() < deadline) {
      await sleep(POLL_MS);
      try {
        const entry = await this.read(target);
        if (entry && !entry.x && (!previous || entry.t > previous.t)) return entry;
        if ((await this.lock.holder(lockKey)) === null) return undefined;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  private async loadAndStore<T>(
    target: FlightTarget,
    load: () => Promise<T>,
    lease: Lease | undefined,
    previous: CacheEntry | undefined,
  ): Promise<Loaded> {
    // What the store held when this load started: the write below only lands if it still does,
    // so a load that an invalidate() (or a newer load) overtook never writes an older value.
    let before: string | null | undefined;
    try {
      before = await this.store.get(target.storeKey);
    } catch {
      before = undefined;
    }
    // Double-check: a load that finished between this caller's read and its lock (here or on
    // another instance) already stored a fresh value; take it instead of calling again.
    const current = typeof before === 'string' ? parseEntry(before) : undefined;
    if (
      current &&
      !current.x &&
      (!previous || current.t > previous.t) &&
      this.clock.now() - current.t < target.freshMs
    ) {
      if (lease) await this.unlock(target, lease);
      this.count(target, 'coalesced');
      return { entry: current };
    }
    this.count(target, 'miss');
    try {
      const entry = freshEntry(await load(), this.clock.now());
      if (before !== undefined) await this.write(target, entry, before);
      return { entry };
    } catch (error) {
      const refusedMs = refusedForMs(error);
      if (refusedMs !== undefined && current && !current.x && typeof before === 'string') {
        await this.keep(target, before, current, refusedMs);
      }
      throw error;
    } finally {
      if (lease) await this.unlock(target, lease);
    }
  }

  /** Releases the lock only while this load still holds it. */
  private async unlock(target: FlightTarget, lease: Lease): Promise<void> {
    await this.lock.release(lease).catch(() => this.count(target, 'error'));
  }

  /**
   * Keeps the held value in the store while the upstream refuses to be asked (never shortening
   * its life), unless something replaced it meanwhile.
   */
  private async keep(
    target: FlightTarget,
    raw: string,
    entry: CacheEntry,
    refusedMs: number,
  ): Promise<void> {
    const leftMs = entry.t + target.ttlMs - this.clock.now();
    if (refusedMs <= leftMs) return;
    try {
      await this.store.replaceIfEquals(target.storeKey, raw, raw, refusedMs);
    } catch (error) {
      this.count(target, 'error');
      this.logger.warn(`${target.name}: store write failed: ${(error as Error).message}`);
    }
  }

  /** Compare-and-set against the value seen when the load started. */
  private async write(
    target: FlightTarget,
    entry: CacheEntry,
    before: string | null,
  ): Promise<void> {
    const json = JSON.stringify(entry);
    const { storeKey, ttlMs } = target;
    try {
      if (before === null) {
        await this.store.set(storeKey, json, { ifAbsent: true, ttlMs });
        return;
      }
      const replaced = await this.store.replaceIfEquals(storeKey, before, json, ttlMs);
      // The old value merely expired meanwhile (a drop leaves a tombstone instead): store anew.
      if (!replaced && !isTombstone(before)) {
        await this.store.set(storeKey, json, { ifAbsent: true, ttlMs });
      }
    } catch (error) {
      this.count(target, 'error');
      this.logger.warn(`${target.name}: store write failed: ${(error as Error).message}`);
    }
  }

  private count(target: FlightTarget, result: CacheEvent): void {
    this.metrics.cacheEvents.labels(target.name, result).inc();
  }
}

function lockKeyOf(storeKey: string): string {
  return `lock:${storeKey}`;
}
