export interface SetOptions {
  /** Expire after this many milliseconds. */
  ttlMs?: number;
  /** Only set when the key does not exist (NX). */
  ifAbsent?: boolean;
}

export interface WindowCount {
  count: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

/** A sliding-log window: how many entries the last `windowMs` hold, after a take. */
export interface WindowTake {
  /** The entry was added (the window held fewer than `limit`). */
  taken: boolean;
  /** Entries in the window now (after the take, when taken). */
  count: number;
  /** Milliseconds until the window holds fewer than `limit` entries again; 0 while it does. */
  retryAfterMs: number;
}

// Defined in src/common, which maps it to 503 STORE_UNAVAILABLE without importing the store.
export { StoreUnavailableError } from '../common/store-unavailable.error';

/**
 * The shared state of every gateway instance (sessions, upstream tokens, cache, locks, counters).
 * Implemented on Redis (single node or cluster) and, for the sandbox only, in memory.
 * Keys are plain strings; the implementation adds the configured prefix. Every operation is
 * atomic on one key, so the same code holds on a Redis Cluster.
 */
export abstract class KeyValueStore {
  abstract readonly kind: 'redis' | 'cluster' | 'memory';
  abstract get(key: string): Promise<string | null>;
  abstract set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  abstract del(key: string): Promise<boolean>;
  /** Deletes the key only while it still holds `expected` (lock release, one-time tokens). */
  abstract deleteIfEquals(key: string, expected: string): Promise<boolean>;
  /** Replaces the value only while it still holds `expected` (compare-and-swap). */
  abstract replaceIfEquals(
    key: string,
    expected: string,
    next: string,
    ttlMs?: number,
  ): Promise<boolean>;
  /** Adds `by` (default 1) to a counter whose window starts with its first increment and lasts `windowMs`. */
  abstract increment(key: string, windowMs: number, by?: number): Promise<WindowCount>;
  /**
   * A sliding log (a sorted set of timestamps): drops entries older than `windowMs` before `now`,
   * then adds one at `now` if fewer than `limit` remain and `take` is set. One atomic step, so
   * concurrent takers on every instance never pass `limit` together. `take: false` only looks.
   */
  abstract takeFromWindow(
    key: string,
    window: { now: number; windowMs: number; limit: number; take: boolean },
  ): Promise<WindowTake>;
  /** Remaining lifetime in ms; -1 without expiry, -2 when absent. */
  abstract ttl(key: string): Promise<number>;
  abstract addToSet(key: string, member: string, ttlMs?: number): Promise<void>;
  abstract removeFromSet(key: string, member: string): Promise<void>;
  abstract members(key: string): Promise<string[]>;
  /** Resolves when the store answers within `timeoutMs`, rejects otherwise. */
  abstract ping(timeoutMs?: number): Promise<void>;
  abstract close(): Promise<void>;
}
