import { Module } from '@nestjs/common';
import { CacheModule } from '../../cache/cache.module';
import { ConferenceController } from './conference.controller';
import { ConferenceService } from './conference.service';

/** `/v1/conference`: Interwater s-connector (InterwaterModule and AuthModule are global). */
@Module({
  imports: [CacheModule],
  controllers: [ConferenceController],
  providers: [ConferenceService],
  exports: [ConferenceService],
})
export class ConferenceModule {}
