import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { IdempotencyModule } from '../../idempotency/idempotency.module';
import { RateLimitModule } from '../../rate-limit/rate-limit.module';
import { RedisModule } from '../../redis/redis.module';
import { NueyneModule } from '../../upstreams/nueyne/nueyne.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { OnboardingLimits } from './onboarding-limits';
import { PhoneVerifications } from './phone-verifications';

/** `/v1/accounts`: onboarding and recovery. */
@Module({
  imports: [
    NueyneModule,
    AuthModule.signingInWith(NueyneModule),
    RateLimitModule,
    RedisModule,
    IdempotencyModule,
  ],
  controllers: [AccountsController],
  providers: [AccountsService, OnboardingLimits, PhoneVerifications],
})
export class AccountsModule {}
