import { Module } from '@nestjs/common';
import { AppliancesController } from './appliances.controller';
import { AppliancesService } from './appliances.service';

/** `/v1/appliances`: LG ThinQ devices of the linked account. */
@Module({
  controllers: [AppliancesController],
  providers: [AppliancesService],
  exports: [AppliancesService],
})
export class AppliancesModule {}
