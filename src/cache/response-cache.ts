import { Injectable, Logger, Optional } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Principal } from '../common/access/principal';
import { Clock } from '../common/clock';
import { ErrorCode } from '../common/problem/error-code';
import { ProblemException } from '../common/problem/problem.exception';
import { weakETag } from '../common/http/etag';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { NearCache } from '../near-cache/near-cache';
import { KeyValueStore } from '../redis/key-value.store';

/** How long a cached answer is good for, and how long it may still stand in when it is not. */
export interface CachePolicy {
  /** Also the metric label and part of the store key: `thinq-status`. */
  name: string;
  /** Served as is (HIT) for this long after it was fetched. */
  freshMs: number;
  /** After `freshMs`, served at once (STALE) while one background call refreshes it. */
  staleWhileRevalidateMs?: number;
  /**
   * After `freshMs`, served (STALE) when the upstream fails or times out. A refusal that says when
   * to come back (429 with Retry-After: a spent call budget) keeps the value, however old, until then.
   */
  staleIfErrorMs?: number;
  /**
   * Inside stale-if-error, how long a read waits for the refresh before it is answered with the
   * cached value (STALE; the refresh carries on). Default CACHE_REFRESH_WAIT_MS.
   */
  refreshWaitMs?: number;
  /**
   * `shared`: the same answer for every caller, fetched with the gateway's own credential
   * (Interwater), so one entry serves everyone. Never for anything read with a user's credential.
   * `account`: the caller's key names the upstream account the value is read with (a digest of
   * its credential), so every session acting for that account shares the entry and nobody else
   * can reach it (a ThinQ device status: one poll serves every viewer of the account).
   * Default `user`: the key includes the principal.
   */
  scope?: 'user' | 'shared' | 'account';
}

export interface Cached<T> {
  value: T;
  /** HIT: fresh from the cache; MISS: waited for an upstream call; STALE: older than fresh. */
  state: 'HIT' | 'MISS' | 'STALE';
  ageSeconds: number;
  policy: CachePolicy;
  /**
   * Why a STALE value stands in for a fresh one: the refresh's error (a ProblemException such as
   * UPSTREAM_QUOTA_EXHAUSTED or UPSTREAM_UNAVAILABLE), or UPSTREAM_TIMEOUT when the refresh had
   * not answered within the wait. Undefined on a plain stale-while-revalidate answer.
   */
  staleReason?: unknown;
  /** Weak ETag of the value, computed once when it was stored (not on every hit). */
  etag: string;
}

/** How one read uses the cache. */
export interface ReadOptions {
  /**
   * Asks the upstream even when the held value is fresh (a client's `Cache-Control: no-cache`).
   * Concurrent revalidations of one key share one call. When the upstream fails or refuses (a
   * spent call budget), a value the read would otherwise have been served (fresh, or inside its
   * stale windows) is served STALE with the reason; with nothing held, the read fails as a miss.
   */
  revalidate?: boolean;
}

/** A load in flight for one key in this process, and when it began (performance.now()). */
interface Flight {
  promise: Promise<Loaded>;
  startedAt: number;
}

/** What the store holds: the value and when it was fetched (epoch ms), or a drop marker. */
interface Entry {
  v?: unknown;
  /** Fetched at. */
  t: number;
  /** Weak ETag of `v` (absent in entries written before ETags). */
  e?: string;
  /** Set on a tombstone left by invalidate(): loads started before it must not write. */
  x?: true;
}

interface Loaded {
  entry: Entry;
}

const POLL_MS = 15;

