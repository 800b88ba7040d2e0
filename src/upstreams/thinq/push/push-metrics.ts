import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../../../metrics/metrics.service';

/** What a push message was, as counted: an event kind, one of an unused type, or malformed. */
const PUSH_MESSAGE_KINDS = [
  'status',
  'notification',
  'device_added',
  'device_removed',
  'device_renamed',
  'ignored',
  'malformed',
] as const;
export type PushMessageKind = (typeof PUSH_MESSAGE_KINDS)[number];

const CONNECTION_EVENTS = ['connected', 'disconnected', 'certificate_refused', 'registered'];

/** The push channel's metrics, on the instance's registry (MetricsService). */
@Injectable()
export class ThinqPushMetrics {
  readonly messages: Counter<'kind'>;
  readonly sessions: Gauge<'state'>;
  readonly connections: Counter<'event'>;
  readonly subscriptions: Counter<'call' | 'outcome'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.messages = new Counter({
      name: 'junction_thinq_push_messages_total',
      help: 'ThinQ push (MQTT) messages received, by kind (status, notification, device_added, device_removed, device_renamed, ignored, malformed)',
      labelNames: ['kind'] as const,
      registers,
    });
    this.sessions = new Gauge({
      name: 'junction_thinq_push_sessions',
      help: 'ThinQ push sessions this instance holds, by state (open: held; connected: live at the broker)',
      labelNames: ['state'] as const,
      registers,
    });
    this.connections = new Counter({
      name: 'junction_thinq_push_connection_events_total',
      help: 'ThinQ push connection events (connected, disconnected, certificate_refused, registered)',
      labelNames: ['event'] as const,
      registers,
    });
    this.subscriptions = new Counter({
      name: 'junction_thinq_push_subscription_calls_total',
      help: 'ThinQ device subscription calls of the push channel, by call (subscribe, renew, push_subscribe, unsubscribe) and outcome (ok, refused, failed)',
      labelNames: ['call', 'outcome'] as const,
      registers,
    });
    // Every known series from the start, at zero (Prometheus' advice for labelled metrics): a
    // rate over a counter nobody has touched yet is 0, not "no data".
    this.sessions.labels('open').set(0);
    this.sessions.labels('connected').set(0);
    for (const kind of PUSH_MESSAGE_KINDS) this.messages.labels(kind).inc(0);
    for (const event of CONNECTION_EVENTS) this.connections.labels(event).inc(0);
  }
}
