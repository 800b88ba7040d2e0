import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCompress from '@fastify/compress';
import { FastifyReply, FastifyRequest, LogController } from 'fastify';
import type { Span } from '@opentelemetry/api';
import type { DestinationStream, Logger } from 'pino';
import { AppModule } from './app.module';
import { applyBodyLimit } from './common/body/body-limit.decorator';
import { BodyBudget, registerBodyBudget, registerBodyParsers } from './common/body/body-limits';
import { HttpRequestContext, requestIdFrom } from './common/context/request-context';
import { clientErrorHandler } from './common/http/client-error';
import { honourNoCompression } from './common/http/compression';
import { applyETag } from './common/http/etag';
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './common/http/security-headers';
import { ErrorCode } from './common/problem/error-code';
import { ProblemException } from './common/problem/problem.exception';
import { AccessLog } from './common/logging/access-log';
import { createLogger, PinoNestLogger, stdoutDestination } from './common/logging/logger';
import { ProblemFilter } from './common/problem/problem.filter';
import { sendProblem } from './common/problem/send-problem';
import { createValidationPipe } from './common/problem/validation';
import { AppConfig } from './config/app-config';
import { MetricsService } from './metrics/metrics.service';
import { HealthService } from './health/health.service';
import { setupSwagger } from './openapi/openapi';
import { Tracing } from './tracing/tracing';

export interface CreateAppOptions {
  config: AppConfig;
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
  /** Extra modules (tests add probes). */
  imports?: (Type | DynamicModule | ForwardReference)[];
}

type NotFoundHandler = (request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * Nest installs a Fastify error handler that turns Fastify's own errors (bad JSON, body too large,
 * unknown content type) into bare HttpExceptions and loses their codes. Errors thrown inside Nest
 * routes never reach it (Nest's filters catch them), so ours replaces it outright.
 *
 * Fastify answers a known path asked with a method it does not have like an unknown path (404).
 * Nest's not-found handler is wrapped: when some route matches the path, the answer is 405 with
 * `Allow` (RFC 9110 15.5.6) instead. Only the not-found path pays for the lookup.
 *
 * A fixed segment of one route is never a parameter value of another route at the same place
 * (`GET /v1/therapy/devices/check` vs `DELETE /v1/therapy/devices/:uniqueId`): Fastify's router
 * only prefers the fixed segment within one method, so `DELETE .../check` would reach the
 * parametric route. Such a request is answered as if no route of its method matched (405 with
 * `Allow`, or 404), and `Allow` is worked out by the same rule.
 */
class JunctionFastifyAdapter extends FastifyAdapter {
  private readonly routeUrls: { method: string; segments: string[] }[] = [];
  private patternCache: { regex: RegExp; method: string }[] | undefined;
  private readonly reservedCache = new Map<string, Map<string, Set<string>> | null>();
  onMethodNotAllowed?: (request: FastifyRequest, reply: FastifyReply, allow: string) => void;

  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return this.getInstance();
  }

  /** Remembers a registered route, to answer 405 for its path. */
  addRoutePattern(method: string, url: string): void {
    // The CORS preflight catch-all (`OPTIONS *`) is not a resource.
    if (url === '*' || url === '/*') return;
    this.routeUrls.push({ method, segments: url.split('/') });
    this.patternCache = undefined;
    this.reservedCache.clear();
  }

  /**
   * The fixed words other routes have where `url` has a parameter (same segments before it), by
   * segment index; null when there are none.
   */
  private reservedAt(segments: string[]): Map<number, Set<string>> | null {
    let reserved: Map<number, Set<string>> | null = null;
    segments.forEach((segment, i) => {
      if (!segment.startsWith(':')) return;
      const prefix = segments.slice(0, i).join('/');
      for (const other of this.routeUrls) {
        const word = other.segments[i];
        if (word === undefined || word.startsWith(':') || word === '*') continue;
        if (other.segments.slice(0, i).join('/') !== prefix) continue;
        reserved ??= new Map();
        const words = reserved.get(i) ?? new Set<string>();
        words.add(word);
        reserved.set(i, words);
      }
    });
    return reserved;
  }

  private get patterns(): { regex: RegExp; method: string }[] {
    this.patternCache ??= this.routeUrls.map(({ method, segments }) => {
      const reserved = this.reservedAt(segments);
      const pattern = segments
        .map((segment, i) => {
          if (segment === '*') return '.*';
          if (!segment.startsWith(':')) return escapeRegex(segment);
          const words = reserved?.get(i);
          return words ? `(?!(?:${[...words].map(escapeRegex).join('|')})(?:/|$))[^/]+` : '[^/]+';
        })
        .join('/');
      return { regex: new RegExp(`^${pattern}$`), method };
    });
    return this.patternCache;
  }

  /**
   * Does this request give a route's parameter a fixed word of another route (see the class)?
   * Worked out once per route template; routes without such words cost one map lookup.
   */
  takesReservedWord(url: string | undefined, params: unknown): boolean {
    if (url === undefined || !url.includes(':')) return false;
    let reserved = this.reservedCache.get(url);
    if (reserved === undefined) {
      const segments = url.split('/');
      const byIndex = this.reservedAt(segments);
      reserved = byIndex
        ? new Map([...byIndex].map(([i, words]) => [segments[i].slice(1), words]))
        : null;
      this.reservedCache.set(url, reserved);
    }
    if (!reserved) return false;
    const values = (params ?? {}) as Record<string, unknown>;
    for (const [name, words] of reserved) {
      const value = values[name];
      if (typeof value === 'string' && words.has(value)) return true;
    }
    return false;
  }

  /** The methods some route has for this path, for `Allow`; undefined when none has it. */
  allowedMethods(url: string): string | undefined {
    const path = url.split('?')[0];
    const methods = new Set(this.patterns.filter((p) => p.regex.test(path)).map((p) => p.method));
    return methods.size > 0 ? [...methods].sort().join(', ') : undefined;
  }

  override setNotFoundHandler(
    handler: NotFoundHandler,
  ): ReturnType<FastifyAdapter['setNotFoundHandler']> {
    return super.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      const allow = this.onMethodNotAllowed && this.allowedMethods(request.url);
      if (allow) return this.onMethodNotAllowed?.(request, reply, allow);
      return handler(request, reply);
    });
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface RegisteredRoute {
  method: string;
  url: string;
}

