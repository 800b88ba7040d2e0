import { FastifyAdapter } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import { ErrorCode } from '../common/problem/error-code';
import { ProblemException } from '../common/problem/problem.exception';
import { sendProblem } from '../common/problem/send-problem';
import { RouteRegistry } from './route-registry';

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
 * A request giving a route's parameter a fixed word of another route at the same place is
 * answered as if no route of its method matched (405 with `Allow`, or 404): see RouteMatcher.
 */
export class JunctionFastifyAdapter extends FastifyAdapter {
  /** Every route registered, and the matcher behind 405. */
  readonly routes: RouteRegistry;

  constructor(
    options: FastifyServerOptions,
    private readonly problemLogger: Logger,
  ) {
    super(options);
    this.routes = new RouteRegistry(this.getInstance());
  }

  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return this.getInstance();
  }

  override setNotFoundHandler(
    handler: NotFoundHandler,
  ): ReturnType<FastifyAdapter['setNotFoundHandler']> {
    return super.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      const allow = this.routes.matcher.allowedMethods(request.url);
      if (allow) return this.methodNotAllowed(request, reply, allow);
      return handler(request, reply);
    });
  }

  /**
   * For the onRequest hook: answers (405 or 404) a request that gives its route's parameter a
   * fixed word of another route, and says whether it did.
   */
  answerReservedWord(request: FastifyRequest, reply: FastifyReply): boolean {
    const { matcher } = this.routes;
    if (!matcher.takesReservedWord(request.routeOptions.url, request.params)) return false;
    const allow = matcher.allowedMethods(request.url);
    if (allow) this.methodNotAllowed(request, reply, allow);
    else {
      sendProblem(
        request,
        reply,
        new ProblemException(ErrorCode.NOT_FOUND, {
          detail: 'No route matches this method and path.',
        }),
        this.problemLogger,
      );
    }
    return true;
  }

  private methodNotAllowed(request: FastifyRequest, reply: FastifyReply, allow: string): void {
    sendProblem(
      request,
      reply,
      new ProblemException(ErrorCode.METHOD_NOT_ALLOWED, {
        detail: `${request.method} is not allowed here; this path takes ${allow}.`,
        headers: { allow },
      }),
      this.problemLogger,
    );
  }
}
