import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest, LogController } from 'fastify';
import type { Span } from '@opentelemetry/api';
import type { DestinationStream, Logger } from 'pino';
import { AppModule } from './app.module';
import { RequestContext, requestIdFrom } from './common/context/request-context';
import {
  createAccessLogger,
  createLogger,
  PinoNestLogger,
  stdoutDestination,
} from './common/logging/logger';
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

/**
 * Nest installs a Fastify error handler that turns Fastify's own errors (bad JSON, body too large,
 * unknown content type) into bare HttpExceptions and loses their codes. Errors thrown inside Nest
 * routes never reach it (Nest's filters catch them), so ours replaces it outright.
 */
class JunctionFastifyAdapter extends FastifyAdapter {
  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return this.getInstance();
  }
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

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
  'x-dns-prefetch-control': 'off',
  'x-permitted-cross-domain-policies': 'none',
};

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
    return503OnClosing: true,
    // On close: idle keep-alive sockets end at once, in-flight requests finish.
    forceCloseConnections: 'idle',
    // Router-level errors (malformed URL, over-long path parameter) skip the error handler.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(request, reply, error, logger),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.imports),
    adapter,
    {
      logger: new PinoNestLogger(logger),
    },
  );
  try {
    configureHttp(app, logger, createAccessLogger(config.logLevel, destination));
    if (config.cors.origins !== false) {
      app.enableCors({
        origin: config.cors.origins === '*' ? '*' : config.cors.origins,
        methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'traceparent'],
        exposedHeaders: [
          'x-request-id',
          'x-cache',
          'age',
          'retry-after',
          'ratelimit',
          'ratelimit-policy',
          'www-authenticate',
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

function configureHttp(app: NestFastifyApplication, logger: Logger, accessLog: Logger): void {
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  const health = app.get(HealthService);
  const tracing = app.get(Tracing);
  const requestSpans = new WeakMap<FastifyRequest, Span>();
  const routes: RegisteredRoute[] = [];
  routeLists.set(app, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  // Only JSON and form bodies are understood; anything else is a 415, never silently dropped.
  fastify.removeContentTypeParser('text/plain');

  const startSpan = (request: FastifyRequest): Span => {
    const route = request.routeOptions.url ?? 'unmatched';
    return tracing.startRequest(`${request.method} ${route}`, request.headers, {
      'http.request.method': request.method,
      'http.route': route,
      'junction.request_id': String(request.id),
    });
  };
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.header('x-request-id', request.id);
    if (tracing.enabled) {
      const span = startSpan(request);
      requestSpans.set(request, span);
      RequestContext.run({ requestId: String(request.id), span }, done);
      return;
    }
    // Tracing off: the (non-recording) span only carries the caller's traceparent upstream, so it
    // is made when an upstream call asks for it; most requests answered from memory never do.
    let span: Span | undefined;
    RequestContext.run(
      {
        requestId: String(request.id),
        get span() {
          return (span ??= startSpan(request));
        },
      },
      done,
    );
  });

  fastify.addHook(
    'onResponse',
    (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const durationMs = Math.round(reply.elapsedTime * 100) / 100;
      metrics.httpRequests
        .labels(request.method, route, String(reply.statusCode))
        .observe(durationMs / 1000);
      accessLog.info(
        {
          requestId: request.id,
          method: request.method,
          route,
          status: reply.statusCode,
          durationMs,
        },
        'request',
      );
      Tracing.finish(requestSpans.get(request), reply.statusCode);
      done();
    },
  );

  // API security headers (what helmet would set for a JSON API). Swagger UI keeps its own page policy.
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
        void reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      }
      done(null, payload);
    },
  );

  fastify.setErrorHandler((error, request, reply) => sendProblem(request, reply, error, logger));
  app.useGlobalFilters(new ProblemFilter(logger));
  app.useGlobalPipes(createValidationPipe());
}
