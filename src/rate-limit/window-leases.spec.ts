import { MemoryKeyValueStore } from '../redis/memory-key-value.store';
import { StoreUnavailableError } from '../redis/key-value.store';
import { leaseSize, WindowLeases } from './window-leases';

const WINDOW_MS = 60_000;

describe('leaseSize', () => {
  it('is 5 % of the limit, at least 1 and at most 1000', () => {
    expect([5, 39, 40, 600, 20_000, 1e9].map(leaseSize)).toEqual([1, 1, 2, 30, 1000, 1000]);
  });
});

describe('WindowLeases', () => {
  afterEach(() => jest.useRealTimers());

  const storeKey = () => 'rl:test';

  it('two instances sharing one counter never admit more than the limit, and at most a lease less', async () => {
    const limit = 200;
    const store = new MemoryKeyValueStore();
    const [a, b] = [new WindowLeases(store), new WindowLeases(store)];
    let admitted = 0;
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).take('k', storeKey, limit, WINDOW_MS)),
      );
      admitted += answers.filter((answer) => answer.admitted).length;
    }
    expect(admitted).toBeLessThanOrEqual(limit);
    expect(admitted).toBeGreaterThanOrEqual(limit - (leaseSize(limit) - 1));
  });

  it('asks the store once per lease, and not at all once the window is used up', async () => {
    const store = new MemoryKeyValueStore();
    const increment = jest.spyOn(store, 'increment');
    const leases = new WindowLeases(store);
    const results = [];
    for (let i = 0; i < 150; i++) results.push(await leases.take('k', storeKey, 100, WINDOW_MS));
    expect(results.filter((r) => r.admitted)).toHaveLength(100);
    expect(increment).toHaveBeenCalledTimes(100 / leaseSize(100));
    expect(results[0]).toMatchObject({ admitted: true, remaining: 99 });
    expect(results[149]).toMatchObject({ admitted: false, remaining: 0 });
    expect(results[149].resetMs).toBeGreaterThan(0);
  });

  it('admits again when the window has ended', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const store = new MemoryKeyValueStore(() => Date.now());
    const leases = new WindowLeases(store);
    for (let i = 0; i < 40; i++) await leases.take('k', storeKey, 40, WINDOW_MS);
    expect((await leases.take('k', storeKey, 40, WINDOW_MS)).admitted).toBe(false);
    jest.advanceTimersByTime(WINDOW_MS + 1);
    expect(await leases.take('k', storeKey, 40, WINDOW_MS)).toMatchObject({
      admitted: true,
      remaining: 39,
    });
  });

  it('throws StoreUnavailableError when it needs a lease and the store is away', async () => {
    const store = new MemoryKeyValueStore();
    jest.spyOn(store, 'increment').mockRejectedValue(new StoreUnavailableError());
    await expect(
      new WindowLeases(store).take('k', storeKey, 100, WINDOW_MS),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
