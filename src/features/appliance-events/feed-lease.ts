import { DistributedLock, Lease } from '../../redis/distributed-lock';
import { KeyValueStore } from '../../redis/key-value.store';

/**
 * A device feed's lease lives three poll intervals (at least 3 s): renewed every interval while
 * its holder lives, it moves to another watching instance at most that long after the holder dies.
 */
export function deviceLeaseTtlMs(pollMs: number): number {
  return Math.max(3 * pollMs, 3000);
}

/** A list feed's lease: the list is polled far less often than a device. */
export const LIST_LEASE_TTL_MS = 30_000;

/**
 * The poll lease of a feed, held by at most one instance: a DistributedLock lease on this
 * instance's token, tried once a tick without waiting (taken, or renewed while held) and held
 * from tick to tick while the feed has watchers. A store failure counts as not holding it.
 */
export class FeedLease {
  holding = false;
  private readonly lock: DistributedLock;
  private readonly lease: Lease;

  constructor(
    store: KeyValueStore,
    readonly key: string,
    /** This instance's lease token. */
    token: string,
    readonly ttlMs: number,
  ) {
    this.lock = new DistributedLock(store);
    this.lease = this.lock.lease(key, token);
  }

  /** Takes or renews the lease; true while this instance holds it. */
  async hold(): Promise<boolean> {
    try {
      this.holding = this.holding
        ? await this.lock.renew(this.lease, this.ttlMs)
        : await this.lock.take(this.lease, this.ttlMs);
    } catch {
      this.holding = false;
    }
    return this.holding;
  }

  /** Lets the lease go, if this instance holds it. */
  async release(): Promise<void> {
    if (!this.holding) return;
    this.holding = false;
    await this.lock.release(this.lease).catch(() => undefined);
  }
}
