import { Logger } from '@nestjs/common';
import { Agent } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header';
import { redact, redactString } from '../../common/logging/redact';
import { MetricsService } from '../../metrics/metrics.service';
import { UpstreamHealth } from './upstream-health';
import { Tracing } from '../../tracing/tracing';
import { UpstreamPolicy } from './upstream-policy';
import type {
  UpstreamRequest,
  UpstreamResponse,
  UpstreamTimeoutsConfig,
} from './upstream-http.types';
import { UpstreamError, UpstreamName } from './upstream.error';

/** The upstream could not be reached, or dropped the connection: its fault (or the network's). */
const CONNECT_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);
/** TLS failures (certificate, handshake) are the upstream's side too. */
const TLS_ERROR = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

/** How many characters of a vendor's error answer go to the log. */
const VENDOR_TEXT_MAX = 2000;

/** A vendor's error answer for the log only: secret-named keys masked, credentials scrubbed, cut. */
export function vendorText(body: unknown): string | undefined {
  if (body === undefined || body === '') return undefined;
  const text = typeof body === 'string' ? redactString(body) : JSON.stringify(redact(body));
  return text.length > VENDOR_TEXT_MAX ? `${text.slice(0, VENDOR_TEXT_MAX)}\u2026` : text;
}

/**
 * One pooled undici client per upstream: keep-alive connections, connect and total timeouts,
 * x-request-id propagation, metrics, and typed failures. Non-2xx answers are returned, not thrown:
 * each vendor module knows what its errors mean.
 */
export class UpstreamHttpClient {
  private readonly agent: Agent;
  private readonly base: URL;
  private readonly logger = new Logger('UpstreamHttpClient');
  private readonly durations = new Map<string, { observe(seconds: number): void }>();

  constructor(
    readonly name: UpstreamName,
    baseUrl: string,
    private readonly timeouts: UpstreamTimeoutsConfig,
    private readonly metrics: MetricsService,
    private readonly health: UpstreamHealth,
    private readonly policy: UpstreamPolicy,
    private readonly tracing: Tracing,
  ) {
    this.base = new URL(baseUrl);
    this.agent = new Agent({
      connections: 128,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      connect: { timeout: timeouts.connectMs },
      headersTimeout: timeouts.totalMs,
      bodyTimeout: timeouts.totalMs,
    });
  }

  /** One logical call: bulkhead, circuit breaker and (idempotent calls) retries around `send`. */
  request<T = unknown>(request: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const idempotent = request.idempotent ?? request.method === 'GET';
    let attempts = 0;
    return this.policy.execute(
      idempotent,
      request.route,
      () => {
        if (attempts++ > 0) request.onRetry?.();
        return this.send<T>(request);
      },
      request.context.caller,
      request.refusal,
    );
  }

