import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ErrorCode } from './error-code';
import { renderProblem, toProblemException } from './problem';

/** Writes any error as application/problem+json; 5xx are logged with their cause, never sent. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: Logger,
): void {
  const exception = toProblemException(error);
  const status = exception.getStatus();
  if (status >= 500 && exception.code === ErrorCode.INTERNAL_ERROR) {
    logger.error({ requestId: request.id, err: error }, 'unhandled error');
  }
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
