import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ErrorCode } from './error-code';
import { renderProblem, toProblemException } from './problem';
import { ProblemException } from './problem.exception';

/**
 * Writes an error of a route that answers in another form than problem+json (the OAuth token and
 * revocation endpoints: RFC 6749 section 5.2). A route names it in its Fastify route config,
 * `@RouteConfig({ [ERROR_RENDERER]: render })`, so every error of that route takes it: those the
 * route throws and those Fastify raises before the route runs (body parsing, limits, media type).
 */
export type ErrorRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: Logger,
) => void;

export const ERROR_RENDERER = 'errorRenderer';

function rendererOf(request: FastifyRequest): ErrorRenderer | undefined {
  const config = request.routeOptions?.config as unknown as Record<string, unknown> | undefined;
  const renderer = config?.[ERROR_RENDERER];
  return typeof renderer === 'function' ? (renderer as ErrorRenderer) : undefined;
}

/** Logs what nobody expected (a 500 INTERNAL_ERROR) with its cause; the client never sees it. */
export function logUnexpected(
  request: FastifyRequest,
  exception: ProblemException,
  error: unknown,
  logger: Logger,
): void {
  if (exception.getStatus() >= 500 && exception.code === ErrorCode.INTERNAL_ERROR) {
    logger.error({ requestId: request.id, err: error }, 'unhandled error');
  }
}

/**
 * The one way out for every error: application/problem+json (5xx are logged with their cause,
 * never sent), or the route's own error form when it declares one.
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: Logger,
): void {
  const renderer = rendererOf(request);
  if (renderer) {
    renderer(request, reply, error, logger);
    return;
  }
  const exception = toProblemException(error);
  logUnexpected(request, exception, error, logger);
  const status = exception.getStatus();
  const { body, headers } = renderProblem(exception, request.url.split('?')[0], String(request.id));
  if (reply.sent) return;
  void reply
    .status(status)
    .headers(headers)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-request-id', String(request.id))
    .send(JSON.stringify(body));
}
