import { DynamicModule, ForwardReference, Module, Type } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CacheModule } from './cache/cache.module';
import { CommonModule } from './common/common.module';
import { TracingModule } from './tracing/tracing';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { AccountsModule } from './features/accounts/accounts.module';
import { ApplianceEventsModule } from './features/appliance-events/appliance-events.module';
import { AppliancesModule } from './features/appliances/appliances.module';
import { ConferenceModule } from './features/conference/conference.module';
import { DevicesModule } from './features/devices/devices.module';
import { HomeModule } from './features/home/home.module';
import { LinksModule } from './features/links/links.module';
import { MeModule } from './features/me/me.module';
import { TherapyModule } from './features/therapy/therapy.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { NearCacheModule } from './near-cache/near-cache.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisModule } from './redis/redis.module';
import { SandboxModule } from './sandbox/sandbox.module';
import { UpstreamHttpModule } from './upstreams/http/upstream-http.module';
import { InterwaterModule } from './upstreams/interwater/interwater.module';
import { NueyneModule } from './upstreams/nueyne/nueyne.module';
import { ThinqModule } from './upstreams/thinq/thinq.module';

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
        CommonModule,
        TracingModule,
        RedisModule,
        MetricsModule,
        NearCacheModule,
        SandboxModule,
        UpstreamHttpModule,
        AuthModule.signingInWith(NueyneModule),
        LinksModule,
        RateLimitModule,
        NueyneModule,
        InterwaterModule,
        MeModule,
        AccountsModule,
        ConferenceModule,
        TherapyModule,
        ThinqModule,
        CacheModule,
        AppliancesModule,
        ApplianceEventsModule,
        DevicesModule,
        HomeModule,
        HealthModule,
        ...extra,
      ],
    };
  }
}
