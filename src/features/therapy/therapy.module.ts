import { Module } from '@nestjs/common';
import { CacheModule } from '../../cache/cache.module';
import { NueyneModule } from '../../upstreams/nueyne/nueyne.module';
import { TherapyController } from './therapy.controller';
import { TherapyService } from './therapy.service';

/** `/v1/therapy`: Elexir Legacy devices and logs. */
@Module({
  imports: [NueyneModule, CacheModule],
  controllers: [TherapyController],
  providers: [TherapyService],
  exports: [TherapyService],
})
export class TherapyModule {}
