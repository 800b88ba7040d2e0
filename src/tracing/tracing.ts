import { Global, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import {
  Attributes,
  context as otelContext,
  defaultTextMapGetter,
  defaultTextMapSetter,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
  Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ReadableSpan,
  SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { request } from 'undici';
import { AppConfig } from '../config/app-config';

const propagator = new W3CTraceContextPropagator();
/** Tracing off and nothing to pass on: one shared span that records nothing and writes nothing. */
const NO_TRACE: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * OTLP/HTTP JSON export with OpenTelemetry's own serializer, sent with undici. (The stock
 * OTLP exporter loads `http` through a dynamic import, which Jest's CommonJS runtime cannot run,
 * so the tests could not see what it sends.)
 */
export class OtlpJsonExporter implements SpanExporter {
  constructor(private readonly url: string) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const body = JsonTraceSerializer.serializeRequest(spans);
    if (!body) {
      done({ code: ExportResultCode.FAILED, error: new Error('OTLP serialisation failed') });
      return;
    }
    request(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(body),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    })
      .then(async (response) => {
        await response.body.dump();
        done(
          response.statusCode < 300
            ? { code: ExportResultCode.SUCCESS }
            : {
                code: ExportResultCode.FAILED,
                error: new Error(`collector answered ${response.statusCode}`),
              },
        );
      })
      .catch((error: Error) => done({ code: ExportResultCode.FAILED, error }));
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * W3C trace context in and out, and OpenTelemetry spans when an OTLP endpoint is configured
 * (OTEL_EXPORTER_OTLP_ENDPOINT; off by default). Off, spans are no-ops and an incoming
 * `traceparent` still reaches the upstreams unchanged; on, each request is a server span and each
 * upstream call a client span whose context is what the upstream receives.
 */
@Injectable()
export class Tracing implements OnApplicationShutdown {
  private readonly provider?: BasicTracerProvider;
  private readonly tracer: Tracer;

  constructor(config: AppConfig) {
    const endpoint = config.tracing.otlpEndpoint;
    if (endpoint) {
      this.provider = new BasicTracerProvider({
        resource: resourceFromAttributes({ 'service.name': config.tracing.serviceName }),
        spanProcessors: [new BatchSpanProcessor(new OtlpJsonExporter(`${endpoint}/v1/traces`))],
      });
      this.tracer = this.provider.getTracer('junction');
      new Logger('Tracing').log(`Exporting spans to ${endpoint}/v1/traces`);
    } else {
      this.tracer = trace.getTracerProvider().getTracer('junction');
    }
  }

  /** Spans are recorded and exported (OTEL_EXPORTER_OTLP_ENDPOINT is set). */
  get enabled(): boolean {
    return this.provider !== undefined;
  }

  /** The server span of a request, continuing the caller's trace when it sent a valid traceparent. */
  startRequest(
    name: string,
    headers: Record<string, string | string[] | undefined>,
    attributes: Attributes,
  ): Span {
    if (!this.enabled && typeof headers.traceparent !== 'string') return NO_TRACE;
    const carrier: Record<string, string> = {};
    for (const key of ['traceparent', 'tracestate']) {
      const value = headers[key];
      if (typeof value === 'string') carrier[key] = value;
    }
    const parent = propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
    return this.tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  }

  /** A client span under `parent`; writes its `traceparent` (and `tracestate`) into `headers`. */
  startUpstream(
    name: string,
    parent: Span | undefined,
    headers: Record<string, string>,
    attributes: Attributes,
  ): Span {
    if (!this.enabled && (!parent || !isSpanContextValid(parent.spanContext()))) return NO_TRACE;
    const parentContext = parent ? trace.setSpan(ROOT_CONTEXT, parent) : otelContext.active();
    const span = this.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parentContext);
    propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
    return span;
  }

  static finish(span: Span | undefined, status: number | undefined, error?: string): void {
    if (!span) return;
    if (status !== undefined) span.setAttribute('http.response.status_code', status);
    if (error || (status !== undefined && status >= 500)) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error ?? `HTTP ${status}` });
    }
    span.end();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.provider?.shutdown();
  }
}

@Global()
@Module({ providers: [Tracing], exports: [Tracing] })
export class TracingModule {}
