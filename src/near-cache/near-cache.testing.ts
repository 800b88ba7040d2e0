import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { MemoryMessageBus, MessageBus } from './message-bus';
import { NearCache } from './near-cache';

/** A started NearCache for unit specs: on `bus` (one in-memory bus by default). */
export async function nearCacheForTests(
  options: { bus?: MessageBus; maxAgeMs?: number; metrics?: MetricsService } = {},
): Promise<NearCache> {
  const config = { nearCache: { maxAgeMs: options.maxAgeMs ?? 500, maxEntries: 1000 } };
  const near = new NearCache(
    options.bus ?? new MemoryMessageBus(),
    config as AppConfig,
    options.metrics ?? new MetricsService(),
  );
  await near.onModuleInit();
  return near;
}
