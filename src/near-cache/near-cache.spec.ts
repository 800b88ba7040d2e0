import { MetricsService } from '../metrics/metrics.service';
import { MemoryMessageBus } from './message-bus';
import { INVALIDATION_CHANNEL, NearCache } from './near-cache';
import { nearCacheForTests } from './near-cache.testing';

/** An in-memory bus whose subscriber can be taken down and brought back, or made to fail. */
class ControlledBus extends MemoryMessageBus {
  private up = true;
  private readonly listeners: ((live: boolean) => void)[] = [];
  failPublish = false;

  override get live(): boolean {
    return this.up;
  }

  override onLiveChange(listener: (live: boolean) => void): void {
    this.listeners.push(listener);
  }

  setLive(value: boolean): void {
    this.up = value;
    for (const listener of this.listeners) listener(value);
  }

  override publish(channel: string, message: string): Promise<void> {
    if (this.failPublish) return Promise.reject(new Error('Connection is closed.'));
    return super.publish(channel, message);
  }
}

/** A load whose answers the test sets, counting how often Redis would have been asked. */
function source<T>(initial: T) {
  let value = initial;
  const state = {
    calls: 0,
    set(next: T) {
      value = next;
    },
    load: () => {
      state.calls += 1;
      return Promise.resolve(value);
    },
  };
  return state;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

function count(metrics: MetricsService, event: string): Promise<number> {
  return metrics.nearCacheEvents
    .get()
    .then((m) => m.values.find((v) => v.labels.event === event)?.value ?? 0);
}

describe('NearCache', () => {
  afterEach(() => jest.useRealTimers());

  it('answers from memory until the max age, then asks again', async () => {
    jest.useFakeTimers({ now: 0 });
    const near = await nearCacheForTests({ maxAgeMs: 500 });
    const redis = source('open');
    for (let i = 0; i < 5; i++) expect(await near.read('k', redis.load)).toBe('open');
    expect(redis.calls).toBe(1);
    jest.advanceTimersByTime(499);
    await near.read('k', redis.load);
    expect(redis.calls).toBe(1);
    redis.set('closed');
    jest.advanceTimersByTime(2);
    expect(await near.read('k', redis.load)).toBe('closed');
    expect(redis.calls).toBe(2);
  });

  it('shares one load between concurrent readers of a key', async () => {
    const near = await nearCacheForTests();
    const gate = deferred<string>();
    let calls = 0;
    const load = () => {
      calls += 1;
      return gate.promise;
    };
    const reads = Promise.all(Array.from({ length: 20 }, () => near.read('k', load)));
    gate.resolve('v');
    expect(await reads).toEqual(Array(20).fill('v'));
    expect(calls).toBe(1);
  });

  it('an invalidation on one instance drops the key on the others (one message)', async () => {
    const bus = new MemoryMessageBus();
    const [a, b] = [await nearCacheForTests({ bus }), await nearCacheForTests({ bus })];
    const redis = source('open');
    await a.read('sess', redis.load);
    await b.read('sess', redis.load);
    await b.read('other', redis.load);
    expect(redis.calls).toBe(3);
    redis.set('closed');
    await a.invalidate(['sess']);
    expect(await a.read('sess', redis.load)).toBe('closed');
    expect(await b.read('sess', redis.load)).toBe('closed');
    expect(await b.read('other', redis.load)).toBe('open');
    expect(redis.calls).toBe(5);
  });

  it('does not remember a load that an invalidation overtook, and later reads do not wait for it', async () => {
    const near = await nearCacheForTests();
    const slow = deferred<string>();
    const early = near.read('k', () => slow.promise);
    await near.invalidate(['k']);
    const redis = source('new');
    expect(await near.read('k', redis.load)).toBe('new');
    slow.resolve('old');
    expect(await early).toBe('old');
    expect(await near.read('k', redis.load)).toBe('new');
    expect(redis.calls).toBe(1);
  });

  it('while the bus is not live it asks Redis every time, and drops everything on each change', async () => {
    const bus = new ControlledBus();
    const metrics = new MetricsService();
    const near = await nearCacheForTests({ bus, metrics });
    const redis = source('open');
    await near.read('k', redis.load);
    await near.read('k', redis.load);
    expect(redis.calls).toBe(1);
    bus.setLive(false);
    redis.set('closed');
    expect(await near.read('k', redis.load)).toBe('closed');
    expect(await near.read('k', redis.load)).toBe('closed');
    expect(redis.calls).toBe(3);
    // Back: what was remembered before the gap is gone (its invalidations may have been lost).
    bus.setLive(true);
    expect(await near.read('k', redis.load)).toBe('closed');
    expect(await near.read('k', redis.load)).toBe('closed');
    expect(redis.calls).toBe(4);
    expect(await count(metrics, 'flush')).toBe(2);
  });

  it('keeps and answers only values the caller calls usable', async () => {
    const near = await nearCacheForTests();
    const redis = source<{ fresh: boolean }>({ fresh: false });
    const usable = (value: { fresh: boolean }) => value.fresh;
    await near.read('k', redis.load, { usable });
    await near.read('k', redis.load, { usable });
    expect(redis.calls).toBe(2);
    redis.set({ fresh: true });
    await near.read('k', redis.load, { usable });
    await near.read('k', redis.load, { usable });
    expect(redis.calls).toBe(3);
  });

  it('a message that cannot be sent is counted, not thrown; the key is still dropped here', async () => {
    const bus = new ControlledBus();
    const metrics = new MetricsService();
    const near = await nearCacheForTests({ bus, metrics });
    const redis = source('open');
    await near.read('k', redis.load);
    bus.failPublish = true;
    await expect(near.invalidate(['k'])).resolves.toBeUndefined();
    await near.read('k', redis.load);
    expect(redis.calls).toBe(2);
    expect(await count(metrics, 'publish_failed')).toBe(1);
  });

  it('ignores what is not an invalidation on its channel', async () => {
    const bus = new MemoryMessageBus();
    const near = await nearCacheForTests({ bus });
    const redis = source('open');
    await near.read('k', redis.load);
    await bus.publish(INVALIDATION_CHANNEL, 'not json');
    await bus.publish(INVALIDATION_CHANNEL, JSON.stringify({ from: 'x', keys: 'k' }));
    await near.read('k', redis.load);
    expect(redis.calls).toBe(1);
  });

  it('with NEAR_CACHE_MAX_AGE_MS=0 it remembers nothing', async () => {
    const near: NearCache = await nearCacheForTests({ maxAgeMs: 0 });
    const redis = source('open');
    await near.read('k', redis.load);
    await near.read('k', redis.load);
    expect(redis.calls).toBe(2);
  });
});
