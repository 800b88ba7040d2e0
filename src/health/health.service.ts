import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ErrorCode } from '../common/problem/error-code';
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
export class HealthService {
  private draining = false;

  constructor(
    private readonly store: KeyValueStore,
    private readonly upstreams: UpstreamHealth,
  ) {}

  /** Readiness goes false first on shutdown, so load balancers stop sending before we stop. */
  startDraining(): void {
    this.draining = true;
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
    if (redis.status !== 'up' || this.draining) {
      throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
        detail: this.draining ? 'The instance is shutting down.' : 'Redis is unreachable.',
        headers: { 'retry-after': '5' },
        extensions: { checks: { redis, upstreams, draining: this.draining } },
      });
    }
    return { status: 'ok', redis, upstreams };
  }
}
