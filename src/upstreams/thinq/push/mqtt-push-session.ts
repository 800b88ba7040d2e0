import { Logger } from '@nestjs/common';
import { connect, IClientOptions, MqttClient } from 'mqtt';
import { rootCertificates } from 'node:tls';
import { backgroundContext } from '../../../common/context/request-context';
import type { ThinqPushConfig } from '../../../config/app-config';
import type { ThinqAccount } from '../thinq.client';
import { parsePushMessage } from './push-message.parser';
import { PushMessageKind, ThinqPushMetrics } from './push-metrics';
import { ThinqPushCredentialStore, ThinqPushCredentials } from './push-credentials';
import { thinqAccountKey } from './push-identity';
import { SubscriptionRenewer } from './subscription-renewer';
import { ThinqPushApi } from './thinq-push.api';
import type { ThinqPushListener, ThinqPushSession } from './thinq-event-channel';

/** What a session needs of the module. */
export interface MqttPushSessionDeps {
  api: ThinqPushApi;
  credentials: ThinqPushCredentialStore;
  metrics: ThinqPushMetrics;
  /** Read at every connection attempt (the embedded sandbox may set its CA after start). */
  config: () => ThinqPushConfig;
  now: () => number;
  /** Called once the session is closed. */
  onClosed?: (session: MqttPushSession) => void;
}

const CONNECT_TIMEOUT_MS = 10_000;
/** How long close() waits for the DISCONNECT to leave. */
const END_WAIT_MS = 2000;
const RECONNECT_FIRST_MS = 1000;
/** A failed connection attempt is logged the first time, then every this many. */
const FAILURES_LOGGED_EVERY = 10;
/** A connection live this long was a good one: the next reconnection starts from the first delay. */
const STABLE_MS = 30_000;
/** A certificate is replaced at most this often when the broker keeps refusing new ones. */
const REPLACE_AT_MOST_EVERY_MS = 10 * 60 * 1000;
/** Replaced before use when this close to its end. */
const EXPIRY_MARGIN_MS = 60 * 60 * 1000;

/** That many closes before a CONNACK in a row are taken as the broker refusing the certificate. */
const CLOSES_BEFORE_CONNACK = 2;

/** TLS alerts of a broker that refuses the client's certificate (expired, revoked, unknown CA). */
const CERTIFICATE_ALERT =
  /ALERT_(BAD_CERTIFICATE|CERTIFICATE_\w+|UNKNOWN_CA|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED)/;

/** MQTT 3.1.1 CONNACK 4 (bad user name or password) and 5 (not authorized): AWS IoT's refusal. */
function refusesCertificate(error: Error & { code?: string | number }): boolean {
  if (error.code === 4 || error.code === 5) return true;
  return typeof error.code === 'string' && CERTIFICATE_ALERT.test(error.code);
}

const KINDS: Record<string, PushMessageKind> = {
  status: 'status',
  notification: 'notification',
  deviceAdded: 'device_added',
  deviceRemoved: 'device_removed',
  deviceRenamed: 'device_renamed',
};

/**
 * One account's push session: an MQTT 3.1.1 connection over mutual TLS (the client's certificate
 * and key) to the broker of GET route, as the registered client id with a persistent session
 * (clean: false), the client's topic subscribed at QoS 1; reconnected with jittered backoff;
 * each watched device's event subscription renewed before it ends.
 */
export class MqttPushSession implements ThinqPushSession {
  private readonly logger = new Logger('ThinqPush');
  private readonly renewer: SubscriptionRenewer;
  private readonly watched = new Set<string>();
  private readonly ctx = backgroundContext();
  private readonly pseudonym: string;
  private client?: MqttClient;
  private reconnectTimer?: NodeJS.Timeout;
  private attempts = 0;
  private isLive = false;
  private closed = false;
  private refused = false;
  /** Connections the broker ended, before any CONNACK and without a reason, in a row. */
  private closedBeforeConnack = 0;
  private liveSince = 0;
  private lastReplaceAt = 0;
  private lastError?: string;
  private firstOutcome?: () => void;

  constructor(
    private readonly deps: MqttPushSessionDeps,
    private readonly account: ThinqAccount,
    private readonly listener: ThinqPushListener,
    private credentials: ThinqPushCredentials,
  ) {
    this.pseudonym = thinqAccountKey(account).slice(0, 8);
    const everyMs = Math.floor(deps.config().subscriptionHours * 3600_000 * 0.9);
    this.renewer = new SubscriptionRenewer(
      everyMs,
      async (deviceId) => {
        const outcome = await this.subscribeEvents(deviceId, 'renew');
        return outcome === 'subscribed' ? 'renewed' : 'refused';
      },
      (deviceId, error) => {
        this.logger.warn({
          msg: 'thinq push subscription not renewed',
          account: this.pseudonym,
          deviceId,
          error: error instanceof Error ? error.message : String(error),
        });
      },
    );
  }

