import { Module } from '@nestjs/common';
import { AuthCoreModule } from '../../auth/auth-core.module';
import { ThinqAccountVerifier } from '../../auth/links/thinq-account.verifier';
import { CommonModule } from '../../common/common.module';
import { AppConfig } from '../../config/app-config';
import { RedisModule } from '../../redis/redis.module';
import { UpstreamHttpModule } from '../http/upstream-http.module';
import { DisabledEventChannel, THINQ_EVENT_CHANNEL_OVERRIDE } from './push/disabled-event-channel';
import { MqttEventChannel } from './push/mqtt-event-channel';
import { ThinqPushCredentialStore } from './push/push-credentials';
import { ThinqPushMetrics } from './push/push-metrics';
import { ThinqEventChannel } from './push/thinq-event-channel';
import { ThinqPushApi } from './push/thinq-push.api';
import { ThinqBudget } from './thinq-budget';
import { ThinqLinkVerifier } from './thinq-link.verifier';
import { ThinqClient } from './thinq.client';
import { ThinqHttp } from './thinq.http';

/**
 * LG ThinQ Connect: the client of the device API, the per-account call budget every call goes
 * through, the link check the auth module uses, and the push channel (ThinqEventChannel: MQTT
 * over mutual TLS, or off with THINQ_PUSH=off).
 */
@Module({
  imports: [UpstreamHttpModule, RedisModule, AuthCoreModule, CommonModule],
  providers: [
    ThinqHttp,
    ThinqBudget,
    ThinqClient,
    ThinqLinkVerifier,
    { provide: ThinqAccountVerifier, useExisting: ThinqLinkVerifier },
    ThinqPushApi,
    ThinqPushCredentialStore,
    ThinqPushMetrics,
    MqttEventChannel,
    DisabledEventChannel,
    // Push's transport: MQTT unless THINQ_PUSH=off; a test's own channel when it provides one.
    {
      provide: ThinqEventChannel,
      useFactory: (
        config: AppConfig,
        mqtt: MqttEventChannel,
        disabled: DisabledEventChannel,
        override?: ThinqEventChannel,
      ) => override ?? (config.thinq.push.enabled ? mqtt : disabled),
      inject: [
        AppConfig,
        MqttEventChannel,
        DisabledEventChannel,
        { token: THINQ_EVENT_CHANNEL_OVERRIDE, optional: true },
      ],
    },
  ],
  exports: [ThinqClient, ThinqBudget, ThinqAccountVerifier, ThinqEventChannel],
})
export class ThinqModule {}
