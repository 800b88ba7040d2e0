import type Redis from 'ioredis';
import { ReplyError } from 'ioredis';
import { StoreUnavailableError } from './key-value.store';
import { RedisKeyValueStore } from './redis-key-value.store';

/** A client whose GET fails with `replies` (in order), then answers `value`. */
function clientFailing(replies: string[], value = 'v') {
  const get = jest.fn(() => {
    const reply = replies.shift();
    return reply === undefined
      ? Promise.resolve(value)
      : Promise.reject(new ReplyError(reply) as Error);
  });
  const client = { status: 'ready', defineCommand: () => undefined, get };
  return { store: new RedisKeyValueStore(client as unknown as Redis), get };
}

describe('RedisKeyValueStore during a cluster failover', () => {
  it.each(['MOVED 9394 127.0.0.1:7001', 'ASK 12 127.0.0.1:7002', 'TRYAGAIN', 'CLUSTERDOWN x'])(
    'runs an operation again after %s (the command was not run) and answers',
    async (reply) => {
      const { store, get } = clientFailing([reply, reply]);
      await expect(store.get('k')).resolves.toBe('v');
      expect(get).toHaveBeenCalledTimes(3);
    },
  );

  it('gives up within a short bound: the store is unavailable (503), not a bug (500)', async () => {
    const { store, get } = clientFailing(Array(10).fill('MOVED 1 127.0.0.1:7001'));
    const started = Date.now();
    await expect(store.get('k')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(get).toHaveBeenCalledTimes(4);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not run again what Redis refused as a command (a bug stays a bug)', async () => {
    const { store, get } = clientFailing(['WRONGTYPE Operation against a key']);
    const error: unknown = await store.get('k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyError);
    expect(error).not.toBeInstanceOf(StoreUnavailableError);
    expect(get).toHaveBeenCalledTimes(1);
  });
});
