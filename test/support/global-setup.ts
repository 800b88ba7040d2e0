import { startRedis } from './redis-server';

declare global {
  var __JUNCTION_REDIS__: { stop(): Promise<void> } | undefined;
}

/** One real redis-server for the whole e2e run; each test app uses its own key prefix. */
export default async function globalSetup(): Promise<void> {
  const redis = await startRedis();
  process.env.TEST_REDIS_URL = redis.url;
  globalThis.__JUNCTION_REDIS__ = redis;
}