  get live(): boolean {
    return this.isLive;
  }

  /** The client id the session connects as. */
  get clientId(): string {
    return this.credentials.clientId;
  }

  /** Connects; resolves once the first attempt connected or failed (reconnection goes on). */
  start(): Promise<void> {
    this.deps.metrics.sessions.labels('open').inc();
    return new Promise<void>((resolve) => {
      this.firstOutcome = resolve;
      void this.attempt();
    });
  }

  async watch(deviceId: string): Promise<boolean> {
    if (this.closed) throw new Error('The ThinQ push session is closed.');
    const outcome = await this.subscribeEvents(deviceId, 'subscribe');
    if (outcome === 'refused') return false;
    try {
      const push = await this.deps.api.subscribePush(
        this.ctx,
        this.account,
        this.credentials.clientId,
        deviceId,
      );
      this.deps.metrics.subscriptions
        .labels('push_subscribe', push === 'subscribed' ? 'ok' : 'refused')
        .inc();
    } catch (error) {
      // Status events flow without it; only the device's notifications are missed.
      this.deps.metrics.subscriptions.labels('push_subscribe', 'failed').inc();
      this.logger.warn({
        msg: 'thinq push notifications not subscribed',
        account: this.pseudonym,
        deviceId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    if (this.closed) return true;
    this.watched.add(deviceId);
    this.renewer.start(deviceId);
    return true;
  }

  async unwatch(deviceId: string): Promise<void> {
    this.watched.delete(deviceId);
    this.renewer.stop(deviceId);
    const { clientId } = this.credentials;
    const results = await Promise.allSettled([
      this.deps.api.unsubscribeEvents(this.ctx, this.account, clientId, deviceId),
      this.deps.api.unsubscribePush(this.ctx, this.account, clientId, deviceId),
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    this.deps.metrics.subscriptions.labels('unsubscribe', failed ? 'failed' : 'ok').inc();
    if (failed) throw failed.reason;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.renewer.stopAll();
    this.watched.clear();
    clearTimeout(this.reconnectTimer);
    this.deps.metrics.sessions.labels('open').dec();
    this.deps.onClosed?.(this);
    const client = this.client;
    this.client = undefined;
    if (client) {
      // A DISCONNECT, so the broker keeps the session; a dead connection is not waited for.
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, END_WAIT_MS)));
      await Promise.race([client.endAsync().catch(() => undefined), waited]);
      clearTimeout(timer);
      client.end(true);
    }
    this.setLive(false);
    this.settleFirst();
  }

  private async subscribeEvents(deviceId: string, call: 'subscribe' | 'renew') {
    try {
      const outcome = await this.deps.api.subscribeEvents(
        this.ctx,
        this.account,
        this.credentials.clientId,
        deviceId,
        this.deps.config().subscriptionHours,
      );
      this.deps.metrics.subscriptions
        .labels(call, outcome === 'subscribed' ? 'ok' : 'refused')
        .inc();
      return outcome;
    } catch (error) {
      this.deps.metrics.subscriptions.labels(call, 'failed').inc();
      throw error;
    }
  }

  /** One connection attempt with the current credentials (replaced first when due). */
  private async attempt(): Promise<void> {
    if (this.closed) return;
    try {
      await this.replaceIfDue();
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.scheduleReconnect();
      this.settleFirst();
      return;
    }
    if (this.closed) return;
    const config = this.deps.config();
    const { server, clientId, keyPem, certificatePem, topic } = this.credentials;
    const options: IClientOptions = {
      protocolVersion: 4,
      clientId,
      clean: false,
      keepalive: config.keepaliveSeconds,
      reconnectPeriod: 0,
      connectTimeout: CONNECT_TIMEOUT_MS,
      resubscribe: false,
      key: keyPem,
      cert: certificatePem,
      rejectUnauthorized: true,
      ...(config.ca !== undefined ? { ca: [...rootCertificates, config.ca] } : {}),
    };
    this.refused = false;
    this.lastError = undefined;
    const client = connect(server.url, options);
    this.client = client;
    // A broker that refuses the certificate often says nothing Node reports: under TLS 1.3 it
    // closes the connection after the handshake (AWS IoT too, for an inactive certificate), under
    // TLS 1.2 it may reset it. So: reached (TCP), no CONNACK, and no error of another kind.
    let reached = false;
    let acknowledged = false;
    let otherError = false;
    client.stream.once('connect', () => (reached = true));
    client.on('connect', (connack) => {
      acknowledged = true;
      client.subscribe(topic, { qos: 1 }, (error, granted) => {
        if (client !== this.client) return;
        if (error || !granted || granted.some((grant) => grant.qos === 128)) {
          this.lastError = error?.message ?? 'subscription refused';
          client.end(true);
          return;
        }
        this.liveSince = this.deps.now();
        this.deps.metrics.connections.labels('connected').inc();
        this.logger.log({
          msg: 'thinq push connected',
          account: this.pseudonym,
          broker: server.host,
          sessionPresent: connack.sessionPresent,
        });
        this.setLive(true);
        this.settleFirst();
      });
    });
    client.on('message', (received, payload) => this.onMessage(received, topic, payload));
    client.on('error', (error: Error & { code?: string | number }) => {
      if (client !== this.client) return;
      this.lastError = typeof error.code === 'string' ? error.code : error.message;
      if (refusesCertificate(error)) this.refused = true;
      else if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') otherError = true;
    });
    client.on('close', () => {
      if (client !== this.client) return;
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end(true);
      this.client = undefined;
      // A connection that lasted resets the backoff; one the broker keeps ending at once (another
      // connection as the same client id: a session taken over) does not, so they do not flap.
      if (this.isLive && this.deps.now() - this.liveSince >= STABLE_MS) this.attempts = 0;
      if (this.isLive) {
        this.deps.metrics.connections.labels('disconnected').inc();
        this.logger.warn({
          msg: 'thinq push disconnected',
          account: this.pseudonym,
          broker: server.host,
          reason: this.lastError ?? 'closed',
        });
      } else if (this.attempts % FAILURES_LOGGED_EVERY === 0) {
        // The first failed attempt, then every tenth (an untrusted broker certificate: is
        // THINQ_MQTT_CA_FILE set?).
        this.logger.warn({
          msg: 'thinq push not connected',
          account: this.pseudonym,
          broker: server.host,
          reason: this.lastError ?? 'closed',
          attempts: this.attempts + 1,
        });
      }
      this.setLive(false);
      const ended = reached && !acknowledged && !otherError;
      this.closedBeforeConnack = ended ? this.closedBeforeConnack + 1 : 0;
      if (this.closedBeforeConnack >= CLOSES_BEFORE_CONNACK) this.refused = true;
      if (this.refused) this.deps.metrics.connections.labels('certificate_refused').inc();
      this.scheduleReconnect();
      this.settleFirst();
    });
  }

  /** A refused or ending certificate is replaced (at most every 10 minutes) before connecting. */
  private async replaceIfDue(): Promise<void> {
    const ending = this.credentials.notAfter - EXPIRY_MARGIN_MS <= this.deps.now();
    if (!this.refused && !ending) return;
    if (this.deps.now() - this.lastReplaceAt < REPLACE_AT_MOST_EVERY_MS) return;
    this.lastReplaceAt = this.deps.now();
    this.logger.warn({
      msg: 'thinq push certificate replaced',
      account: this.pseudonym,
      reason: this.refused ? 'refused by the broker' : 'ending',
    });
    this.credentials = await this.deps.credentials.replace(
      this.ctx,
      this.account,
      this.credentials,
    );
    this.deps.metrics.connections.labels('registered').inc();
    this.refused = false;
    this.closedBeforeConnack = 0;
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const { reconnectMaxMs } = this.deps.config();
    const base = Math.min(reconnectMaxMs, RECONNECT_FIRST_MS * 2 ** this.attempts);
    this.attempts += 1;
    const delayMs = Math.round(base * (0.5 + Math.random() * 0.5));
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.attempt(), delayMs);
    this.reconnectTimer.unref();
  }

  private onMessage(received: string, topic: string, payload: Buffer): void {
    if (received !== topic) {
      this.deps.metrics.messages.labels('ignored').inc();
      return;
    }
    const parsed = parsePushMessage(payload);
    if (parsed.outcome !== 'event') {
      this.deps.metrics.messages.labels(parsed.outcome).inc();
      return;
    }
    this.deps.metrics.messages.labels(KINDS[parsed.event.kind] ?? 'ignored').inc();
    try {
      this.listener.onEvent(parsed.event);
    } catch (error) {
      this.logger.error({
        msg: 'thinq push listener failed',
        account: this.pseudonym,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private setLive(live: boolean): void {
    if (live === this.isLive) return;
    this.isLive = live;
    this.deps.metrics.sessions.labels('connected')[live ? 'inc' : 'dec']();
    try {
      this.listener.onLive(live);
    } catch (error) {
      this.logger.error({
        msg: 'thinq push listener failed',
        account: this.pseudonym,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private settleFirst(): void {
    const settle = this.firstOutcome;
    this.firstOutcome = undefined;
    settle?.();
  }
}
