import Redis, { Cluster, ReplyError } from 'ioredis';
import { randomBytes } from 'node:crypto';
import {
  KeyValueStore,
  SetOptions,
  StoreUnavailableError,
  WindowCount,
  WindowTake,
} from './key-value.store';

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
// A sliding log by hand: rate-limiter-flexible, the usual Redis limiter, counts fixed windows, which
// let twice the limit through around a window's edge; the ThinQ budget must hold in any 60 minutes
// whatever window LG counts in, and this is a dozen lines on the connection the store already has.
// ARGV: now, windowMs, limit, take (1/0), member. The entry at index count - limit is the one
// whose expiry brings the window back under the limit.
const TAKE_FROM_WINDOW = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  if ARGV[4] == '1' then
    redis.call('ZADD', KEYS[1], now, ARGV[5])
    redis.call('PEXPIRE', KEYS[1], window)
    return {1, count + 1, 0}
  end
  return {0, count, 0}
end
local entry = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
return {0, count, math.max(1, tonumber(entry[2]) + window - now)}`;

type Client = Redis | Cluster;

/**
 * Redis's own answers that mean "not now" rather than "wrong command": loading its data after a
 * restart, a busy script, a cluster without a master for the slot, a replica, a full memory.
 */
const UNAVAILABLE_REPLY =
  /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|MOVED|ASK|READONLY|NOREPLICAS|MISCONF|OOM)\b/;

/**
 * Replies that say the command was not run on this node, so running it again is safe: the slot is
 * served elsewhere (MOVED, ASK) or has no master for now (CLUSTERDOWN, TRYAGAIN during a
 * resharding or failover). ioredis follows these itself for a single command, not always inside a
 * pipeline (ioredis#2075).
 */
const NOT_RUN_REPLY = /^(MOVED|ASK|TRYAGAIN|CLUSTERDOWN)\b/;

/** The pauses before running an operation again after a NOT_RUN_REPLY: 0.7 s in all, then 503. */
const NOT_RUN_RETRY_DELAYS_MS = [50, 150, 500];

/**
 * A failed store operation as the callers see it. Every failure that is not an error reply of
 * Redis is about reaching it (timeouts, closed or refused connections, retries exhausted, a cluster
 * without its slots: ioredis words each one differently), so it is a StoreUnavailableError, and
 * callers choose fail-open or 503. Only an error reply to a command Redis could run (WRONGTYPE, a
 * script error) stays what it is: a bug, answered 500 and logged.
 */
function unavailable(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ReplyError && !UNAVAILABLE_REPLY.test(message)) return error;
  return new StoreUnavailableError(message);
}
interface ScriptedClient {
  deleteIfEquals(key: string, expected: string): Promise<number>;
  replaceIfEquals(key: string, expected: string, next: string, ttl: string): Promise<number>;
  incrementWindow(key: string, windowMs: number, by: number): Promise<[number, number]>;
  takeFromWindow(
    key: string,
    now: number,
    windowMs: number,
    limit: number,
    take: string,
    member: string,
  ): Promise<[number, number, number]>;
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
    client.defineCommand('takeFromWindow', { numberOfKeys: 1, lua: TAKE_FROM_WINDOW });
  }

  /** The underlying connection (the message bus publishes on it; tests and diagnostics). */
  get raw(): Client {
    return this.client;
  }

  private get scripted(): ScriptedClient {
    return this.client as unknown as ScriptedClient;
  }

  private async run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.client.status !== 'ready')
      throw new StoreUnavailableError(`Redis connection is ${this.client.status}`);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await operation();
      } catch (error) {
        const notRun =
          error instanceof Error &&
          error instanceof ReplyError &&
          NOT_RUN_REPLY.test(error.message);
        if (!notRun || attempt >= NOT_RUN_RETRY_DELAYS_MS.length) throw unavailable(error);
        await new Promise((resolve) => setTimeout(resolve, NOT_RUN_RETRY_DELAYS_MS[attempt]));
      }
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

  takeFromWindow(
    key: string,
    window: { now: number; windowMs: number; limit: number; take: boolean },
  ): Promise<WindowTake> {
    return this.run(async () => {
      // Members must be unique: two takes in the same millisecond are two entries.
      const member = `${window.now}:${randomBytes(6).toString('base64url')}`;
      const [taken, count, retryAfterMs] = await this.scripted.takeFromWindow(
        key,
        Math.floor(window.now),
        window.windowMs,
        window.limit,
        window.take ? '1' : '0',
        member,
      );
      return { taken: taken === 1, count, retryAfterMs };
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
