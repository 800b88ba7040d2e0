import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import type { Span } from '@opentelemetry/api';
import type { DestinationStream } from 'pino';
import { HttpRequestContext } from '../common/context/request-context';
import { applyETag } from '../common/http/etag';
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../common/http/security-headers';
import { AccessLog } from '../common/logging/access-log';
import { AppConfig } from '../config/app-config';
import { HealthService } from '../health/health.service';
import { MetricsService } from '../metrics/metrics.service';
import { Tracing } from '../tracing/tracing';
import { JunctionFastifyAdapter } from './junction-fastify-adapter';

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

/**
 * What the gateway adds to every request: request id, context and span (onRequest), security
 * headers, draining, CSP and ETag (onSend), histogram, access line and span end (onResponse).
 */
export function installRequestHooks(
  app: NestFastifyApplication,
  adapter: JunctionFastifyAdapter,
  config: AppConfig,
  destination: DestinationStream,
  /** Access lines written once per event-loop turn (the process's stdout; see AccessLog). */
  batchAccessLines = false,
): void {
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  const health = app.get(HealthService);
  const tracing = app.get(Tracing);
  const requestSpans = new WeakMap<FastifyRequest, Span>();

  const startSpan = (request: FastifyRequest, route: string): Span =>
    tracing.startRequest(`${request.method} ${route}`, request.headers, {
      'http.request.method': request.method,
      'http.route': route,
      'junction.request_id': String(request.id),
    });
  const accessLog = new AccessLog(config.logLevel, destination, batchAccessLines);
  fastify.addHook('onClose', (_instance, done) => {
    accessLog.flush();
    done();
  });
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
    // A fixed word of another route is no value of this route's parameter (see the adapter).
    if (adapter.answerReservedWord(request, reply)) return;
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
}
