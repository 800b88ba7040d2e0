import { Module } from '@nestjs/common';
import { CacheModule } from '../../cache/cache.module';
import { InterwaterModule } from '../../upstreams/interwater/interwater.module';
import { ConferenceController } from './conference.controller';
import { ConferenceService } from './conference.service';

/** `/v1/conference`: Interwater s-connector. */
@Module({
  imports: [InterwaterModule, CacheModule],
  controllers: [ConferenceController],
  providers: [ConferenceService],
  exports: [ConferenceService],
})
export class ConferenceModule {}
