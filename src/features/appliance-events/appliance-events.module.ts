import { Module } from '@nestjs/common';
import { AuthCoreModule } from '../../auth/auth-core.module';
import { CommonModule } from '../../common/common.module';
import { HealthModule } from '../../health/health.module';
import { NearCacheModule } from '../../near-cache/near-cache.module';
import { RedisModule } from '../../redis/redis.module';
import { ThinqModule } from '../../upstreams/thinq/thinq.module';
import { AppliancesModule } from '../appliances/appliances.module';
import { ApplianceEventsController } from './appliance-events.controller';
import { ApplianceEventsService } from './appliance-events.service';
import { ApplianceFeeds } from './appliance-feeds';
import { PushSessions } from './push-sessions';
import { StreamSlots } from './stream-slots';

/** `GET /v1/appliances/events`: live appliance status as server-sent events, one poll per device. */
@Module({
  imports: [
    AppliancesModule,
    ThinqModule,
    AuthCoreModule,
    NearCacheModule,
    RedisModule,
    CommonModule,
    HealthModule,
  ],
  controllers: [ApplianceEventsController],
  providers: [ApplianceFeeds, PushSessions, ApplianceEventsService, StreamSlots],
  exports: [ApplianceEventsService],
})
export class ApplianceEventsModule {}
