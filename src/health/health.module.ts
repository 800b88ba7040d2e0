import { Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis.module';
import { UpstreamHttpModule } from '../upstreams/http/upstream-http.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [RedisModule, UpstreamHttpModule],
  controllers: [HealthController],
  providers: [HealthService],
  exports: [HealthService],
})
export class HealthModule {}
