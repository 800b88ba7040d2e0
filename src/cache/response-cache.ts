import { Injectable, Logger, Optional } from '@nestjs/common';
import { Principal } from '../common/access/principal';
import { Clock } from '../common/clock';
import { ErrorCode } from '../common/problem/error-code';
import { ProblemException } from '../common/problem/problem.exception';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { NearCache } from '../near-cache/near-cache';
import { KeyValueStore } from '../redis/key-value.store';
import { CacheEntry, etagOf } from './cache-entry';
import { CacheEvent, FlightTarget, Loaded, StoreSingleFlight } from './store-single-flight';
import { isRefusal, refusedForMs } from './upstream-refusal';

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

const DEFAULT_LOCK_TTL_MS = 15_000;
const DEFAULT_REFRESH_WAIT_MS = 1_000;

/** The reason of a STALE answer whose refresh is still running after the wait. */
function refreshPending(): ProblemException {
  return new ProblemException(ErrorCode.UPSTREAM_TIMEOUT, {
    detail: 'The upstream has not answered yet; the cached value was served meanwhile.',
  });
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
  private readonly shared: StoreSingleFlight;
  private readonly refreshWaitMs: number;

  constructor(
    store: KeyValueStore,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
    @Optional() config?: AppConfig,
    @Optional() private readonly near?: NearCache,
  ) {
    const lockTtlMs = config?.cache?.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
    this.shared = new StoreSingleFlight(store, metrics, clock, lockTtlMs);
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
    const target = this.targetOf(policy, principal, key);
    const { storeKey } = target;
    // A fresh entry may answer from this instance's memory (src/near-cache); anything else is read
    // from the store, so the stale windows and the single flight work as they always did.
    // A revalidation reads the store itself: this instance's copy may be older than the store's.
    const entry =
      this.near && !revalidate
        ? await this.near.read(storeKey, () => this.shared.read(target), {
            usable: (found) => this.isFresh(policy, found),
          })
        : await this.shared.read(target);
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
      this.refreshInBackground(policy, target, load, live);
      return this.result(live, 'STALE', policy);
    }
    const flight = this.flight(policy, target, load, live);
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
    const target = this.targetOf(policy, principal, key);
    this.inflight.delete(target.storeKey);
    await this.shared.drop(target);
    await this.near?.invalidate([target.storeKey]);
  }

  /**
   * Stores `value` as just fetched (a pushed status): later reads get it, every instance's
   * copy of the old one is dropped. A load in flight meanwhile may still write its own answer.
   */
  async put(policy: CachePolicy, principal: Principal, key: string, value: unknown): Promise<void> {
    const target = this.targetOf(policy, principal, key);
    await this.shared.put(target, value);
    await this.near?.invalidate([target.storeKey]);
  }

  private isFresh(policy: CachePolicy, entry: CacheEntry | undefined): boolean {
    return entry !== undefined && !entry.x && this.clock.now() - entry.t < policy.freshMs;
  }

  private targetOf(policy: CachePolicy, principal: Principal, key: string): FlightTarget {
    const owner =
      policy.scope === 'shared'
        ? '*'
        : policy.scope === 'account'
          ? '@'
          : encodeURIComponent(principal.sub);
    // A stored value lives through its fresh window and the longer of its stale windows.
    const stale = Math.max(policy.staleWhileRevalidateMs ?? 0, policy.staleIfErrorMs ?? 0);
    return {
      name: policy.name,
      storeKey: `cache:${policy.name}:${owner}:${key}`,
      freshMs: policy.freshMs,
      ttlMs: Math.max(1, policy.freshMs + stale),
    };
  }

  /** prom-client's child per policy and result, made once (labels() costs a lookup per call). */
  private readonly counters = new Map<string, { inc(): void }>();

  private count(policy: CachePolicy, result: CacheEvent) {
    const key = `${policy.name}\n${result}`;
    let counter = this.counters.get(key);
    if (!counter) {
      counter = this.metrics.cacheEvents.labels(policy.name, result);
      this.counters.set(key, counter);
    }
    counter.inc();
  }

  private result<T>(entry: CacheEntry, state: Cached<T>['state'], policy: CachePolicy): Cached<T> {
    const ageSeconds = Math.max(0, Math.floor((this.clock.now() - entry.t) / 1000));
    return { value: entry.v as T, state, ageSeconds, policy, etag: etagOf(entry) };
  }

  private refreshInBackground<T>(
    policy: CachePolicy,
    target: FlightTarget,
    load: () => Promise<T>,
    previous: CacheEntry,
  ): void {
    this.flight(policy, target, load, previous).promise.catch((error: unknown) => {
      this.logger[isRefusal(error) ? 'debug' : 'warn'](
        `${policy.name}: background refresh failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }

  /**
   * One load per key in this process; callers arriving meanwhile share its promise. Across
   * instances, the load goes through the store's single flight.
   */
  private flight<T>(
    policy: CachePolicy,
    target: FlightTarget,
    load: () => Promise<T>,
    previous: CacheEntry | undefined,
  ): Flight {
    const { storeKey } = target;
    const running = this.inflight.get(storeKey);
    if (running) {
      this.count(policy, 'coalesced');
      return running;
    }
    const promise = this.shared.load(target, load, previous).finally(() => {
      if (this.inflight.get(storeKey)?.promise === promise) this.inflight.delete(storeKey);
    });
    const flight = { promise, startedAt: performance.now() };
    this.inflight.set(storeKey, flight);
    return flight;
  }
}
