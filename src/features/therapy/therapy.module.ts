import { Module } from '@nestjs/common';
import { CacheModule } from '../../cache/cache.module';
import { TherapyController } from './therapy.controller';
import { TherapyService } from './therapy.service';

/** `/v1/therapy`: Elexir Legacy devices and logs (NueyneModule is global). */
@Module({
  imports: [CacheModule],
  controllers: [TherapyController],
  providers: [TherapyService],
  exports: [TherapyService],
})
export class TherapyModule {}
