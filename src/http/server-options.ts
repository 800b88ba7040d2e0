import { FastifyReply, FastifyRequest, FastifyServerOptions, LogController } from 'fastify';
import type { Logger } from 'pino';
import { requestIdFrom } from '../common/context/request-context';
import { clientErrorHandler } from '../common/http/client-error';
import { sendProblem } from '../common/problem/send-problem';
import { AppConfig } from '../config/app-config';

/** The Fastify server's own options: logging, limits, timeouts, closing, router errors. */
export function serverOptions(config: AppConfig, logger: Logger): FastifyServerOptions {
  return {
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
  };
}
