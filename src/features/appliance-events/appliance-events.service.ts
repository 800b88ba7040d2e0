import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Counter, Gauge } from 'prom-client';
import { RequestContext } from '../../common/context/request-context';
import { LinkedAccounts } from '../../auth/links/linked-accounts.service';
import { Principal } from '../../common/access/principal';
import { SessionService } from '../../auth/session/session.service';
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../common/http/security-headers';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config/app-config';
import { HealthService } from '../../health/health.service';
import { MetricsService } from '../../metrics/metrics.service';
import { StoreUnavailableError } from '../../redis/key-value.store';
import { ThinqAccount } from '../../upstreams/thinq/thinq.client';
import { ApplianceDto } from '../appliances/appliance.dto';
import { AppliancesService, thinqAccountId } from '../appliances/appliances.service';
import { ApplianceFeeds } from './appliance-feeds';
import { decodeCursor, deviceTag, MAX_CURSOR_DEVICES } from './event-cursor';
import { EventStream, StreamEnd, StreamOwner } from './event-stream';
import { eventsAfter } from './feed-record';
import { StreamSlots } from './stream-slots';

/**
 * Node keeps the head it sent (`_header`) for as long as the answer lasts, as the string it
 * concatenated it into: some two hundred cons-string pieces, about 6 KB of heap per stream (half
 * of what an idle stream costs, measured with a heap snapshot). Reading one character makes V8
 * flatten it into one ~1 KB string. A no-op should Node ever drop the field.
 */
function flattenHead(response: ServerResponse): void {
  const head = (response as unknown as { _header?: unknown })._header;
  if (typeof head === 'string') head.charCodeAt(0);
}

function newStreamId(): string {
  return randomBytes(9).toString('base64url');
}

export interface OpenStreamOptions {
  /** Only these devices (repeated `deviceId`); all of the account's when absent. */
  deviceIds?: string[];
  /** Last-Event-ID (header, or the `lastEventId` query parameter of a new EventSource). */
  lastEventId?: string;
}

/**
 * `GET /v1/appliances/events`: opens event streams and keeps them honest.
 *
 * Why `reply.hijack()` and the raw socket rather than Nest's `@Sse()`: `@Sse()` turns an rxjs
 * Observable into the answer, with a queue in between that grows for a client that does not read,
 * and one pipeline per stream. Here each frame is written to the socket at once, its own buffer
 * is the only queue, and `writableLength` tells when a client is too slow (it is dropped). The
 * answer's headers are written here, so they carry what the hooks of a normal answer would: the
 * request id, CORS and rate-limit headers the earlier hooks and the guard set on the reply, and
 * the security headers of the onSend hook (shared constants). @fastify/compress never sees a
 * hijacked answer (the route also says @NoCompression), so nothing buffers a frame.
 *
 * Streams end with an `error` event (then close) as soon as their session ends or their user's
 * ThinQ link is removed or replaced: every change to a session or link that SessionService reports
 * (from any instance) rechecks the sessions concerned at once (a user link: every session of the
 * user), and every APPLIANCE_EVENTS_RECHECK_MS all of them (the bound when an invalidation message
 * is lost). On graceful shutdown, once readiness has
 * been false for SHUTDOWN_DRAIN_MS, every stream gets a `shutdown` event (with its position, so
 * the client resumes elsewhere) and ends.
 */
