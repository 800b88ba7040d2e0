import Redis, { Cluster } from 'ioredis';
import { KeyValueStore, SetOptions, StoreUnavailableError, WindowCount } from './key-value.store';

const DELETE_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const REPLACE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[3] ~= '' then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) else redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') end
return 1`;
const INCREMENT_WINDOW = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

type Client = Redis | Cluster;
interface ScriptedClient {
  deleteIfEquals(key: string, expected: string): Promise<number>;
  replaceIfEquals(key: string, expected: string, next: string, ttl: string): Promise<number>;
  incrementWindow(key: string, windowMs: number, by: number): Promise<[number, number]>;
}

/** The store on ioredis, for one node or a cluster; operations fail fast while disconnected. */
export class RedisKeyValueStore extends KeyValueStore {
  readonly kind: 'redis' | 'cluster';

  constructor(private readonly client: Client) {
    super();
    this.kind = client instanceof Cluster ? 'cluster' : 'redis';
    client.defineCommand('deleteIfEquals', { numberOfKeys: 1, lua: DELETE_IF_EQUALS });
    client.defineCommand('replaceIfEquals', { numberOfKeys: 1, lua: REPLACE_IF_EQUALS });
    client.defineCommand('incrementWindow', { numberOfKeys: 1, lua: INCREMENT_WINDOW });
  }

  /** The underlying connection (the message bus publishes on it; tests and diagnostics). */
  get raw(): Client {
    return this.client;
  }

  private get scripted(): ScriptedClient {
    return this.client as unknown as ScriptedClient;
  }

  private async run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.client.status !== 'ready') throw new StoreUnavailableError();
    try {
      return await operation();
    } catch (error) {
      if (
        error instanceof Error &&
        /Command timed out|Connection is closed|ECONNREFUSED|max retries/i.test(error.message)
      ) {
        throw new StoreUnavailableError(error.message);
      }
      throw error;
    }
  }

  get(key: string): Promise<string | null> {
    return this.run(() => this.client.get(key));
  }

  set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    return this.run(async () => {
      const { ttlMs, ifAbsent } = options;
      let result: string | null;
      if (ttlMs !== undefined && ifAbsent)
        result = await this.client.set(key, value, 'PX', ttlMs, 'NX');
      else if (ttlMs !== undefined) result = await this.client.set(key, value, 'PX', ttlMs);
      else if (ifAbsent) result = await this.client.set(key, value, 'NX');
      else result = await this.client.set(key, value);
      return result === 'OK';
    });
  }

  del(key: string): Promise<boolean> {
    return this.run(async () => (await this.client.del(key)) > 0);
  }

  deleteIfEquals(key: string, expected: string): Promise<boolean> {
    return this.run(async () => (await this.scripted.deleteIfEquals(key, expected)) === 1);
  }

  replaceIfEquals(key: string, expected: string, next: string, ttlMs?: number): Promise<boolean> {
    return this.run(
      async () =>
        (await this.scripted.replaceIfEquals(
          key,
          expected,
          next,
          ttlMs === undefined ? '' : String(ttlMs),
        )) === 1,
    );
  }

  increment(key: string, windowMs: number, by = 1): Promise<WindowCount> {
    return this.run(async () => {
      const [count, ttlMs] = await this.scripted.incrementWindow(key, windowMs, by);
      return { count, ttlMs };
    });
  }

  ttl(key: string): Promise<number> {
    return this.run(() => this.client.pttl(key));
  }

  addToSet(key: string, member: string, ttlMs?: number): Promise<void> {
    return this.run(async () => {
      const pipeline = this.client.multi().sadd(key, member);
      if (ttlMs !== undefined) pipeline.pexpire(key, ttlMs);
      await pipeline.exec();
    });
  }

  removeFromSet(key: string, member: string): Promise<void> {
    return this.run(async () => {
      await this.client.srem(key, member);
    });
  }

  members(key: string): Promise<string[]> {
    return this.run(() => this.client.smembers(key));
  }

  async ping(timeoutMs = 1000): Promise<void> {
    if (this.client.status !== 'ready')
      throw new StoreUnavailableError(`Redis connection is ${this.client.status}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreUnavailableError('Redis did not answer PING in time')),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.client.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.client.quit()]);
    this.client.disconnect();
  }
}
