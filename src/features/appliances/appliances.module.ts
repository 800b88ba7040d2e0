import { Module } from '@nestjs/common';
import { AuthCoreModule } from '../../auth/auth-core.module';
import { CacheModule } from '../../cache/cache.module';
import { IdempotencyModule } from '../../idempotency/idempotency.module';
import { ThinqModule } from '../../upstreams/thinq/thinq.module';
import { AppliancesController } from './appliances.controller';
import { AppliancesService } from './appliances.service';

/** `/v1/appliances`: LG ThinQ devices of the linked account. */
@Module({
  imports: [ThinqModule, AuthCoreModule, CacheModule, IdempotencyModule],
  controllers: [AppliancesController],
  providers: [AppliancesService],
  exports: [AppliancesService],
})
export class AppliancesModule {}