@Injectable()
export class ApplianceEventsService implements StreamOwner, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ApplianceEvents');
  private readonly streams = new Set<EventStream>();
  private readonly bySession = new Map<string, Set<EventStream>>();
  private readonly settings: AppConfig['applianceEvents'];
  private readonly rechecking = new Map<string, boolean>();
  private heartbeat?: NodeJS.Timeout;
  private recheck?: NodeJS.Timeout;
  private closing = false;
  private readonly open_: Gauge;
  private readonly ended_: Counter<'reason'>;

  constructor(
    readonly feeds: ApplianceFeeds,
    private readonly appliances: AppliancesService,
    private readonly links: LinkedAccounts,
    private readonly sessions: SessionService,
    private readonly health: HealthService,
    private readonly slots: StreamSlots,
    config: AppConfig,
    metrics: MetricsService,
  ) {
    this.settings = config.applianceEvents;
    this.open_ = new Gauge({
      name: 'junction_appliance_event_streams',
      help: 'Open appliance event streams on this instance',
      registers: [metrics.registry],
    });
    this.ended_ = new Counter({
      name: 'junction_appliance_event_streams_ended_total',
      help: 'Appliance event streams ended, by reason (client, slow, error, shutdown)',
      labelNames: ['reason'] as const,
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    this.sessions.onChange((change) => {
      if (change === undefined) {
        for (const sid of this.bySession.keys()) this.recheckSession(sid);
      } else if ('sid' in change) {
        if (this.bySession.has(change.sid)) this.recheckSession(change.sid);
      } else {
        // A user's link (ThinQ): every session of that user with a stream here.
        for (const [sid, streams] of this.bySession) {
          if (streams.values().next().value?.principal.sub === change.sub) this.recheckSession(sid);
        }
      }
    });
    this.health.onDrained(() => this.shutdown());
    this.heartbeat = setInterval(() => {
      for (const stream of this.streams) stream.heartbeat();
    }, this.settings.heartbeatMs);
    this.heartbeat.unref();
    this.recheck = setInterval(() => {
      for (const sid of this.bySession.keys()) this.recheckSession(sid);
    }, this.settings.recheckMs);
    this.recheck.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.shutdown();
  }

  /** Open streams on this instance (tests and the bench). */
  get openStreams(): number {
    return this.streams.size;
  }

  /**
   * Everything that can be refused is checked before the answer starts (problem+json then):
   * the link, the devices, the per-session limit. Then the stream: snapshots (or, with a
   * Last-Event-ID, what was missed), then events as they come.
   */
  async open(
    ctx: RequestContext,
    principal: Principal,
    options: OpenStreamOptions,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    if (this.closing) {
      throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
        detail: 'The instance is shutting down; connect again.',
        headers: { 'retry-after': '1' },
      });
    }
    const account = await this.links.thinq(principal);
    const listed = (await this.appliances.list(ctx, principal)).value;
    const all = options.deviceIds === undefined;
    let deviceIds = listed.map((device) => device.deviceId);
    if (!all) {
      const known = new Set(deviceIds);
      const unknown = options.deviceIds!.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new ProblemException(ErrorCode.DEVICE_NOT_FOUND, {
          detail: `The linked ThinQ account has no device ${unknown.join(', ')}.`,
          errors: unknown.map(() => ({
            field: 'deviceId',
            message: 'is not a device of the account',
          })),
        });
      }
      deviceIds = [...new Set(options.deviceIds)];
    }
    deviceIds = deviceIds.slice(0, MAX_CURSOR_DEVICES);
    const sid = principal.sid!;

    const headers = this.headersOf(reply);
    if (request.method === 'HEAD') {
      reply.hijack();
      reply.raw.writeHead(200, headers);
      reply.raw.end();
      return;
    }
    const streamId = newStreamId();
    if (!(await this.slots.acquire(sid, streamId, this.settings.maxStreamsPerSession))) {
      throw new ProblemException(ErrorCode.TOO_MANY_STREAMS, {
        detail: `This session has ${this.settings.maxStreamsPerSession} event streams open already; one stream carries every appliance: close one first.`,
        headers: { 'retry-after': String(Math.ceil(this.settings.retryMs / 1000) || 1) },
      });
    }
    if (this.closing) {
      // The shutdown came while this stream was being set up: it has already told every stream
      // to go, and would not tell this one (the close would wait for it until its hard stop).
      await this.slots.release(sid, streamId).catch(() => undefined);
      throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
        detail: 'The instance is shutting down; connect again.',
        headers: { 'retry-after': '1' },
      });
    }
    const stream = new EventStream(
      streamId,
      principal,
      account,
      thinqAccountId(account),
      all,
      String(request.id),
      reply.raw,
      { bufferBytes: this.settings.bufferBytes, patienceMs: this.settings.heartbeatMs },
      this,
    );
    this.streams.add(stream);
    let sessionStreams = this.bySession.get(sid);
    if (!sessionStreams) {
      sessionStreams = new Set();
      this.bySession.set(sid, sessionStreams);
    }
    sessionStreams.add(stream);
    this.open_.set(this.streams.size);
    const socket = reply.raw.socket;
    if (!socket || socket.destroyed) {
      // The client left while the stream was being set up: its 'close' has fired already.
      stream.close('client');
      return;
    }
    reply.hijack();
    reply.raw.writeHead(200, headers);
    socket.setNoDelay(true);
    stream.write(`retry: ${this.settings.retryMs}\n\n`);
    flattenHead(reply.raw);
    try {
      await this.start(stream, account, listed, deviceIds, options.lastEventId);
    } catch (error) {
      this.logger.warn(`Stream ${stream.id} failed to start: ${(error as Error).message}`);
      stream.fail(
        error instanceof ProblemException
          ? error
          : new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
              detail: 'The stream could not start; connect again.',
            }),
      );
    }
  }

  /** The first events: what the client missed (or snapshots), then the feeds take over. */
  private async start(
    stream: EventStream,
    account: ThinqAccount,
    listed: ApplianceDto[],
    deviceIds: string[],
    lastEventId: string | undefined,
  ): Promise<void> {
    const cursor = decodeCursor(lastEventId);
    const resumed = cursor !== undefined;
    for (const deviceId of deviceIds) {
      const seq = cursor?.get(deviceTag(deviceId));
      stream.addDevice(deviceId);
      if (seq === undefined) {
        // A device the client did not know: new to it since it last saw the list.
        if (resumed && stream.all) {
          const device = listed.find((item) => item.deviceId === deviceId);
          if (device && !stream.send('device-added', JSON.stringify(device))) {
            stream.addDevice(deviceId, undefined, device);
          }
        }
        continue;
      }
      const record = await this.feeds.deviceRecord(account, deviceId);
      const missed = record ? eventsAfter(record, seq) : undefined;
      if (missed) {
        stream.addDevice(deviceId, seq);
        for (const event of missed) stream.emit(deviceId, event);
      }
    }
    if (resumed && stream.all) {
      // Devices the client knew that the account no longer has.
      const current = new Set(deviceIds.map(deviceTag));
      const gone = [...cursor.keys()].filter((tag) => !current.has(tag));
      if (gone.length > 0) {
        for (const deviceId of await this.feeds.removedDevices(account)) {
          if (gone.includes(deviceTag(deviceId))) {
            stream.send('device-removed', JSON.stringify({ deviceId }));
          }
        }
      }
    }
    for (const deviceId of [...stream.devices.keys()]) {
      if (!stream.isOpen) return;
      const feed = await this.feeds.watchDevice(stream, deviceId);
      if (!stream.isOpen) {
        this.feeds.unwatchDevice(stream, deviceId);
        return;
      }
      stream.catchUp(deviceId, feed);
      if (feed.quota) stream.quota(feed.quota);
    }
    if (stream.all && stream.isOpen) {
      await this.feeds.watchList(
        stream,
        listed.map((device) => device.deviceId),
      );
      if (!stream.isOpen) this.feeds.unwatchList(stream);
    }
  }

  ended(stream: EventStream, reason: StreamEnd): void {
    if (!this.streams.delete(stream)) return;
    const sessionStreams = this.bySession.get(stream.sid);
    sessionStreams?.delete(stream);
    if (sessionStreams?.size === 0) this.bySession.delete(stream.sid);
    this.open_.set(this.streams.size);
    this.ended_.labels(reason).inc();
    void this.slots.release(stream.sid, stream.id).catch(() => undefined);
  }

  /** The answer's headers: what the hooks and the guard set, the security headers, SSE's own. */
  private headersOf(reply: FastifyReply): OutgoingHttpHeaders {
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) headers[name] = value;
    }
    return {
      ...headers,
      ...SECURITY_HEADERS,
      'content-security-policy': API_CONTENT_SECURITY_POLICY,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // nginx (and proxies that honour it) pass each frame on at once instead of buffering.
      'x-accel-buffering': 'no',
    };
  }

  /** Is the session still open and its ThinQ link the one its streams follow? */
  private recheckSession(sid: string): void {
    if (this.rechecking.has(sid)) {
      this.rechecking.set(sid, true);
      return;
    }
    this.rechecking.set(sid, false);
    void this.checkSession(sid)
      .catch((error: unknown) => {
        this.logger.warn(`Session check of streams failed: ${(error as Error).message}`);
      })
      .finally(() => {
        const again = this.rechecking.get(sid);
        this.rechecking.delete(sid);
        if (again) this.recheckSession(sid);
      });
  }

  private async checkSession(sid: string): Promise<void> {
    const streams = this.bySession.get(sid);
    const first = streams?.values().next().value;
    if (!streams || !first) return;
    // A store that cannot answer ends nothing: the streams keep their last values meanwhile.
    let active: boolean;
    try {
      active = await this.sessions.isActive(sid);
    } catch (error) {
      if (error instanceof StoreUnavailableError) return;
      throw error;
    }
    if (!active) {
      const ended = new ProblemException(ErrorCode.INVALID_TOKEN, {
        detail: 'The session has ended; sign in again.',
      });
      for (const stream of [...streams]) stream.fail(ended);
      return;
    }
    let accountId: string;
    try {
      accountId = thinqAccountId(await this.links.thinq(first.principal));
    } catch (error) {
      if (error instanceof StoreUnavailableError) return;
      if (!(error instanceof ProblemException)) throw error;
      for (const stream of [...streams]) stream.fail(error);
      return;
    }
    for (const stream of [...streams]) {
      if (stream.accountId !== accountId) {
        stream.fail(
          new ProblemException(ErrorCode.ACCOUNT_NOT_LINKED, {
            detail:
              'The session now links another ThinQ account; open the stream again to follow its appliances.',
            extensions: { provider: 'thinq' },
          }),
        );
      }
    }
  }

  /** The last event of every stream, then the end; the feeds let their leases go. */
  async shutdown(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.heartbeat);
    clearInterval(this.recheck);
    const data = JSON.stringify({
      reason: 'shutdown',
      detail: 'This instance is shutting down; reconnect (with Last-Event-ID) to carry on.',
    });
    for (const stream of [...this.streams]) stream.finish('shutdown', data, this.settings.retryMs);
    await this.feeds.closeAll();
  }
}
