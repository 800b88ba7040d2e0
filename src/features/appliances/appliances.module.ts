import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../../idempotency/idempotency.module';
import { AppliancesController } from './appliances.controller';
import { AppliancesService } from './appliances.service';

/** `/v1/appliances`: LG ThinQ devices of the linked account. */
@Module({
  imports: [IdempotencyModule],
  controllers: [AppliancesController],
  providers: [AppliancesService],
  exports: [AppliancesService],
})
export class AppliancesModule {}
