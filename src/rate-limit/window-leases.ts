import { LRUCache } from 'lru-cache';
import { KeyValueStore } from '../redis/key-value.store';

/** Share of a limit one instance takes from Redis at a time. */
export const LEASE_SHARE = 0.05;
/** Largest lease, so that a huge limit still syncs now and then. */
export const MAX_LEASE = 1000;

/** Requests one instance may admit per Redis round trip: 5 % of the limit (1 for small limits). */
export function leaseSize(limit: number): number {
  return Math.max(1, Math.min(MAX_LEASE, Math.floor(limit * LEASE_SHARE)));
}

/** What one instance holds of one counter's current window. */
interface Lease {
  /** Admissions taken from Redis and not used yet. */
  left: number;
  /** The window's count in Redis after the last lease (every instance's leases included). */
  count: number;
  /** Date.now() at which the window ends (measured from before the lease was asked). */
  endsAt: number;
  /** Redis had fewer than a full lease left: nothing more in this window. */
  exhausted: boolean;
}

export interface Admission {
  admitted: boolean;
  /** Admissions left in the window, as far as this instance can tell. */
  remaining: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

/**
 * A fixed-window limit counted in Redis, without a Redis round trip per request: each instance
 * takes admissions from the shared counter a lease at a time (one INCRBY of `leaseSize(limit)`),
 * spends them locally, and asks for the next lease when they run out. Redis grants at most the
 * limit in a window, whatever the number of instances, so the limit is never exceeded; an
 * instance that stops seeing a client keeps the rest of its lease unused until the window ends,
 * so a client that moves between N instances may be refused up to (N - 1) x (lease - 1)
 * requests early (with the 5 % lease: 5 % of the limit per other instance). Once Redis says the
 * window is used up, this instance refuses locally until the window ends.
 *
 * Written here rather than taken from a library: the limiters for Nest (@nestjs/throttler and
 * its Redis storages) count one Redis command per request, and the point is not to.
 */
export class WindowLeases {
  private readonly leases = new LRUCache<string, Lease>({ max: 20_000 });
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly store: KeyValueStore) {}

  /**
   * Takes one admission of the counter `key` (named `storeKey()` in Redis) under `limit` per
   * `windowMs`. Throws StoreUnavailableError when a lease is needed and Redis cannot be reached.
   */
  async take(
    key: string,
    storeKey: () => string,
    limit: number,
    windowMs: number,
  ): Promise<Admission> {
    // Each round either grants admissions or finds the window used up, so a window takes at most
    // limit / lease rounds; the bound only guards against a store that misbehaves.
    const rounds = Math.ceil(limit / leaseSize(limit)) + 2;
    for (let attempt = 0; attempt < rounds; attempt++) {
      const lease = this.leases.get(key);
      const now = Date.now();
      if (lease && lease.endsAt > now) {
        if (lease.left > 0) {
          lease.left -= 1;
          return {
            admitted: true,
            remaining: Math.max(0, limit - lease.count + lease.left),
            resetMs: lease.endsAt - now,
          };
        }
        if (lease.exhausted) return { admitted: false, remaining: 0, resetMs: lease.endsAt - now };
      }
      // None left here (concurrent requests may have taken a new lease's admissions first).
      await this.renew(key, storeKey, limit, windowMs);
    }
    return { admitted: false, remaining: 0, resetMs: windowMs };
  }

  /** One lease request per key at a time; concurrent requests wait for it and share it. */
  private renew(
    key: string,
    storeKey: () => string,
    limit: number,
    windowMs: number,
  ): Promise<void> {
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.lease(key, storeKey(), limit, windowMs).finally(() =>
        this.pending.delete(key),
      );
      this.pending.set(key, pending);
    }
    return pending;
  }

  private async lease(
    key: string,
    storeKey: string,
    limit: number,
    windowMs: number,
  ): Promise<void> {
    const size = leaseSize(limit);
    const askedAt = Date.now();
    const { count, ttlMs } = await this.store.increment(storeKey, windowMs, size);
    const before = count - size;
    const granted = Math.max(0, Math.min(size, limit - before));
    this.leases.set(key, {
      left: granted,
      count: Math.min(count, limit),
      endsAt: askedAt + ttlMs,
      exhausted: granted < size || count >= limit,
    });
  }
}
