import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { KeyValueStore } from '../src/redis/key-value.store';
import { MemoryKeyValueStore } from '../src/redis/memory-key-value.store';
import { RedisKeyValueStore } from '../src/redis/redis-key-value.store';

/** The same contract against the real redis-server and the sandbox's in-memory store. */
describe.each([
  [
    'redis',
    () => {
      const prefix = `kv${randomBytes(3).toString('hex')}:`;
      return new RedisKeyValueStore(new Redis(process.env.TEST_REDIS_URL!, { keyPrefix: prefix }));
    },
  ],
  ['memory', () => new MemoryKeyValueStore()],
])('KeyValueStore on %s', (_name, create: () => KeyValueStore) => {
  let store: KeyValueStore;

  beforeAll(async () => {
    store = create();
    // Wait for the connection, as the app does at start.
    for (let attempt = 0; ; attempt++) {
      try {
        await store.ping();
        break;
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });
  afterAll(() => store.close());

  it('sets, gets, expires and deletes', async () => {
    expect(await store.set('a', '1')).toBe(true);
    expect(await store.get('a')).toBe('1');
    expect(await store.set('a', '2', { ifAbsent: true })).toBe(false);
    expect(await store.get('a')).toBe('1');
    await store.set('short', 'x', { ttlMs: 50 });
    expect(await store.ttl('short')).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await store.get('short')).toBeNull();
    expect(await store.ttl('short')).toBe(-2);
    expect(await store.del('a')).toBe(true);
    expect(await store.del('a')).toBe(false);
  });

  it('compares before deleting or replacing', async () => {
    await store.set('lock', 'mine', { ttlMs: 10_000 });
    expect(await store.deleteIfEquals('lock', 'theirs')).toBe(false);
    expect(await store.deleteIfEquals('lock', 'mine')).toBe(true);
    await store.set('rt', 'old', { ttlMs: 10_000 });
    expect(await store.replaceIfEquals('rt', 'other', 'new')).toBe(false);
    expect(await store.replaceIfEquals('rt', 'old', 'new')).toBe(true);
    expect(await store.get('rt')).toBe('new');
    expect(await store.ttl('rt')).toBeGreaterThan(0);
  });

  it('counts in a window that starts with the first hit', async () => {
    const first = await store.increment('rl', 1000);
    const second = await store.increment('rl', 1000);
    expect([first.count, second.count]).toEqual([1, 2]);
    expect(second.ttlMs).toBeGreaterThan(0);
    expect(second.ttlMs).toBeLessThanOrEqual(1000);
    const batch = await store.increment('rl', 1000, 30);
    expect(batch.count).toBe(32);
    expect(batch.ttlMs).toBeLessThanOrEqual(second.ttlMs);
    const fresh = await store.increment('rl-batch', 1000, 30);
    expect(fresh.count).toBe(30);
    expect(fresh.ttlMs).toBeGreaterThan(0);
  });

  it('takes from a sliding window up to its limit, and says when a slot frees', async () => {
    const key = `log${randomBytes(3).toString('hex')}`;
    const at = (now: number, limit = 3, take = true) =>
      store.takeFromWindow(key, { now, windowMs: 1000, limit, take });
    expect(await at(10_000)).toEqual({ taken: true, count: 1, retryAfterMs: 0 });
    expect(await at(10_100)).toEqual({ taken: true, count: 2, retryAfterMs: 0 });
    expect(await at(10_100)).toEqual({ taken: true, count: 3, retryAfterMs: 0 });
    // Full: the oldest entry (10 000) leaves the window at 11 000.
    expect(await at(10_200)).toEqual({ taken: false, count: 3, retryAfterMs: 800 });
    // A lower limit (reads below a reserve) waits for more entries to leave: 10 100 + 1 000.
    expect(await at(10_200, 2)).toEqual({ taken: false, count: 3, retryAfterMs: 900 });
    // Looking does not take.
    expect(await at(10_200, 5, false)).toEqual({ taken: false, count: 3, retryAfterMs: 0 });
    // The window slides: at 11 000 the first entry is gone.
    expect(await at(11_000)).toEqual({ taken: true, count: 3, retryAfterMs: 0 });
    expect(await store.ttl(key)).toBeGreaterThan(0);
    expect(await at(12_200, 3, false)).toEqual({ taken: false, count: 0, retryAfterMs: 0 });
  });

  it('keeps sets', async () => {
    await store.addToSet('s', 'a', 10_000);
    await store.addToSet('s', 'b');
    expect((await store.members('s')).sort()).toEqual(['a', 'b']);
    await store.removeFromSet('s', 'a');
    expect(await store.members('s')).toEqual(['b']);
  });
});
