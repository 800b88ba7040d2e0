import { Injectable } from '@nestjs/common';
import type { ThinqAccount } from '../thinq.client';
import { ThinqEventChannel, ThinqPushListener, ThinqPushSession } from './thinq-event-channel';

/**
 * ThinQ push switched off: the feeds poll every watched device, as before push existed. The
 * class behind ThinqEventChannel until a transport (MqttEventChannel) is configured.
 */
@Injectable()
export class DisabledEventChannel extends ThinqEventChannel {
  readonly enabled = false;

  open(_account: ThinqAccount, _listener: ThinqPushListener): Promise<ThinqPushSession> {
    return Promise.reject(new Error('ThinQ push is off'));
  }
}

/**
 * A channel of the caller's own in place of the configured one, when a module provides this
 * token (globally): how tests put an in-memory channel under every instance they start.
 */
export const THINQ_EVENT_CHANNEL_OVERRIDE = Symbol('ThinqEventChannel override');
