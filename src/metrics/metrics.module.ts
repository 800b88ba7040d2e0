import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { StoreProbe } from './store-probe';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, StoreProbe],
  exports: [MetricsService],
})
export class MetricsModule {}
