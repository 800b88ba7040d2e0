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
 * The poll lease of a feed, held by at most one instance: taken with SET NX PX, renewed with a
 * compare-and-set on this instance's token, released only by its holder. Not DistributedLock:
 * that one holds a key for the length of one call and waits for it; this one is tried once a
 * tick, without waiting, and held from tick to tick while the feed has watchers.
 */
export class FeedLease {
  holding = false;

  constructor(
    private readonly store: KeyValueStore,
    readonly key: string,
    /** This instance's lease token. */
    private readonly token: string,
    readonly ttlMs: number,
  ) {}

  /** Takes or renews the lease; true while this instance holds it. */
  async hold(): Promise<boolean> {
    try {
      if (this.holding) {
        this.holding = await this.store.replaceIfEquals(
          this.key,
          this.token,
          this.token,
          this.ttlMs,
        );
      } else {
        this.holding = await this.store.set(this.key, this.token, {
          ifAbsent: true,
          ttlMs: this.ttlMs,
        });
      }
    } catch {
      this.holding = false;
    }
    return this.holding;
  }

  /** Lets the lease go, if this instance holds it. */
  async release(): Promise<void> {
    if (!this.holding) return;
    this.holding = false;
    await this.store.deleteIfEquals(this.key, this.token).catch(() => undefined);
  }
}
