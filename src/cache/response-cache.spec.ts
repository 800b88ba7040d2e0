import { Principal } from '../common/access/principal';
import { Clock } from '../common/clock';
import { ErrorCode } from '../common/problem/error-code';
import { ProblemException } from '../common/problem/problem.exception';
import { weakETag } from '../common/http/etag';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { KeyValueStore, StoreUnavailableError } from '../redis/key-value.store';
import { MemoryKeyValueStore } from '../redis/memory-key-value.store';
import { staleWarning } from './cache-headers';
import { CachePolicy, ResponseCache } from './response-cache';

class FakeClock extends Clock {
  t = 1_700_000_000_000;
  override now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

const userA: Principal = { kind: 'user', sub: 'lux:1', sid: 's1', scopes: [], jti: 'j1', exp: 0 };
const userB: Principal = { kind: 'user', sub: 'lux:2', sid: 's2', scopes: [], jti: 'j2', exp: 0 };

const policy: CachePolicy = {
  name: 'test-status',
  freshMs: 5_000,
  staleWhileRevalidateMs: 10_000,
  staleIfErrorMs: 60_000,
};

const config = { cache: { lockTtlMs: 2_000 } } as AppConfig;

describe('ResponseCache', () => {
  let clock: FakeClock;
  let store: MemoryKeyValueStore;
  let metrics: MetricsService;
  let cache: ResponseCache;

  const events = async (result: string): Promise<number> => {
    const metric = await metrics.cacheEvents.get();
    return metric.values
      .filter((v) => v.labels.result === result && v.labels.cache === policy.name)
      .reduce((sum, v) => sum + v.value, 0);
  };

  beforeEach(() => {
    clock = new FakeClock();
    store = new MemoryKeyValueStore(() => clock.now());
    metrics = new MetricsService();
    cache = new ResponseCache(store, metrics, clock, config);
  });
  afterEach(() => store.close());

  it('misses once, then hits while fresh, with the age in whole seconds', async () => {
    const load = jest.fn().mockResolvedValue({ power: 'ON' });
    const first = await cache.get(policy, userA, 'dev1', load);
    expect(first).toMatchObject({ value: { power: 'ON' }, state: 'MISS', ageSeconds: 0 });
    clock.advance(3_400);
    const second = await cache.get(policy, userA, 'dev1', load);
    expect(second).toMatchObject({ value: { power: 'ON' }, state: 'HIT', ageSeconds: 3 });
    expect(load).toHaveBeenCalledTimes(1);
    expect(await events('miss')).toBe(1);
    expect(await events('hit')).toBe(1);
  });

  it('never shares a value between users', async () => {
    await cache.get(policy, userA, 'dev1', () => Promise.resolve('A'));
    const b = await cache.get(policy, userB, 'dev1', () => Promise.resolve('B'));
    expect(b).toMatchObject({ value: 'B', state: 'MISS' });
    const a = await cache.get(policy, userA, 'dev1', () => Promise.resolve('X'));
    expect(a).toMatchObject({ value: 'A', state: 'HIT' });
  });

  it('serves stale at once after the fresh window and refreshes once in the background', async () => {
    await cache.get(policy, userA, 'dev1', () => Promise.resolve(1));
    clock.advance(6_000);
    const refresh = deferred<number>();
    const load = jest.fn(() => refresh.promise);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => cache.get(policy, userA, 'dev1', load)),
    );
    expect(results.every((r) => r.state === 'STALE' && r.value === 1 && r.ageSeconds === 6)).toBe(
      true,
    );
    expect(load).toHaveBeenCalledTimes(1);
    refresh.resolve(2);
    await flush();
    await flush();
    const after = await cache.get(policy, userA, 'dev1', load);
    expect(after).toMatchObject({ value: 2, state: 'HIT', ageSeconds: 0 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a failing background refresh is logged, never an unhandled rejection', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      await cache.get(policy, userA, 'dev1', () => Promise.resolve(1));
      clock.advance(6_000);
      const stale = await cache.get(policy, userA, 'dev1', () =>
        Promise.reject(new Error('upstream down')),
      );
      expect(stale.state).toBe('STALE');
      await flush();
      await flush();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('serves the last good value when the upstream fails within stale-if-error, then fails', async () => {
    await cache.get(policy, userA, 'dev1', () => Promise.resolve('good'));
    clock.advance(30_000); // past fresh + SWR, inside stale-if-error
    const failing = () => Promise.reject(new Error('boom'));
    const stale = await cache.get(policy, userA, 'dev1', failing);
    expect(stale).toMatchObject({ value: 'good', state: 'STALE', ageSeconds: 30 });
    clock.advance(40_000); // 70 s: past fresh + stale-if-error
    await expect(cache.get(policy, userA, 'dev1', failing)).rejects.toThrow('boom');
  });

  it('says why a stale value stands in: the refresh\u2019s problem, with its Retry-After', async () => {
    await cache.get(policy, userA, 'dev1', () => Promise.resolve('good'));
    clock.advance(30_000);
    const spent = new ProblemException(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED, {
      detail: 'spent',
      headers: { 'retry-after': '1200' },
    });
    const stale = await cache.get(policy, userA, 'dev1', () => Promise.reject(spent));
    expect(stale).toMatchObject({ value: 'good', state: 'STALE', staleReason: spent });
    expect(staleWarning(stale)).toEqual({
      code: 'UPSTREAM_QUOTA_EXHAUSTED',
      detail: 'spent',
      retryAfterSeconds: 1200,
    });
  });

  it('a refusal that says when to come back (a spent quota) keeps the last value until then', async () => {
    await cache.get(policy, userA, 'dev1', () => Promise.resolve('good'));
    clock.advance(30_000);
    const spent = new ProblemException(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED, {
      detail: 'spent',
      headers: { 'retry-after': '1200' },
    });
    const refuse = () => Promise.reject(spent);
    expect(await cache.get(policy, userA, 'dev1', refuse)).toMatchObject({ state: 'STALE' });
    // Kept in the store until the Retry-After, not only fresh + stale-if-error (65 s).
    expect(await store.ttl('cache:test-status:lux%3A1:dev1')).toBe(1_200_000);
    clock.advance(600_000); // 630 s old: far past stale-if-error
    expect(await cache.get(policy, userA, 'dev1', refuse)).toMatchObject({
      value: 'good',
      state: 'STALE',
      ageSeconds: 630,
      staleReason: spent,
    });
    // Past stale-if-error, any other failure is still the caller's answer.
    await expect(
      cache.get(policy, userA, 'dev1', () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    // Nothing cached for another key: the refusal itself is the answer.
    await expect(cache.get(policy, userA, 'dev2', refuse)).rejects.toBe(spent);
  });

  it('with a usable stale value, waits at most refreshWaitMs, then serves it while the refresh goes on', async () => {
    const waiting: CachePolicy = { ...policy, refreshWaitMs: 50 };
    await cache.get(waiting, userA, 'dev1', () => Promise.resolve('old'));
    clock.advance(30_000); // past fresh + SWR: a read wants the refresh, inside stale-if-error
    const refresh = deferred<string>();
    const load = jest.fn(() => refresh.promise);
    const first = await cache.get(waiting, userA, 'dev1', load);
    expect(first).toMatchObject({ value: 'old', state: 'STALE' });
    expect(staleWarning(first)?.code).toBe('UPSTREAM_TIMEOUT');
    // The refresh began more than refreshWaitMs ago: the next read does not wait for it again.
    const started = performance.now();
    const second = await cache.get(waiting, userA, 'dev1', load);
    expect(second.state).toBe('STALE');
    expect(performance.now() - started).toBeLessThan(40);
    expect(load).toHaveBeenCalledTimes(1);
    // It lands and is stored.
    refresh.resolve('new');
    await flush();
    await flush();
    expect(await cache.get(waiting, userA, 'dev1', load)).toMatchObject({
      value: 'new',
      state: 'HIT',
    });
  });

  it('a refresh that answers within the wait is served fresh (MISS)', async () => {
    await cache.get(policy, userA, 'dev1', () => Promise.resolve('old'));
    clock.advance(30_000);
    const fresh = await cache.get(policy, userA, 'dev1', () => Promise.resolve('new'));
    expect(fresh).toMatchObject({ value: 'new', state: 'MISS' });
    expect(fresh.staleReason).toBeUndefined();
  });

  it('revalidate: a fresh value is fetched again, and concurrent revalidations share one call', async () => {
    await cache.get(policy, userA, 'dev1', () => Promise.resolve('old'));
    clock.advance(1_000);
    const load = jest.fn().mockResolvedValue('new');
    const [a, b] = await Promise.all([
      cache.get(policy, userA, 'dev1', load, { revalidate: true }),
      cache.get(policy, userA, 'dev1', load, { revalidate: true }),
    ]);
    expect(a).toMatchObject({ value: 'new', state: 'MISS', ageSeconds: 0 });
    expect(b).toMatchObject({ value: 'new', state: 'MISS' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('revalidate: when the upstream refuses, the held value is served STALE with the reason', async () => {
    const plain: CachePolicy = { name: 'plain', freshMs: 10_000 };
    await cache.get(plain, userA, 'k', () => Promise.resolve(1));
    clock.advance(2_000);
    const refused = new ProblemException(ErrorCode.UPSTREAM_QUOTA_EXHAUSTED, {
      detail: 'spent',
      headers: { 'retry-after': '1200' },
    });
    const served = await cache.get(plain, userA, 'k', () => Promise.reject(refused), {
      revalidate: true,
    });
    expect(served).toMatchObject({ value: 1, state: 'STALE', ageSeconds: 2 });
    expect(served.staleReason).toBe(refused);
    // Without a value held, revalidating fails as any miss does.
    await expect(
      cache.get(plain, userA, 'other', () => Promise.reject(refused), { revalidate: true }),
    ).rejects.toBe(refused);
  });

  it('without stale windows an expired value is loaded again', async () => {
    const plain: CachePolicy = { name: 'plain', freshMs: 1_000 };
    await cache.get(plain, userA, 'k', () => Promise.resolve(1));
    clock.advance(1_000);
    const next = await cache.get(plain, userA, 'k', () => Promise.resolve(2));
    expect(next).toMatchObject({ value: 2, state: 'MISS' });
    await expect(
      (async () => {
        clock.advance(1_000);
        return cache.get(plain, userA, 'k', () => Promise.reject(new Error('down')));
      })(),
    ).rejects.toThrow('down');
  });

  it('coalesces concurrent cold reads in one process into one load', async () => {
    const gate = deferred<string>();
    const load = jest.fn(() => gate.promise);
    const all = Promise.all(Array.from({ length: 200 }, () => cache.get(policy, userA, 'd', load)));
    await flush();
    gate.resolve('v');
    const results = await all;
    expect(load).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.value === 'v' && r.state === 'MISS')).toBe(true);
    expect(await events('coalesced')).toBe(199);
  });

  it('a failed shared load fails every waiter, and the next read tries again', async () => {
    const gate = deferred<string>();
    const load = jest.fn(() => gate.promise);
    const all = Promise.allSettled(
      Array.from({ length: 5 }, () => cache.get(policy, userA, 'd', load)),
    );
    await flush();
    gate.reject(new Error('nope'));
    const results = await all;
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(load).toHaveBeenCalledTimes(1);
    const next = await cache.get(policy, userA, 'd', () => Promise.resolve('ok'));
    expect(next.state).toBe('MISS');
  });

  it('coalesces across instances: the other one waits for the value the first one stores', async () => {
    const other = new ResponseCache(store, metrics, clock, config);
    const gate = deferred<string>();
    const loadA = jest.fn(() => gate.promise);
    const loadB = jest.fn(() => Promise.resolve('from B'));
    const a = cache.get(policy, userA, 'd', loadA);
    await flush();
    const b = other.get(policy, userA, 'd', loadB);
    await new Promise((resolve) => setTimeout(resolve, 50));
    gate.resolve('from A');
    await expect(a).resolves.toMatchObject({ value: 'from A', state: 'MISS' });
    await expect(b).resolves.toMatchObject({ value: 'from A' });
    expect(loadA).toHaveBeenCalledTimes(1);
    expect(loadB).not.toHaveBeenCalled();
  });

  it('across instances, a waiter loads itself when the lock holder fails', async () => {
    const other = new ResponseCache(store, metrics, clock, config);
    const gate = deferred<string>();
    const a = cache.get(policy, userA, 'd', () => gate.promise);
    await flush();
    const loadB = jest.fn(() => Promise.resolve('from B'));
    const b = other.get(policy, userA, 'd', loadB);
    await new Promise((resolve) => setTimeout(resolve, 40));
    gate.reject(new Error('A failed'));
    await expect(a).rejects.toThrow('A failed');
    await expect(b).resolves.toMatchObject({ value: 'from B' });
    expect(loadB).toHaveBeenCalledTimes(1);
  });

  it('after taking the lock, uses a value stored since its own read instead of loading again', async () => {
    await cache.get(policy, userA, 'd', () => Promise.resolve('stored by another'));
    let first = true;
    // This caller's first read misses (the value lands just after it), as in a race with a finishing load.
    const racing = new Proxy(store, {
      get(target, property) {
        const value = Reflect.get(target, property) as unknown;
        if (property !== 'get' || typeof value !== 'function') {
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return (key: string) => {
          if (first && key.startsWith('cache:')) {
            first = false;
            return Promise.resolve(null);
          }
          return target.get(key);
        };
      },
    }) as KeyValueStore;
    const late = new ResponseCache(racing, metrics, clock, config);
    const load = jest.fn().mockResolvedValue('second call');
    const result = await late.get(policy, userA, 'd', load);
    expect(result.value).toBe('stored by another');
    expect(load).not.toHaveBeenCalled();
  });

  it('invalidate drops the value, and a load that started before it cannot write it back', async () => {
    await cache.get(policy, userA, 'd', () => Promise.resolve('old'));
    clock.advance(6_000);
    const slow = deferred<string>();
    const stale = await cache.get(policy, userA, 'd', () => slow.promise); // starts a refresh
    expect(stale.state).toBe('STALE');
    clock.advance(10);
    await cache.invalidate(policy, userA, 'd');
    slow.resolve('before the command');
    await flush();
    await flush();
    const next = await cache.get(policy, userA, 'd', () => Promise.resolve('after the command'));
    expect(next).toMatchObject({ value: 'after the command', state: 'MISS' });
    const again = await cache.get(policy, userA, 'd', () => Promise.resolve('unused'));
    expect(again).toMatchObject({ value: 'after the command', state: 'HIT' });
  });

  it('invalidate only touches that user and key', async () => {
    await cache.get(policy, userA, 'd', () => Promise.resolve('a'));
    await cache.get(policy, userB, 'd', () => Promise.resolve('b'));
    await cache.invalidate(policy, userA, 'd');
    expect((await cache.get(policy, userB, 'd', () => Promise.resolve('x'))).state).toBe('HIT');
    expect((await cache.get(policy, userA, 'd', () => Promise.resolve('x'))).state).toBe('MISS');
  });

  it('stores JSON with the fetch time and a TTL of fresh plus the longest stale window', async () => {
    await cache.get(policy, userA, 'dev1', () => Promise.resolve({ a: 1 }));
    const key = 'cache:test-status:lux%3A1:dev1';
    expect(JSON.parse((await store.get(key))!)).toEqual({
      v: { a: 1 },
      t: clock.now(),
      e: weakETag('{"a":1}'),
    });
    expect(await store.ttl(key)).toBe(65_000);
  });

  it('stores the ETag of the value with it: every hit carries it without hashing again', async () => {
    const miss = await cache.get(policy, userA, 'dev1', () => Promise.resolve({ a: 1 }));
    // The tag of the text the route sends (Fastify serialises the value with JSON.stringify).
    expect(miss.etag).toBe(weakETag(JSON.stringify({ a: 1 })));
    const key = 'cache:test-status:lux%3A1:dev1';
    const stored = JSON.parse((await store.get(key))!) as { e: string };
    // A hit reads the stored tag: prove it by planting a different one.
    await store.set(key, JSON.stringify({ ...stored, e: 'W/"planted"' }), { ttlMs: 65_000 });
    clock.advance(1_000);
    const hit = await cache.get(policy, userA, 'dev1', () => Promise.resolve({ a: 2 }));
    expect(hit).toMatchObject({ state: 'HIT', etag: 'W/"planted"' });
  });

  it('fails open when the store is down: calls the upstream and counts errors', async () => {
    const down = new Proxy(store, {
      get(target, property) {
        if (property === 'kind') return 'redis';
        const value = Reflect.get(target, property) as unknown;
        if (typeof value !== 'function') return value;
        return () => Promise.reject(new StoreUnavailableError());
      },
    }) as KeyValueStore;
    const broken = new ResponseCache(down, metrics, clock, config);
    const load = jest.fn().mockResolvedValue('live');
    const first = await broken.get(policy, userA, 'd', load);
    const second = await broken.get(policy, userA, 'd', load);
    expect(first).toMatchObject({ value: 'live', state: 'MISS' });
    expect(second).toMatchObject({ value: 'live', state: 'MISS' });
    expect(load).toHaveBeenCalledTimes(2);
    expect(await events('error')).toBeGreaterThanOrEqual(2);
    await expect(broken.invalidate(policy, userA, 'd')).resolves.toBeUndefined();
  });
});
