import { Injectable } from '@nestjs/common';
import { KeyValueStore } from '../redis/key-value.store';
import { MetricsService } from './metrics.service';

/** Gives `junction_redis_up` its PING: the same check as /health/ready, at each scrape. */
@Injectable()
export class StoreProbe {
  constructor(store: KeyValueStore, metrics: MetricsService) {
    metrics.registerStoreProbe(() => store.ping(1000));
  }
}
