import { Module } from '@nestjs/common';
import { AuthCoreModule } from '../../auth/auth-core.module';
import { ThinqAccountVerifier } from '../../auth/links/thinq-account.verifier';
import { CommonModule } from '../../common/common.module';
import { RedisModule } from '../../redis/redis.module';
import { UpstreamHttpModule } from '../http/upstream-http.module';
import { DisabledEventChannel, THINQ_EVENT_CHANNEL_OVERRIDE } from './push/disabled-event-channel';
import { ThinqEventChannel } from './push/thinq-event-channel';
import { ThinqBudget } from './thinq-budget';
import { ThinqLinkVerifier } from './thinq-link.verifier';
import { ThinqClient } from './thinq.client';
import { ThinqHttp } from './thinq.http';

/**
 * LG ThinQ Connect: the client of the device API, the per-account call budget every call goes
 * through, the link check the auth module uses, and the push channel (ThinqEventChannel).
 */
@Module({
  imports: [UpstreamHttpModule, RedisModule, AuthCoreModule, CommonModule],
  providers: [
    ThinqHttp,
    ThinqBudget,
    ThinqClient,
    ThinqLinkVerifier,
    { provide: ThinqAccountVerifier, useExisting: ThinqLinkVerifier },
    DisabledEventChannel,
    // Push's transport. Until one is configured, DisabledEventChannel: the feeds poll.
    {
      provide: ThinqEventChannel,
      useFactory: (disabled: DisabledEventChannel, override?: ThinqEventChannel) =>
        override ?? disabled,
      inject: [DisabledEventChannel, { token: THINQ_EVENT_CHANNEL_OVERRIDE, optional: true }],
    },
  ],
  exports: [ThinqClient, ThinqBudget, ThinqAccountVerifier, ThinqEventChannel],
})
export class ThinqModule {}
