import { DynamicModule, ForwardReference, Module, Type } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { RedisModule } from './redis/redis.module';
import { SandboxModule } from './sandbox/sandbox.module';
import { UpstreamHttpModule } from './upstreams/http/upstream-http.module';

@Module({})
export class AppModule {
  static forRoot(
    config?: AppConfig,
    extra: (Type | DynamicModule | ForwardReference)[] = [],
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        RedisModule,
        MetricsModule,
        SandboxModule,
        UpstreamHttpModule,
        HealthModule,
        ...extra,
      ],
    };
  }
}
