import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import { redactString } from '../logging/redact';

/**
 * What an upstream call needs to know of the request it serves: its id (sent upstream as
 * `x-request-id`), its span (whose W3C trace parent goes upstream) and its caller (the shared
 * breakers count failures per caller).
 *
 * It is handed down explicitly, controller -> service -> vendor client, like Go's `context.Context`,
 * not kept in an `AsyncLocalStorage`: on Node 20 a storage in use makes every promise of the process
 * run async hooks, which cost about a quarter of a warm read's CPU (bench/HISTORY.md, "Third round").
 */
export interface RequestContext {
  /** Absent for work no request started (pollers, timers): no `x-request-id` then. */
  readonly requestId?: string;
  /** The request's server span (a no-op span when tracing is off), made when first asked for. */
  readonly span?: Span;
  /**
   * Who is calling: the principal's `sub` (an upstream account or a service client), `ip:<address>`
   * on public routes (the AuthGuard names it), or `gateway` for the gateway's own work.
   */
  caller: string;
}

/**
 * The context of work no request started (an appliance poller, a timer), on behalf of `caller`
 * (the account a poll serves, so its failures count against it alone), else the gateway's own.
 */
export function backgroundContext(caller = 'gateway'): RequestContext {
  return { caller };
}

/** The context of one HTTP request, made by the onRequest hook; the AuthGuard names the caller. */
export class HttpRequestContext implements RequestContext {
  caller = 'gateway';
  private made: Span | undefined;

  constructor(
    readonly requestId: string,
    private readonly startSpan: () => Span,
  ) {}

  get span(): Span {
    return (this.made ??= this.startSpan());
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the gateway's onRequest hook (null before it ran, e.g. on a router error). */
    requestContext: RequestContext | null;
  }
}

/** This request's context (see RequestContext), for a controller to hand to its service. */
export const CurrentContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext =>
    context.switchToHttp().getRequest<{ requestContext: RequestContext | null }>().requestContext ??
    backgroundContext(),
);

const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * Keeps a client's x-request-id when it is short and printable and does not look like a credential
 * (a JWT: it is logged and sent upstream as is), else makes one.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_ID.test(value) && redactString(value) === value
    ? value
    : randomUUID();
}
