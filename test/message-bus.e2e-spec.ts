import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config/config.loader';
import { MessageBus } from '../src/near-cache/message-bus';
import { createMessageBus } from '../src/near-cache/near-cache.module';
import { createKeyValueStore } from '../src/redis/redis.module';
import { KeyValueStore } from '../src/redis/key-value.store';
import { eventually } from './support/eventually';

/** The pub/sub bus on the real redis-server, as two gateway instances use it. */
describe('MessageBus on Redis', () => {
  const prefix = `mb${randomBytes(3).toString('hex')}:`;
  const config = loadConfig({ REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix });
  let stores: KeyValueStore[];
  let buses: MessageBus[];

  beforeAll(async () => {
    stores = [0, 1, 2].map(() => createKeyValueStore(config, new Logger('test')));
    buses = stores.map((store) => createMessageBus(store, config));
    await eventually(() => buses.every((bus) => bus.live));
  });
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await Promise.all(stores.map((store) => store.close()));
  });

  it('delivers to every subscriber of the channel, on every instance, until it unsubscribes', async () => {
    const [a, b, c] = buses;
    const got: Record<string, string[]> = { a: [], b: [], other: [] };
    const stopA = await a.subscribe('devices:1', (m) => got.a.push(m));
    await b.subscribe('devices:1', (m) => got.b.push(m));
    await b.subscribe('devices:2', (m) => got.other.push(m));
    await c.publish('devices:1', 'one');
    await eventually(() => got.a.length === 1 && got.b.length === 1);
    await stopA();
    await c.publish('devices:1', 'two');
    await eventually(() => got.b.length === 2);
    expect(got).toEqual({ a: ['one'], b: ['one', 'two'], other: [] });
  });

  it('keeps deployments apart: another key prefix is another set of channels', async () => {
    const otherConfig = loadConfig({
      REDIS_URL: process.env.TEST_REDIS_URL,
      REDIS_KEY_PREFIX: 'other:',
    });
    const store = createKeyValueStore(otherConfig, new Logger('test'));
    const other = createMessageBus(store, otherConfig);
    try {
      const got: string[] = [];
      await buses[0].subscribe('shared-name', (m) => got.push(m));
      await eventually(() => other.live);
      await other.publish('shared-name', 'not for you');
      await buses[1].publish('shared-name', 'for you');
      await eventually(() => got.length === 1);
      expect(got).toEqual(['for you']);
    } finally {
      await other.close();
      await store.close();
    }
  });
});
