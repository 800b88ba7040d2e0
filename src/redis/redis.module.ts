import { Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis, { Cluster, RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { DistributedLock } from './distributed-lock';
import { KeyValueStore } from './key-value.store';
import { MemoryKeyValueStore } from './memory-key-value.store';
import { RedisKeyValueStore } from './redis-key-value.store';

const CONNECTION: RedisOptions = {
  // Fail fast instead of queueing while Redis is away: callers choose fail-open or fail-closed.
  maxRetriesPerRequest: 1,
  commandTimeout: 1500,
  connectTimeout: 3000,
  enableOfflineQueue: true,
  // Commands issued in the same tick (the session, rate-limit, link and cache reads of concurrent
  // requests) leave in one socket write instead of one write each: measured in bench/HISTORY.md.
  enableAutoPipelining: true,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
};

export function createKeyValueStore(config: AppConfig, logger: Logger): KeyValueStore {
  const { url, clusterNodes, keyPrefix } = config.redis;
  if (clusterNodes.length > 0) {
    const cluster = new Cluster(clusterNodes, {
      keyPrefix,
      // Not on a cluster: an auto-pipeline is sent per node, and when a failover or resharding
      // moves a slot its commands come back MOVED instead of being redirected (ioredis#2075; a
      // master killed under load gave 500s). One command at a time is redirected by ioredis itself.
      enableAutoPipelining: false,
      redisOptions: {
        ...CONNECTION,
        enableAutoPipelining: false,
        password: url ? new URL(url).password || undefined : undefined,
      },
      clusterRetryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    cluster.on('error', (error: Error) => logger.warn(`Redis cluster: ${error.message}`));
    return new RedisKeyValueStore(cluster);
  }
  if (url) {
    const client = new Redis(url, { ...CONNECTION, keyPrefix });
    client.on('error', (error: Error) => logger.warn(`Redis: ${error.message}`));
    return new RedisKeyValueStore(client);
  }
  logger.warn(
    'REDIS_URL is unset: using an in-memory store. This is for the sandbox only: state is not shared between instances and is lost on restart.',
  );
  return new MemoryKeyValueStore();
}

/** One store for the whole process: cache, sessions, locks and rate limits all use it. */
@Module({
  providers: [
    {
      provide: KeyValueStore,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => createKeyValueStore(config, new Logger('Redis')),
    },
    DistributedLock,
  ],
  exports: [KeyValueStore, DistributedLock],
})
export class RedisModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');

  constructor(@Inject(KeyValueStore) private readonly store: KeyValueStore) {}

  async onModuleInit(): Promise<void> {
    if (this.store.kind === 'memory') return;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      try {
        await this.store.ping(500);
        this.logger.log(`Connected (${this.store.kind})`);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    this.logger.error(
      'Redis is not reachable yet; /health/ready reports it and routes that need it answer 503.',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
