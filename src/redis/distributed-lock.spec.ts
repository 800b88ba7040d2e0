import { DistributedLock } from './distributed-lock';
import { MemoryKeyValueStore } from './memory-key-value.store';

describe('DistributedLock', () => {
  let now: number;
  let store: MemoryKeyValueStore;
  let lock: DistributedLock;

  beforeEach(() => {
    now = 1_000_000;
    store = new MemoryKeyValueStore(() => now);
    lock = new DistributedLock(store);
  });

  it('gives a lease its own token unless one is named', () => {
    expect(lock.lease('k').token).not.toBe(lock.lease('k').token);
    expect(lock.lease('k', 'instance-a')).toEqual({ key: 'k', token: 'instance-a' });
  });

  it('lets one holder take the key until it expires', async () => {
    const a = lock.lease('k', 'a');
    const b = lock.lease('k', 'b');
    expect(await lock.take(a, 3000)).toBe(true);
    expect(await lock.take(b, 3000)).toBe(false);
    expect(await lock.holder('k')).toBe('a');
    now += 3000;
    expect(await lock.take(b, 3000)).toBe(true);
    expect(await lock.holder('k')).toBe('b');
  });

  it('renews a held lease from now, for its holder only', async () => {
    const a = lock.lease('k', 'a');
    const b = lock.lease('k', 'b');
    await lock.take(a, 3000);
    expect(await lock.renew(b, 3000)).toBe(false);
    now += 2000;
    expect(await lock.renew(a, 3000)).toBe(true);
    now += 2000; // past the first expiry, within the renewed one
    expect(await lock.take(b, 3000)).toBe(false);
    expect(await lock.holder('k')).toBe('a');
  });

  it('does not renew a lease that expired and moved to another holder', async () => {
    const a = lock.lease('k', 'a');
    const b = lock.lease('k', 'b');
    await lock.take(a, 3000);
    now += 3000;
    expect(await lock.renew(a, 3000)).toBe(false); // expired: nothing to renew
    await lock.take(b, 3000);
    expect(await lock.renew(a, 3000)).toBe(false);
    expect(await lock.holder('k')).toBe('b');
  });

  it('is released by its holder only, and broken by anyone', async () => {
    const a = lock.lease('k', 'a');
    const b = lock.lease('k', 'b');
    await lock.take(a, 3000);
    expect(await lock.release(b)).toBe(false);
    expect(await lock.holder('k')).toBe('a');
    expect(await lock.release(a)).toBe(true);
    expect(await lock.holder('k')).toBeNull();
    await lock.take(a, 3000);
    expect(await lock.breakLease('k')).toBe(true);
    expect(await lock.renew(a, 3000)).toBe(false);
    expect(await lock.release(a)).toBe(false);
  });

  it('runs the work once and lets a later caller see its result', async () => {
    let result: string | undefined;
    const options = { ttlMs: 3000, waitMs: 0 };
    const ready = () => Promise.resolve(result);
    const work = jest.fn(() => Promise.resolve((result = 'done')));
    expect(await lock.runExclusive('k', options, ready, work)).toBe('done');
    expect(await lock.runExclusive('k', options, ready, work)).toBe('done');
    expect(work).toHaveBeenCalledTimes(1);
    expect(await lock.holder('k')).toBeNull();
  });
});
