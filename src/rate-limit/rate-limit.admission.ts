import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Principal } from '../auth/principal';
import { RequestAdmission } from '../auth/request-admission';
import { RATE_LIMIT, RateLimitOptions } from './rate-limit.decorator';
import { rateLimitHeaders, RateLimiter } from './rate-limiter.service';

/**
 * The route's rate-limit group, counted once the caller is known: per session or service client by
 * default, per IP where the route says so. Public routes without a group (health, metrics, JWKS)
 * are not limited. The AuthGuard calls this beside its session check (one overlapping Redis round
 * trip instead of two in a row). It is not a Nest interceptor on purpose: any interceptor puts
 * every request through an rxjs pipeline, which cost about 30 % of the gateway's CPU per request
 * (bench/README.md).
 */
@Injectable()
export class RateLimitAdmission extends RequestAdmission {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {
    super();
  }

  /** The route's own limit (null: none), by controller class then handler: read once per route. */
  private readonly routes = new WeakMap<object, WeakMap<object, RateLimitOptions | null>>();

  private routeLimit(context: ExecutionContext): RateLimitOptions | null {
    const type = context.getClass();
    const handler = context.getHandler();
    let byHandler = this.routes.get(type);
    if (!byHandler) {
      byHandler = new WeakMap();
      this.routes.set(type, byHandler);
    }
    let options = byHandler.get(handler);
    if (options === undefined) {
      options =
        this.reflector.getAllAndOverride<RateLimitOptions | undefined>(RATE_LIMIT, [
          handler,
          type,
        ]) ?? null;
      byHandler.set(handler, options);
    }
    return options;
  }

  async admit(
    context: ExecutionContext,
    principal: Principal | undefined,
  ): Promise<Record<string, string> | undefined> {
    const options =
      this.routeLimit(context) ??
      (principal ? { group: 'default', by: 'client' as const } : undefined);
    if (!options) return undefined;
    const id =
      options.by === 'ip' || !principal
        ? `ip:${context.switchToHttp().getRequest<FastifyRequest>().ip}`
        : (principal.sid ?? `client:${principal.clientId}`);
    const state = await this.limiter.hit(options.group, id);
    return state ? rateLimitHeaders(state) : undefined;
  }
}
