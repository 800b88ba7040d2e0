import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem/problem.dto';
import { ErrorCode } from '../common/problem/error-code';
import { AppConfig } from '../config/app-config';
import { ProblemException } from '../common/problem/problem.exception';
import { KeyValueStore } from '../redis/key-value.store';
import { UpstreamHealth } from '../upstreams/http/upstream-health';
import { ThinqEventChannel } from '../upstreams/thinq/push/thinq-event-channel';

export class LivenessDto {
  @ApiProperty({ example: 'ok' })
  status!: string;
}

export class RedisCheckDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: string;
  @ApiProperty({ enum: ['redis', 'cluster', 'memory'], example: 'redis' })
  kind!: string;
  @ApiPropertyOptional({ example: 'Connection is closed.', description: 'Why it is down.' })
  error?: string;
}

export class UpstreamCheckDto {
  @ApiProperty({ enum: ['simulator', 'remote'], example: 'remote' })
  mode!: string;
  @ApiProperty({ enum: ['unknown', 'healthy', 'failing'], example: 'healthy' })
  state!: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  consecutiveFailures!: number;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-22T10:00:00.000Z' })
  lastSuccessAt?: string;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-22T09:59:00.000Z' })
  lastFailureAt?: string;
  @ApiPropertyOptional({ example: 'timeout', description: 'What the last failure was.' })
  lastFailure?: string;
  @ApiPropertyOptional({
    example: 'closed',
    description: 'Circuit breaker: closed, open, half-open or isolated.',
  })
  breaker?: string;
}

export class ThinqPushCheckDto {
  @ApiProperty({
    example: true,
    description: 'THINQ_PUSH: whether this instance takes ThinQ push.',
  })
  enabled!: boolean;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 2,
    description: 'Push sessions this instance holds: one per LG account with watched devices.',
  })
  sessions!: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 2,
    description:
      'Of them, connected to the broker: the devices of the others are polled meanwhile. Reported, never unready.',
  })
  connected!: number;
}

const UPSTREAM_CHECKS = {
  type: 'object',
  additionalProperties: { $ref: '#/components/schemas/UpstreamCheckDto' },
  example: { thinq: { mode: 'simulator', state: 'healthy', consecutiveFailures: 0 } },
  description:
    'Per upstream (nueyne, thinq, interwater): simulator or remote, recent state, consecutive ' +
    'failures, breaker state.',
} as const;

export class ReadinessDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status!: string;
  @ApiProperty({ type: RedisCheckDto })
  redis!: RedisCheckDto;
  @ApiProperty(UPSTREAM_CHECKS)
  upstreams!: Record<string, UpstreamCheckDto>;
  @ApiProperty({ type: ThinqPushCheckDto })
  thinqPush!: ThinqPushCheckDto;
}

export class ReadinessChecksDto {
  @ApiProperty({ type: RedisCheckDto })
  redis!: RedisCheckDto;
  @ApiProperty(UPSTREAM_CHECKS)
  upstreams!: Record<string, UpstreamCheckDto>;
  @ApiProperty({ example: false, description: 'The instance is shutting down.' })
  draining!: boolean;
}

/** The 503 of /health/ready: a problem with what was checked. */
export class ReadinessProblemDto extends ProblemDto {
  @ApiProperty({ type: ReadinessChecksDto })
  checks!: ReadinessChecksDto;
}

@Injectable()
export class HealthService implements BeforeApplicationShutdown {
  private isDraining = false;
  private readonly drainedListeners: (() => Promise<void>)[] = [];

  get draining(): boolean {
    return this.isDraining;
  }

  constructor(
    private readonly store: KeyValueStore,
    private readonly upstreams: UpstreamHealth,
    private readonly config: AppConfig,
    private readonly push: ThinqEventChannel,
  ) {}

  /**
   * Graceful shutdown, step one: readiness goes false and the instance keeps serving for
   * SHUTDOWN_DRAIN_MS so load balancers stop sending; then what waits for the drain runs (open
   * event streams get their last event and end, so their clients reconnect elsewhere); then Nest
   * closes the server (in-flight requests finish), and Redis and the upstream pools close.
   */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.startDraining();
    if (signal)
      new Logger('Shutdown').log(`${signal}: draining for ${this.config.shutdown.drainMs} ms`);
    if (this.config.shutdown.drainMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.config.shutdown.drainMs));
    }
    await Promise.allSettled(this.drainedListeners.map((listener) => listener()));
  }

  /** Runs `listener` when the drain period is over, before the server closes. */
  onDrained(listener: () => Promise<void>): void {
    this.drainedListeners.push(listener);
  }

  /** Readiness goes false first on shutdown, so load balancers stop sending before we stop. */
  startDraining(): void {
    this.isDraining = true;
  }

  async readiness(): Promise<ReadinessDto> {
    let redis: RedisCheckDto = { status: 'up', kind: this.store.kind };
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
    const sessions = this.push.sessionCounts();
    const thinqPush = {
      enabled: this.push.enabled,
      sessions: sessions.open,
      connected: sessions.connected,
    };
    return { status: 'ok', redis, upstreams, thinqPush };
  }
}
