import { Agent } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header';
import { RequestContext } from '../../common/context/request-context';
import { MetricsService } from '../../metrics/metrics.service';
import { UpstreamHealth } from './upstream-health';
import { Tracing } from '../../tracing/tracing';
import { UpstreamPolicy } from './upstream-policy';
import { UpstreamError, UpstreamName } from './upstream.error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface UpstreamRequest {
  method: HttpMethod;
  /** Path built with upstreamPath(), starting with `/`. */
  path: string;
  /** Route label for metrics and logs, e.g. `GET /v2/devices/status/:id`. */
  route: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** JSON body. */
  json?: unknown;
  /** application/x-www-form-urlencoded body. */
  form?: Record<string, string>;
  /**
   * May this call be sent again after a connection error, timeout or 502/503/504? Defaults to true
   * for GET; a POST that may have reached the upstream is never retried.
   */
  idempotent?: boolean;
  /** Overrides the client's base URL (ThinQ's regional hosts). */
  baseUrl?: string;
  /** Called before each attempt after the first (ThinQ counts every call against a quota). */
  onRetry?: () => void;
  timeoutMs?: number;
}

export interface UpstreamResponse<T = unknown> {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, a string for non-JSON error bodies, or undefined when empty. */
  body: T;
}

export interface UpstreamTimeoutsConfig {
  connectMs: number;
  totalMs: number;
}

const CONNECT_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/**
 * One pooled undici client per upstream: keep-alive connections, connect and total timeouts,
 * x-request-id propagation, metrics, and typed failures. Non-2xx answers are returned, not thrown:
 * each vendor module knows what its errors mean.
 */
export class UpstreamHttpClient {
  private readonly agent: Agent;
  private readonly base: URL;

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
    return this.policy.execute(idempotent, request.route, () => {
      if (attempts++ > 0) request.onRetry?.();
      return this.send<T>(request);
    });
  }

  /** One attempt. */
  private async send<T>(request: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const base = request.baseUrl ? new URL(request.baseUrl) : this.base;
    const prefix = base.pathname.replace(/\/+$/, '');
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) query.append(key, String(value));
    }
    const search = query.size > 0 ? `?${query.toString()}` : '';
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    const context = RequestContext.current();
    if (context) headers['x-request-id'] = context.requestId;
    const span = this.tracing.startUpstream(
      `${this.name} ${request.route}`,
      context?.span,
      headers,
      {
        'http.request.method': request.method,
        'junction.upstream': this.name,
        'junction.upstream_route': request.route,
      },
    );
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    } else if (request.form) {
      body = new URLSearchParams(request.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }

    const timeoutMs = request.timeoutMs ?? this.timeouts.totalMs;
    const signal = AbortSignal.timeout(timeoutMs);
    const started = performance.now();
    let status = 0;
    try {
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
      this.metrics.upstreamRequests
        .labels(this.name, request.route, String(status))
        .observe((performance.now() - started) / 1000);
      if (status >= 500) this.health.failure(this.name, `HTTP ${status}`);
      else this.health.success(this.name);
      Tracing.finish(span, status);
      return { status, headers: response.headers, body: parsed as T };
    } catch (error) {
      const failure = this.classify(error, request.route, signal, timeoutMs);
      this.metrics.upstreamErrors.labels(this.name, request.route, failure.kind).inc();
      this.metrics.upstreamRequests
        .labels(this.name, request.route, status ? String(status) : failure.kind)
        .observe((performance.now() - started) / 1000);
      this.health.failure(this.name, failure.kind);
      Tracing.finish(span, status || undefined, failure.kind);
      throw failure;
    }
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
    const code = (error as { code?: string })?.code ?? '';
    if (signal.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new UpstreamError(
        this.name,
        route,
        'timeout',
        `${this.name} did not answer within ${timeoutMs} ms`,
      );
    }
    if (CONNECT_ERRORS.has(code)) {
      return new UpstreamError(
        this.name,
        route,
        'connect',
        `${this.name} could not be reached (${code})`,
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    return new UpstreamError(
      this.name,
      route,
      'connect',
      `${this.name} request failed: ${message}`,
    );
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
