import { MemoryKeyValueStore } from '../../redis/memory-key-value.store';
import { deviceLeaseTtlMs, FeedLease } from './feed-lease';

describe('FeedLease', () => {
  let now: number;
  let store: MemoryKeyValueStore;

  beforeEach(() => {
    now = 1_000_000;
    store = new MemoryKeyValueStore(() => now);
  });

  it('lives three poll intervals, at least 3 s', () => {
    expect(deviceLeaseTtlMs(300)).toBe(3000);
    expect(deviceLeaseTtlMs(2000)).toBe(6000);
  });

  it('is held by one instance, renewed by it, and moves once it expires', async () => {
    const a = new FeedLease(store, 'lease', 'a', 3000);
    const b = new FeedLease(store, 'lease', 'b', 3000);
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    now += 2000;
    expect(await a.hold()).toBe(true); // renewed: 3 s from now
    now += 2000;
    expect(await b.hold()).toBe(false);
    now += 1001; // a died: no renewal
    expect(await b.hold()).toBe(true);
    expect(await a.hold()).toBe(false);
    expect(a.holding).toBe(false);
  });

  it('is released by its holder only', async () => {
    const a = new FeedLease(store, 'lease', 'a', 3000);
    const b = new FeedLease(store, 'lease', 'b', 3000);
    await a.hold();
    await b.release();
    expect(await store.get('lease')).toBe('a');
    await a.release();
    expect(a.holding).toBe(false);
    expect(await b.hold()).toBe(true);
  });

  it('counts as not held while the store fails', async () => {
    const a = new FeedLease(store, 'lease', 'a', 3000);
    await a.hold();
    jest.spyOn(store, 'replaceIfEquals').mockRejectedValueOnce(new Error('down'));
    expect(await a.hold()).toBe(false);
    expect(a.holding).toBe(false);
  });
});