function parseEntry(raw: string): Entry | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    return isEntry(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isTombstone(raw: string): boolean {
  return parseEntry(raw)?.x === true;
}
const DEFAULT_LOCK_TTL_MS = 15_000;
const DEFAULT_REFRESH_WAIT_MS = 1_000;

/** The reason of a STALE answer whose refresh is still running after the wait. */
function refreshPending(): ProblemException {
  return new ProblemException(ErrorCode.UPSTREAM_TIMEOUT, {
    detail: 'The upstream has not answered yet; the cached value was served meanwhile.',
  });
}

/**
 * A refusal of the client side (a spent quota, a login required) is no upstream failure: logged
 * at debug, so a busy client on a spent budget cannot flood the log.
 */
function isRefusal(error: unknown): boolean {
  return error instanceof ProblemException && error.getStatus() < 500;
}

/**
 * How long an upstream refuses to be asked, when its refusal says so: a 429 with Retry-After (a
 * spent ThinQ call budget, or ThinQ's own quota answer). Such a refusal says nothing against the
 * value already held, and no fresher one can be had before then: the cache keeps serving it.
 */
function refusedForMs(error: unknown): number | undefined {
  if (!(error instanceof ProblemException) || error.getStatus() !== 429) return undefined;
  const seconds = error.retryAfterSeconds;
  return seconds !== undefined ? seconds * 1000 : undefined;
}

/** The promise's value if it settles within `ms`, undefined if not (it keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && typeof (value as Entry).t === 'number';
}

/**
 * A per-user read-through cache on the shared KeyValueStore with fresh, stale-while-revalidate
 * and stale-if-error windows, and single-flight loads: one upstream call per key at a time in
 * this process (a map of promises) and across instances (a short lock in the store; the others
 * poll for the new value). The store failing never fails a request: the upstream is called
 * instead (fail-open), and the failure is counted as `error`.
 *
 * Keys include the principal's `sub` (unless the policy is `shared`: gateway-credential data the
 * same for everyone; or `account`: the key names the upstream account whose credential reads it),
 * so nothing read for one user reaches another who does not hold that credential. Values are
 * stored as JSON: never pass anything holding a credential.
 */
@Injectable()
export class ResponseCache {
  private readonly logger = new Logger('ResponseCache');
  private readonly inflight = new Map<string, Flight>();
  private readonly lockTtlMs: number;
  private readonly refreshWaitMs: number;

  constructor(
    private readonly store: KeyValueStore,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
    @Optional() config?: AppConfig,
    @Optional() private readonly near?: NearCache,
  ) {
    this.lockTtlMs = config?.cache?.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
    this.refreshWaitMs = config?.cache?.refreshWaitMs ?? DEFAULT_REFRESH_WAIT_MS;
  }

  async get<T>(
    policy: CachePolicy,
    principal: Principal,
    key: string,
    load: () => Promise<T>,
    options: ReadOptions = {},
  ): Promise<Cached<T>> {
    const revalidate = options.revalidate === true;
    const storeKey = this.keyOf(policy, principal, key);
    // A fresh entry may answer from this instance's memory (src/near-cache); anything else is read
    // from the store, so the stale windows and the single flight work as they always did.
    // A revalidation reads the store itself: this instance's copy may be older than the store's.
    const entry =
      this.near && !revalidate
        ? await this.near.read(storeKey, () => this.read(policy, storeKey), {
            usable: (found) => this.isFresh(policy, found),
          })
        : await this.read(policy, storeKey);
    const now = this.clock.now();
    const swr = policy.staleWhileRevalidateMs ?? 0;
    const sie = policy.staleIfErrorMs ?? 0;
    const live = entry && !entry.x ? entry : undefined;
    const age = live ? Math.max(0, now - live.t) : 0;

    if (live && age < policy.freshMs && !revalidate) {
      this.count(policy, 'hit');
      return this.result(live, 'HIT', policy);
    }
    if (live && age < policy.freshMs + swr && !revalidate) {
      this.count(policy, 'stale');
      this.refreshInBackground(policy, storeKey, load, live);
      return this.result(live, 'STALE', policy);
    }
    const flight = this.flight(policy, storeKey, load, live);
    // A revalidation may fall back on anything a plain read would have been served.
    const standsIn = age < policy.freshMs + sie || (revalidate && age < policy.freshMs + swr);
    if (!live || !standsIn) {
      try {
        const loaded = (await flight.promise).entry;
        if (revalidate) await this.near?.invalidate([storeKey]);
        return this.result(loaded, 'MISS', policy);
      } catch (error) {
        // Past stale-if-error, only a refusal that says when to come back lets the value stand in.
        if (!live || refusedForMs(error) === undefined) throw error;
        this.count(policy, 'stale');
        return { ...this.result(live, 'STALE', policy), staleReason: error };
      }
    }
    // A usable value is held: never wait long on someone else's refresh (a breaker's half-open
    // probe, a hanging upstream, another instance's lock). Wait at most refreshWaitMs from when
    // the refresh began, then answer with the cached value while the refresh carries on.
    try {
      const waitMs =
        (policy.refreshWaitMs ?? this.refreshWaitMs) - (performance.now() - flight.startedAt);
      const loaded = await within(flight.promise, waitMs);
      if (loaded) {
        // Every instance's copy of the value just replaced is older: drop them.
        if (revalidate) await this.near?.invalidate([storeKey]);
        return this.result(loaded.entry, 'MISS', policy);
      }
      flight.promise.catch(() => undefined);
      this.count(policy, 'stale');
      return { ...this.result(live, 'STALE', policy), staleReason: refreshPending() };
    } catch (error) {
      this.count(policy, 'stale');
      this.logger[isRefusal(error) ? 'debug' : 'warn'](
        `${policy.name}: upstream failed, serving a value ${Math.round(age / 1000)} s old`,
      );
      return { ...this.result(live, 'STALE', policy), staleReason: error };
    }
  }

  /** Drops the cached value (and any load in flight from writing an older one back). */
  async invalidate(policy: CachePolicy, principal: Principal, key: string): Promise<void> {
    const storeKey = this.keyOf(policy, principal, key);
    this.inflight.delete(storeKey);
    const tombstone: Entry = { t: this.clock.now(), x: true };
    try {
      await this.store.set(storeKey, JSON.stringify(tombstone), { ttlMs: this.lockTtlMs });
      await this.store.del(this.lockKey(storeKey));
    } catch (error) {
      this.count(policy, 'error');
      this.logger.warn(`${policy.name}: invalidate failed: ${(error as Error).message}`);
    }
    await this.near?.invalidate([storeKey]);
  }

  private isFresh(policy: CachePolicy, entry: Entry | undefined): boolean {
    return entry !== undefined && !entry.x && this.clock.now() - entry.t < policy.freshMs;
  }

  private keyOf(policy: CachePolicy, principal: Principal, key: string): string {
    const owner =
      policy.scope === 'shared'
        ? '*'
        : policy.scope === 'account'
          ? '@'
          : encodeURIComponent(principal.sub);
    return `cache:${policy.name}:${owner}:${key}`;
  }

  private lockKey(storeKey: string): string {
    return `lock:${storeKey}`;
  }

  private ttlOf(policy: CachePolicy): number {
    const stale = Math.max(policy.staleWhileRevalidateMs ?? 0, policy.staleIfErrorMs ?? 0);
    return Math.max(1, policy.freshMs + stale);
  }

  private count(policy: CachePolicy, result: 'hit' | 'miss' | 'stale' | 'coalesced' | 'error') {
    this.metrics.cacheEvents.labels(policy.name, result).inc();
  }

  private result<T>(entry: Entry, state: Cached<T>['state'], policy: CachePolicy): Cached<T> {
    const ageSeconds = Math.max(0, Math.floor((this.clock.now() - entry.t) / 1000));
    const etag = entry.e ?? weakETag(JSON.stringify(entry.v) ?? '');
    return { value: entry.v as T, state, ageSeconds, policy, etag };
  }

  /** The stored entry; undefined when absent, unreadable, or the store is down (fail-open). */
  private async read(policy: CachePolicy, storeKey: string): Promise<Entry | undefined> {
    let raw: string | null;
    try {
      raw = await this.store.get(storeKey);
    } catch (error) {
      this.count(policy, 'error');
      this.logger.warn(`${policy.name}: store read failed: ${(error as Error).message}`);
      return undefined;
    }
    if (raw === null) return undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      return isEntry(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  private refreshInBackground<T>(
    policy: CachePolicy,
    storeKey: string,
    load: () => Promise<T>,
    previous: Entry,
  ): void {
    this.flight(policy, storeKey, load, previous).promise.catch((error: unknown) => {
      this.logger[isRefusal(error) ? 'debug' : 'warn'](
        `${policy.name}: background refresh failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }

  /** One load per key in this process; callers arriving meanwhile share its promise. */
  private flight<T>(
    policy: CachePolicy,
    storeKey: string,
    load: () => Promise<T>,
    previous: Entry | undefined,
  ): Flight {
    const running = this.inflight.get(storeKey);
    if (running) {
      this.count(policy, 'coalesced');
      return running;
    }
    const promise = this.loadShared(policy, storeKey, load, previous).finally(() => {
      if (this.inflight.get(storeKey)?.promise === promise) this.inflight.delete(storeKey);
    });
    const flight = { promise, startedAt: performance.now() };
    this.inflight.set(storeKey, flight);
    return flight;
  }

  /**
   * One load per key across instances: whoever takes the lock calls the upstream and writes the
   * value; the others poll for a value newer than `previous` until the lock goes away (then
   * they try to take it themselves) or the lock's lifetime has passed.
   */
  private async loadShared<T>(
    policy: CachePolicy,
    storeKey: string,
    load: () => Promise<T>,
    previous: Entry | undefined,
  ): Promise<Loaded> {
    const lockKey = this.lockKey(storeKey);
    const token = randomBytes(12).toString('base64url');
    const deadline = performance.now() + this.lockTtlMs;
    let waited = false;
    for (;;) {
      let locked: boolean;
      try {
        locked = await this.store.set(lockKey, token, { ifAbsent: true, ttlMs: this.lockTtlMs });
      } catch (error) {
        this.count(policy, 'error');
        this.logger.warn(`${policy.name}: lock failed: ${(error as Error).message}`);
        return this.loadAndStore(policy, storeKey, load, undefined, previous);
      }
      if (locked) return this.loadAndStore(policy, storeKey, load, token, previous);
      if (!waited) {
        waited = true;
        this.count(policy, 'coalesced');
      }
      const found = await this.waitForOther(policy, storeKey, lockKey, previous, deadline);
      if (found) return { entry: found };
      if (performance.now() >= deadline)
        return this.loadAndStore(policy, storeKey, load, undefined, previous);
    }
  }

  /** Polls until a newer value appears (returned) or the lock is gone or the deadline passes. */
  private async waitForOther(
    policy: CachePolicy,
    storeKey: string,
    lockKey: string,
    previous: Entry | undefined,
    deadline: number,
  ): Promise<Entry | undefined> {
    while (performance.now() < deadline) {
      await sleep(POLL_MS);
      try {
        const entry = await this.read(policy, storeKey);
        if (entry && !entry.x && (!previous || entry.t > previous.t)) return entry;
        if ((await this.store.get(lockKey)) === null) return undefined;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  private async loadAndStore<T>(
    policy: CachePolicy,
    storeKey: string,
    load: () => Promise<T>,
    lockToken: string | undefined,
    previous: Entry | undefined,
  ): Promise<Loaded> {
    // What the store held when this load started: the write below only lands if it still does,
    // so a load that an invalidate() (or a newer load) overtook never writes an older value.
    let before: string | null | undefined;
    try {
      before = await this.store.get(storeKey);
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
      this.clock.now() - current.t < policy.freshMs
    ) {
      if (lockToken !== undefined) {
        await this.store
          .deleteIfEquals(this.lockKey(storeKey), lockToken)
          .catch(() => this.count(policy, 'error'));
      }
      this.count(policy, 'coalesced');
      return { entry: current };
    }
    this.count(policy, 'miss');
    try {
      const value = await load();
      const entry: Entry = {
        v: value,
        t: this.clock.now(),
        e: weakETag(JSON.stringify(value) ?? ''),
      };
      if (before !== undefined) await this.write(policy, storeKey, entry, before);
      return { entry };
    } catch (error) {
      const refusedMs = refusedForMs(error);
      if (refusedMs !== undefined && current && !current.x && typeof before === 'string') {
        await this.keep(policy, storeKey, before, current, refusedMs);
      }
      throw error;
    } finally {
      if (lockToken !== undefined) {
        await this.store
          .deleteIfEquals(this.lockKey(storeKey), lockToken)
          .catch(() => this.count(policy, 'error'));
      }
    }
  }

  /**
   * Keeps the held value in the store while the upstream refuses to be asked (never shortening
   * its life), unless something replaced it meanwhile.
   */
  private async keep(
    policy: CachePolicy,
    storeKey: string,
    raw: string,
    entry: Entry,
    refusedMs: number,
  ): Promise<void> {
    const leftMs = entry.t + this.ttlOf(policy) - this.clock.now();
    if (refusedMs <= leftMs) return;
    try {
      await this.store.replaceIfEquals(storeKey, raw, raw, refusedMs);
    } catch (error) {
      this.count(policy, 'error');
      this.logger.warn(`${policy.name}: store write failed: ${(error as Error).message}`);
    }
  }

  /** Compare-and-set against the value seen when the load started. */
  private async write(
    policy: CachePolicy,
    storeKey: string,
    entry: Entry,
    before: string | null,
  ): Promise<void> {
    const json = JSON.stringify(entry);
    const ttlMs = this.ttlOf(policy);
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
      this.count(policy, 'error');
      this.logger.warn(`${policy.name}: store write failed: ${(error as Error).message}`);
    }
  }
}
