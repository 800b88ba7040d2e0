import { Module } from '@nestjs/common';
import { AuthCoreModule } from '../../auth/auth-core.module';
import { IdempotencyModule } from '../../idempotency/idempotency.module';
import { NueyneModule } from '../../upstreams/nueyne/nueyne.module';
import { MeController } from './me.controller';
import { MeService } from './me.service';

/** `/v1/me`: the Lux account. */
@Module({
  imports: [NueyneModule, AuthCoreModule, IdempotencyModule],
  controllers: [MeController],
  providers: [MeService],
  exports: [MeService],
})
export class MeModule {}
