import { Module } from '@nestjs/common';
import { HealthModule } from '../../health/health.module';
import { AppliancesModule } from '../appliances/appliances.module';
import { ApplianceEventsController } from './appliance-events.controller';
import { ApplianceEventsService } from './appliance-events.service';
import { ApplianceFeeds } from './appliance-feeds';
import { StreamSlots } from './stream-slots';

/** `GET /v1/appliances/events`: live appliance status as server-sent events, one poll per device. */
@Module({
  imports: [AppliancesModule, HealthModule],
  controllers: [ApplianceEventsController],
  providers: [ApplianceFeeds, ApplianceEventsService, StreamSlots],
  exports: [ApplianceEventsService],
})
export class ApplianceEventsModule {}