  /** One attempt. */
  private async send<T>(request: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const context = request.context;
    const timeoutMs = request.timeoutMs ?? this.timeouts.totalMs;
    // One plain timer per attempt: AbortSignal.timeout() tracks its timer with weak references
    // for the garbage collector, several µs a call (bench/README.md).
    const deadline = new AbortController();
    const signal = deadline.signal;
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const started = performance.now();
    let span: ReturnType<Tracing['startUpstream']> | undefined;
    let status = 0;
    try {
      // Building the request is inside the try: whatever fails here is the gateway's doing
      // (`unsendable`), and is classified, not mistaken for the upstream being down.
      const base = request.baseUrl ? new URL(request.baseUrl) : this.base;
      const prefix = base.pathname.replace(/\/+$/, '');
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(request.query ?? {})) {
        if (value !== undefined) query.append(key, String(value));
      }
      const search = query.size > 0 ? `?${query.toString()}` : '';
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      if (context.requestId !== undefined) headers['x-request-id'] = context.requestId;
      span = this.tracing.startUpstream(`${this.name} ${request.route}`, context.span, headers, {
        'http.request.method': request.method,
        'junction.upstream': this.name,
        'junction.upstream_route': request.route,
      });
      let body: string | undefined;
      if (request.json !== undefined) {
        body = JSON.stringify(request.json);
        headers['content-type'] = 'application/json';
      } else if (request.form) {
        body = new URLSearchParams(request.form).toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      const response = await this.agent.request({
        origin: base.origin,
        path: `${prefix}${request.path}${search}`,
        method: request.method,
        headers,
        body,
        signal,
      });
      status = response.statusCode;
      const text = await response.body.text();
      const parsed = this.parse(request, response.headers, status, text);
      const seconds = (performance.now() - started) / 1000;
      this.duration(request.route, String(status)).observe(seconds);
      const answer = { status, headers: response.headers, body: parsed as T };
      if (status >= 500 && !request.refusal?.(answer)) {
        this.health.failure(this.name, `HTTP ${status}`);
      } else this.health.success(this.name);
      Tracing.finish(span, status);
      this.logCall(request, seconds, { status });
      if (status >= 300) this.logVendorAnswer(request, status, parsed);
      return answer;
    } catch (error) {
      const failure = this.classify(error, request.route, signal, timeoutMs);
      const seconds = (performance.now() - started) / 1000;
      this.metrics.upstreamErrors.labels(this.name, request.route, failure.kind).inc();
      this.duration(request.route, status ? String(status) : failure.kind).observe(seconds);
      // A request the gateway could not build says nothing about the upstream's health.
      if (failure.kind !== 'unsendable') this.health.failure(this.name, failure.kind);
      Tracing.finish(span, status || undefined, failure.kind);
      this.logCall(
        request,
        seconds,
        status ? { status, failure: failure.kind } : { failure: failure.kind },
      );
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  /** prom-client's histogram child per route and outcome of this upstream, made once. */
  private duration(route: string, outcome: string): { observe(seconds: number): void } {
    const key = `${route}\n${outcome}`;
    let child = this.durations.get(key);
    if (!child) {
      child = this.metrics.upstreamRequests.labels(this.name, route, outcome);
      this.durations.set(key, child);
    }
    return child;
  }

  /**
   * One debug line per attempt: upstream, method, route template, status (or failure), time.
   * Never the path's values, the query or a header: the route template names the call.
   */
  private logCall(
    request: UpstreamRequest,
    seconds: number,
    outcome: { status?: number; failure?: string },
  ): void {
    this.logger.debug({
      msg: 'upstream call',
      upstream: this.name,
      method: request.method,
      route: routeTemplate(request),
      ...outcome,
      durationMs: Math.round(seconds * 100_000) / 100,
    });
  }

  /**
   * A vendor's error answer goes to the log (and never to a response, which carries the gateway's
   * own words): warn for 5xx, info otherwise. Credentials in it are redacted.
   */
  private logVendorAnswer(request: UpstreamRequest, status: number, body: unknown): void {
    const line = {
      msg: 'upstream error answer',
      upstream: this.name,
      method: request.method,
      route: routeTemplate(request),
      status,
      vendorText: vendorText(body),
    };
    if (status >= 500) this.logger.warn(line);
    else this.logger.log(line);
  }

  private parse(
    request: UpstreamRequest,
    headers: IncomingHttpHeaders,
    status: number,
    text: string,
  ): unknown {
    if (text === '') return undefined;
    const type = String(headers['content-type'] ?? '');
    const looksJson = /[/+]json\b/i.test(type);
    if (looksJson) {
      try {
        return JSON.parse(text);
      } catch {
        throw new UpstreamError(
          this.name,
          request.route,
          'bad_response',
          `${this.name} sent malformed JSON (HTTP ${status})`,
        );
      }
    }
    if (status < 400) {
      throw new UpstreamError(
        this.name,
        request.route,
        'bad_response',
        `${this.name} answered ${type || 'no content type'} instead of JSON`,
      );
    }
    return text;
  }

  private classify(
    error: unknown,
    route: string,
    signal: AbortSignal,
    timeoutMs: number,
  ): UpstreamError {
    if (error instanceof UpstreamError) return error;
    const raw = (error as { code?: unknown })?.code;
    const code = typeof raw === 'string' ? raw : '';
    if (signal.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new UpstreamError(
        this.name,
        route,
        'timeout',
        `${this.name} did not answer within ${timeoutMs} ms`,
      );
    }
    if (CONNECT_ERRORS.has(code) || TLS_ERROR.test(code)) {
      return new UpstreamError(
        this.name,
        route,
        'connect',
        `${this.name} could not be reached (${code})`,
      );
    }
    if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
      return new UpstreamError(this.name, route, 'bad_response', `${this.name} answered too much`);
    }
    // Everything else happened on the gateway's side: undici refusing a header value or a path
    // (UND_ERR_INVALID_ARG), a body it cannot send, a closed pool, a bug. Not the upstream's fault.
    const message = error instanceof Error ? error.message : String(error);
    return new UpstreamError(
      this.name,
      route,
      'unsendable',
      `${this.name} request could not be sent: ${message}${code ? ` (${code})` : ''}`,
    );
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** `GET /v2/devices/status/:deviceId` -> `/v2/devices/status/:deviceId`. */
function routeTemplate(request: UpstreamRequest): string {
  const prefix = `${request.method} `;
  return request.route.startsWith(prefix) ? request.route.slice(prefix.length) : request.route;
}