const routeLists = new WeakMap<NestFastifyApplication, RegisteredRoute[]>();

/** Every route the app registered (Nest controllers, Swagger UI, anything else). */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  return [...(routeLists.get(app) ?? [])];
}

/** `http://localhost:<port>` (and the loopback addresses), for a frontend dev server. */
const LOCALHOST_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/;

/** GETs that are probes, not resources: no ETag. */
const NOT_CACHEABLE_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/** What the request hooks need of a route, worked out at its first request. */
interface RouteFacts {
  /** The route template (`/v1/me`), or `unmatched`: the metric and access-line label. */
  label: string;
  /** `label` as JSON, for the access line. */
  json: string;
  /** Answers get an ETag (every GET but the probes). */
  etag: boolean;
  /** The request-duration histogram's child per method, then status. */
  durations: Map<string, Map<number, { observe(value: number): void }>>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the gateway's onRequest hook (null before it ran, e.g. on a router error). */
    junction: RouteFacts | null;
  }
}

/** Builds the whole gateway (not listening yet): main.ts, tests and the OpenAPI script share it. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const destination = options.logDestination ?? stdoutDestination();
  const logger = createLogger(config.logLevel, destination);
  const adapter = new JunctionFastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxyHops > 0 ? config.trustProxyHops : false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) =>
      requestIdFrom(request.headers['x-request-id']),
    // A request that reaches a route while the server closes (on a connection that was busy when
    // the close began) is served, with Connection: close, instead of Fastify's bare 503 (plain
    // JSON, no request id, no Retry-After): the instance still works until its requests are done.
    return503OnClosing: false,
    // A backstop only: the body hooks answer a slow body with a problem long before (BodyTimes);
    // Node's own check (60 s for the head, then this for the whole request) ends what they miss.
    requestTimeout: 60_000 + config.bodyTimes.totalMs,
    // Requests Node cannot parse (bad bytes, a head over 16 KiB, a slow head) get problem+json too.
    clientErrorHandler: clientErrorHandler(logger),
    // On close: idle keep-alive sockets end at once, in-flight requests finish.
    forceCloseConnections: 'idle',
    // Router-level errors (malformed URL, over-long path parameter) skip the error handler.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(request, reply, error, logger),
    // The router's own cap (100 by default) answered over-long path parameters with 414 before
    // the DTO could name them; the DTOs hold each parameter's documented maximum (400 naming it).
    // Node's 16 KiB request-head limit bounds a URL anyway.
    routerOptions: { maxParamLength: 16 * 1024 },
  });
  adapter.onMethodNotAllowed = (request, reply, allow) =>
    sendProblem(
      request,
      reply,
      new ProblemException(ErrorCode.METHOD_NOT_ALLOWED, {
        detail: `${request.method} is not allowed here; this path takes ${allow}.`,
        headers: { allow },
      }),
      logger,
    );
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) adapter.addRoutePattern(method, route.url);
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.imports),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      // The body parsers are ours (registerBodyParsers): they check a body's shape before parsing it.
      bodyParser: false,
    },
  );
  try {
    configureHttp(app, adapter, logger, config, destination);
    // brotli or gzip, as the client accepts, for answers of 1 KiB or more (the Swagger document,
    // lists, profiles). Smaller ones go out as they are, and the polled status route skips the
    // plugin altogether (@NoCompression: its negotiation costs about 3 µs a request, bench/README.md).
    // Registered before any route, as it hooks each route when it is added.
    // Request bodies are not decompressed (`globalDecompression: false`): no hook on every request
    // for it, and no compressed body growing past the body limit once inflated.
    honourNoCompression(app.getHttpAdapter().getInstance());
    await app.register(fastifyCompress, {
      encodings: ['br', 'gzip'],
      threshold: 1024,
      globalDecompression: false,
    });
    // Without CORS_ORIGINS, the sandbox (not production) lets a frontend dev server on any
    // localhost port call it.
    const origins =
      config.cors.origins === false && !config.production
        ? [LOCALHOST_ORIGIN]
        : config.cors.origins;
    if (origins !== false) {
      app.enableCors({
        origin: origins,
        methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: [
          'authorization',
          'content-type',
          'x-request-id',
          'traceparent',
          'if-none-match',
          // Server-sent events: a fetch-based client resuming a stream.
          'last-event-id',
          'idempotency-key',
        ],
        exposedHeaders: [
          'x-request-id',
          'etag',
          'x-cache',
          'x-stale-reason',
          'age',
          'retry-after',
          'ratelimit',
          'ratelimit-policy',
          'www-authenticate',
          'idempotent-replayed',
        ],
        maxAge: 600,
      });
    }
    setupSwagger(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

function configureHttp(
  app: NestFastifyApplication,
  adapter: JunctionFastifyAdapter,
  logger: Logger,
  config: AppConfig,
  destination: DestinationStream,
): void {
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  const health = app.get(HealthService);
  const tracing = app.get(Tracing);
  const requestSpans = new WeakMap<FastifyRequest, Span>();
  const routes: RegisteredRoute[] = [];
  routeLists.set(app, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    // A route may take less than GATEWAY_BODY_LIMIT_BYTES: @BodyLimit() on its controller.
    applyBodyLimit(route, config);
  });
  // Only JSON and form bodies are understood, within BODY_LIMITS; anything else is a 415, never
  // silently dropped.
  registerBodyParsers(fastify);
  registerBodyBudget(
    fastify,
    new BodyBudget(config.bodyBudgetBytes, config.bodyLimitBytes),
    config.bodyTimes,
  );

  const startSpan = (request: FastifyRequest, route: string): Span =>
    tracing.startRequest(`${request.method} ${route}`, request.headers, {
      'http.request.method': request.method,
      'http.route': route,
      'junction.request_id': String(request.id),
    });
  const accessLog = new AccessLog(config.logLevel, destination);
  const routeFacts = new WeakMap<object, RouteFacts>();
  const unmatched = {};
  const factsOf = (request: FastifyRequest): RouteFacts => {
    const options = request.routeOptions;
    const key = options.config ?? unmatched;
    let facts = routeFacts.get(key);
    if (!facts) {
      const label = options.url ?? 'unmatched';
      facts = {
        label,
        json: JSON.stringify(label),
        etag: !NOT_CACHEABLE_ROUTES.has(label),
        durations: new Map(),
      };
      routeFacts.set(key, facts);
    }
    return facts;
  };
  /** prom-client's labelled child per method and status of the route, made once. */
  const durationOf = (facts: RouteFacts, method: string, status: number) => {
    let byStatus = facts.durations.get(method);
    if (!byStatus) {
      byStatus = new Map<number, { observe(value: number): void }>();
      facts.durations.set(method, byStatus);
    }
    let child = byStatus.get(status);
    if (!child) {
      child = metrics.httpRequests.labels(method, facts.label, String(status));
      byStatus.set(status, child);
    }
    return child;
  };

  // One hook per stage for everything the gateway adds to a request (request id and context,
  // security headers and ETag, access line, metrics and span): each hook Fastify runs costs its
  // own dispatch, and the route's facts are worked out once per route, not per request.
  fastify.decorateRequest('junction', null);
  fastify.decorateRequest('requestContext', null);
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const facts = factsOf(request);
    request.junction = facts;
    void reply.header('x-request-id', request.id);
    if (tracing.enabled) {
      const span = startSpan(request, facts.label);
      requestSpans.set(request, span);
      request.requestContext = new HttpRequestContext(String(request.id), () => span);
    } else {
      // Tracing off: the (non-recording) span only carries the caller's traceparent upstream, so
      // it is made when an upstream call asks for it; most requests answered from memory never do.
      request.requestContext = new HttpRequestContext(String(request.id), () =>
        startSpan(request, facts.label),
      );
    }
    if (adapter.takesReservedWord(request.routeOptions.url, request.params)) {
      // A fixed word of another route is no value of this route's parameter (see the adapter).
      const allow = adapter.allowedMethods(request.url);
      if (allow) adapter.onMethodNotAllowed?.(request, reply, allow);
      else {
        sendProblem(
          request,
          reply,
          new ProblemException(ErrorCode.NOT_FOUND, {
            detail: 'No route matches this method and path.',
          }),
          logger,
        );
      }
      return;
    }
    done();
  });

  // API security headers (what helmet would set for a JSON API; Swagger UI keeps its own page
  // policy), then the ETag and 304 (before the compression hook that @fastify/compress adds per
  // route: it hashes the text).
  fastify.addHook(
    'onSend',
    (
      request: FastifyRequest,
      reply: FastifyReply,
      payload: unknown,
      done: (err: null, value: unknown) => void,
    ) => {
      void reply.headers(SECURITY_HEADERS);
      // While shutting down, clients must not reuse this socket, so close() is not held up by it.
      if (health.draining) void reply.header('connection', 'close');
      if (!request.url.startsWith('/docs')) {
        void reply.header('content-security-policy', API_CONTENT_SECURITY_POLICY);
      }
      const facts = request.junction ?? factsOf(request);
      done(null, facts.etag ? applyETag(request, reply, payload) : payload);
    },
  );

  fastify.addHook(
    'onResponse',
    (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const facts = request.junction ?? factsOf(request);
      const status = reply.statusCode;
      const durationMs = Math.round(reply.elapsedTime * 100) / 100;
      durationOf(facts, request.method, status).observe(durationMs / 1000);
      accessLog.write({
        requestId: request.id,
        method: request.method,
        routeJson: facts.json,
        status,
        durationMs,
      });
      if (tracing.enabled) Tracing.finish(requestSpans.get(request), status);
      done();
    },
  );

  fastify.setErrorHandler((error, request, reply) => sendProblem(request, reply, error, logger));
  app.useGlobalFilters(new ProblemFilter(logger));
  app.useGlobalPipes(createValidationPipe());
}
