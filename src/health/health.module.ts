import { Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis.module';
import { UpstreamHttpModule } from '../upstreams/http/upstream-http.module';
import { ThinqModule } from '../upstreams/thinq/thinq.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [RedisModule, UpstreamHttpModule, ThinqModule],
  controllers: [HealthController],
  providers: [HealthService],
  exports: [HealthService],
})
export class HealthModule {}
