import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis, { Cluster } from 'ioredis';
import { KeyValueStore } from '../redis/key-value.store';
import { RedisKeyValueStore } from '../redis/redis-key-value.store';
import { RedisModule } from '../redis/redis.module';
import { AppConfig } from '../config/app-config';
import { MemoryMessageBus, MessageBus } from './message-bus';
import { NearCache } from './near-cache';
import { RedisMessageBus } from './redis-message-bus';

/** Subscriber connections do not reconnect by themselves: the bus notices the gap, then reopens. */
const SUBSCRIBER = {
  retryStrategy: () => null,
  autoResubscribe: false,
  lazyConnect: false,
  connectionName: 'junction-bus',
};

/** The bus on the store's Redis (one node or a Cluster), or in memory beside the in-memory store. */
export function createMessageBus(store: KeyValueStore, config: AppConfig): MessageBus {
  if (!(store instanceof RedisKeyValueStore)) return new MemoryMessageBus();
  const client = store.raw;
  const connect =
    client instanceof Cluster
      ? (attempt: number) => {
          // Any node hears every plain PUBLISH; after a failure, try the next one.
          const nodes = client.nodes('master');
          const options = nodes.length > 0 ? nodes[attempt % nodes.length].options : undefined;
          const seed = config.redis.clusterNodes[attempt % config.redis.clusterNodes.length];
          return new Redis({
            ...(options ?? seed),
            password: options?.password ?? client.options.redisOptions?.password,
            keyPrefix: undefined,
            enableAutoPipelining: false,
            ...SUBSCRIBER,
          });
        }
      : () =>
          client.duplicate({
            keyPrefix: undefined,
            enableAutoPipelining: false,
            ...SUBSCRIBER,
          });
  const bus = new RedisMessageBus(client, config.redis.keyPrefix, connect);
  bus.start();
  return bus;
}

/**
 * Per-instance memory of Redis (NearCache) and the pub/sub bus that keeps it coherent
 * (MessageBus, also there for anything else that must reach every instance).
 */
@Module({
  imports: [RedisModule],
  providers: [
    {
      provide: MessageBus,
      inject: [KeyValueStore, AppConfig],
      useFactory: createMessageBus,
    },
    NearCache,
  ],
  exports: [MessageBus, NearCache],
})
export class NearCacheModule implements OnApplicationShutdown {
  constructor(@Inject(MessageBus) private readonly bus: MessageBus) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
