import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../../../common/clock';
import { backgroundContext } from '../../../common/context/request-context';
import { AppConfig } from '../../../config/app-config';
import { UpstreamEndpoints } from '../../http/upstream-endpoints';
import type { ThinqAccount } from '../thinq.client';
import { MqttPushSession } from './mqtt-push-session';
import { ThinqPushCredentialStore } from './push-credentials';
import { ThinqPushMetrics } from './push-metrics';
import { ThinqPushApi } from './thinq-push.api';
import { ThinqEventChannel, ThinqPushListener, ThinqPushSession } from './thinq-event-channel';

/**
 * ThinQ's push as LG's SDK does it: the account's client registered once (ThinqPushCredentialStore),
 * then an MQTT session over mutual TLS per open (MqttPushSession). One session per account in this
 * process: opening the account again ends the session it had (the broker would end it anyway, a
 * client id having one connection). Every session ends at shutdown; the registrations stay.
 */
@Injectable()
export class MqttEventChannel extends ThinqEventChannel implements OnApplicationShutdown {
  private readonly sessions = new Map<string, MqttPushSession>();

  constructor(
    private readonly config: AppConfig,
    private readonly api: ThinqPushApi,
    private readonly credentials: ThinqPushCredentialStore,
    private readonly metrics: ThinqPushMetrics,
    private readonly clock: Clock,
    private readonly endpoints: UpstreamEndpoints,
  ) {
    super();
  }

  /** The push settings, trusting the embedded simulator's broker when no CA file is set. */
  private settings(): AppConfig['thinq']['push'] {
    const push = this.config.thinq.push;
    const ca = push.ca ?? this.endpoints.thinqMqttCa;
    return ca === push.ca ? push : { ...push, ca };
  }

  get enabled(): boolean {
    return this.config.thinq.push.enabled;
  }

  async open(account: ThinqAccount, listener: ThinqPushListener): Promise<ThinqPushSession> {
    if (!this.enabled) throw new Error('ThinQ push is off (THINQ_PUSH=off).');
    const credentials = await this.credentials.ensure(backgroundContext(), account);
    await this.sessions.get(credentials.clientId)?.close();
    const session = new MqttPushSession(
      {
        api: this.api,
        credentials: this.credentials,
        metrics: this.metrics,
        config: () => this.settings(),
        now: () => this.clock.now(),
        onClosed: (closed) => {
          if (this.sessions.get(closed.clientId) === closed) this.sessions.delete(closed.clientId);
        },
      },
      account,
      listener,
      credentials,
    );
    this.sessions.set(credentials.clientId, session);
    await session.start();
    return session;
  }

  override sessionCounts(): { open: number; connected: number } {
    const sessions = [...this.sessions.values()];
    return { open: sessions.length, connected: sessions.filter((s) => s.live).length };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.sessions.values()].map((session) => session.close()));
  }
}
