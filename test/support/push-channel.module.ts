import { DynamicModule, Module } from '@nestjs/common';
import { THINQ_EVENT_CHANNEL_OVERRIDE } from '../../src/upstreams/thinq/push/disabled-event-channel';
import { ThinqEventChannel } from '../../src/upstreams/thinq/push/thinq-event-channel';

/**
 * Puts `channel` under ThinqEventChannel in every gateway instance started with it (stack
 * option `imports`): one in-memory channel shared by the instances, as one broker would be.
 */
@Module({})
export class PushChannelModule {
  static with(channel: ThinqEventChannel): DynamicModule {
    return {
      module: PushChannelModule,
      global: true,
      providers: [{ provide: THINQ_EVENT_CHANNEL_OVERRIDE, useValue: channel }],
      exports: [THINQ_EVENT_CHANNEL_OVERRIDE],
    };
  }
}
