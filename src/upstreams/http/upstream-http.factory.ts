import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../../metrics/metrics.service';
import { UpstreamHealth } from './upstream-health';
import { UpstreamHttpClient } from './upstream-http.client';
import { UpstreamTimeoutsConfig } from './upstream-http.types';
import { Tracing } from '../../tracing/tracing';
import { UpstreamPolicy } from './upstream-policy';
import { UpstreamName } from './upstream.error';

/** Makes the one HTTP client of each upstream and closes their pools on shutdown. */
@Injectable()
export class UpstreamHttpFactory implements OnApplicationShutdown {
  private readonly clients: UpstreamHttpClient[] = [];
  private readonly logger = new Logger('UpstreamPolicy');

  constructor(
    private readonly metrics: MetricsService,
    private readonly health: UpstreamHealth,
    private readonly config: AppConfig,
    private readonly tracing: Tracing,
  ) {}

  create(
    name: UpstreamName,
    baseUrl: string,
    timeouts: UpstreamTimeoutsConfig,
    simulated: boolean,
  ): UpstreamHttpClient {
    this.health.register(name, simulated ? 'simulator' : 'remote');
    const policy = new UpstreamPolicy(
      name,
      this.config.resilience[name],
      this.config.resilience.retryBudgetPercent,
      () => this.metrics.upstreamRetries.labels(name).inc(),
      { warn: (line) => this.logger.warn(line) },
    );
    this.health.registerBreaker(name, () => policy.state);
    this.metrics.registerBreaker(name, () => policy.state);
    const client = new UpstreamHttpClient(
      name,
      baseUrl,
      timeouts,
      this.metrics,
      this.health,
      policy,
      this.tracing,
    );
    this.clients.push(client);
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.clients.map((client) => client.close()));
  }
}
