import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../../idempotency/idempotency.module';
import { MeController } from './me.controller';
import { MeService } from './me.service';

/** `/v1/me`: the Lux account (NueyneModule and AuthModule are global). */
@Module({
  imports: [IdempotencyModule],
  controllers: [MeController],
  providers: [MeService],
  exports: [MeService],
})
export class MeModule {}
