import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ErrorCode } from '../common/problem/error-code';
import { AppConfig } from '../config/app-config';
import { ProblemException } from '../common/problem/problem.exception';
import { KeyValueStore } from '../redis/key-value.store';
import { UpstreamHealth } from '../upstreams/http/upstream-health';

export class LivenessDto {
  @ApiProperty({ example: 'ok' })
  status!: string;
}

export class ReadinessDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status!: string;
  @ApiProperty({ example: { status: 'up', kind: 'redis' } })
  redis!: { status: string; kind: string; error?: string };
  @ApiProperty({
    example: { thinq: { mode: 'simulator', state: 'healthy', consecutiveFailures: 0 } },
    description:
      'Per upstream: simulator or remote, recent state, consecutive failures, breaker state.',
  })
  upstreams!: Record<string, unknown>;
}

@Injectable()
export class HealthService implements BeforeApplicationShutdown {
  private isDraining = false;

  get draining(): boolean {
    return this.isDraining;
  }

  constructor(
    private readonly store: KeyValueStore,
    private readonly upstreams: UpstreamHealth,
    private readonly config: AppConfig,
  ) {}

  /**
   * Graceful shutdown, step one: readiness goes false and the instance keeps serving for
   * SHUTDOWN_DRAIN_MS so load balancers stop sending; then Nest closes the server (in-flight
   * requests finish), and Redis and the upstream pools close.
   */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.startDraining();
    if (signal)
      new Logger('Shutdown').log(`${signal}: draining for ${this.config.shutdown.drainMs} ms`);
    if (this.config.shutdown.drainMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.config.shutdown.drainMs));
    }
  }

  /** Readiness goes false first on shutdown, so load balancers stop sending before we stop. */
  startDraining(): void {
    this.isDraining = true;
  }

  async readiness(): Promise<ReadinessDto> {
    let redis: ReadinessDto['redis'] = { status: 'up', kind: this.store.kind };
    try {
      await this.store.ping(1000);
    } catch (error) {
      redis = {
        status: 'down',
        kind: this.store.kind,
        error: error instanceof Error ? error.message : 'unreachable',
      };
    }
    const upstreams = this.upstreams.snapshot();
    if (redis.status !== 'up' || this.isDraining) {
      throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
        detail: this.isDraining ? 'The instance is shutting down.' : 'Redis is unreachable.',
        headers: { 'retry-after': '5' },
        extensions: { checks: { redis, upstreams, draining: this.isDraining } },
      });
    }
    return { status: 'ok', redis, upstreams };
  }
}
