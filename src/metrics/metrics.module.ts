import { Global, Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { StoreProbe } from './store-probe';

@Global()
@Module({
  imports: [RedisModule],
  controllers: [MetricsController],
  providers: [MetricsService, StoreProbe],
  exports: [MetricsService],
})
export class MetricsModule {}
