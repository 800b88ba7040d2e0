import { Module } from '@nestjs/common';
import { AuthCoreModule } from '../../auth/auth-core.module';
import { ThinqAccountVerifier } from '../../auth/links/thinq-account.verifier';
import { CommonModule } from '../../common/common.module';
import { RedisModule } from '../../redis/redis.module';
import { UpstreamHttpModule } from '../http/upstream-http.module';
import { ThinqBudget } from './thinq-budget';
import { ThinqLinkVerifier } from './thinq-link.verifier';
import { ThinqClient } from './thinq.client';
import { ThinqHttp } from './thinq.http';

/**
 * LG ThinQ Connect: the client of the device API, the per-account call budget every call goes
 * through, and the link check the auth module uses.
 */
@Module({
  imports: [UpstreamHttpModule, RedisModule, AuthCoreModule, CommonModule],
  providers: [
    ThinqHttp,
    ThinqBudget,
    ThinqClient,
    ThinqLinkVerifier,
    { provide: ThinqAccountVerifier, useExisting: ThinqLinkVerifier },
  ],
  exports: [ThinqClient, ThinqBudget, ThinqAccountVerifier],
})
export class ThinqModule {}
