import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { KeyValueStore } from './key-value.store';

export interface LockOptions {
  /** How long the lock lives if its holder dies. */
  ttlMs: number;
  /** How long to keep trying before giving up. */
  waitMs: number;
  /** Pause between attempts. */
  pollMs?: number;
}

/** A lease on one key of the store: only the holder of `token` releases it. */
export interface Lease {
  key: string;
  token: string;
}

/**
 * A lease in the shared store (SET NX PX, released only by its holder). `runExclusive` gives
 * "exactly one instance does this; the others wait and then see its result" in the caller's hands:
 * `ready()` is asked before every attempt, so a waiter that finds the work done returns at once.
 * `lease`, `take`, `renew`, `holder` and `release` are its steps, for a caller that waits its own
 * way (the response cache polls for the value rather than for the lease, and fails open) or holds
 * a lease across calls (a feed's poll lease, taken once and renewed every tick). They return the
 * store's own promise (no extra await), so a caller's timing is the same as calling the store.
 */
@Injectable()
export class DistributedLock {
  constructor(private readonly store: KeyValueStore) {}

  async runExclusive<T>(
    key: string,
    options: LockOptions,
    ready: () => Promise<T | undefined>,
    work: () => Promise<T>,
  ): Promise<T> {
    const deadline = Date.now() + options.waitMs;
    const lease = this.lease(key);
    for (;;) {
      const done = await ready();
      if (done !== undefined) return done;
      if (await this.take(lease, options.ttlMs)) {
        try {
          const again = await ready();
          return again !== undefined ? again : await work();
        } finally {
          await this.release(lease).catch(() => undefined);
        }
      }
      if (Date.now() >= deadline) throw new LockTimeoutError(key);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 20));
    }
  }

  /**
   * A lease on `key`, not taken yet, with a token of its own or the one given (an instance that
   * holds many leases may name itself by one token).
   */
  lease(key: string, token: string = randomBytes(12).toString('base64url')): Lease {
    return { key, token };
  }

  /** One attempt to take the lease: false while someone else holds the key. */
  take(lease: Lease, ttlMs: number): Promise<boolean> {
    return this.store.set(lease.key, lease.token, { ttlMs, ifAbsent: true });
  }

  /**
   * Extends a held lease to `ttlMs` from now, only while it is still this holder's (compare-and-set
   * on the token): false once it has expired, been taken by another, or been broken.
   */
  renew(lease: Lease, ttlMs: number): Promise<boolean> {
    return this.store.replaceIfEquals(lease.key, lease.token, lease.token, ttlMs);
  }

  /** The token of whoever holds the lease on `key`, or null while nobody does. */
  holder(key: string): Promise<string | null> {
    return this.store.get(key);
  }

  /** Releases the lease if it is still this holder's (it may have expired and been taken). */
  release(lease: Lease): Promise<boolean> {
    return this.store.deleteIfEquals(lease.key, lease.token);
  }

  /** Drops the lease on `key` whoever holds it (their release then finds nothing to release). */
  breakLease(key: string): Promise<boolean> {
    return this.store.del(key);
  }
}

export class LockTimeoutError extends Error {
  constructor(key: string) {
    super(`Timed out waiting for lock ${key}`);
    this.name = 'LockTimeoutError';
  }
}
