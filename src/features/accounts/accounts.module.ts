import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../../idempotency/idempotency.module';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { OnboardingLimits } from './onboarding-limits';
import { PhoneVerifications } from './phone-verifications';

/** `/v1/accounts`: onboarding and recovery (NueyneModule, AuthModule and the limiter are global). */
@Module({
  imports: [IdempotencyModule],
  controllers: [AccountsController],
  providers: [AccountsService, OnboardingLimits, PhoneVerifications],
})
export class AccountsModule {}
