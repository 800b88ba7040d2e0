import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Principal } from '../common/access/principal';
import { RouteMemo } from '../common/route-memo';
import { RequestAdmission } from '../common/access/request-admission';
import {
  RATE_LIMIT,
  RATE_LIMIT_SIGN_IN,
  RateLimitOptions,
  SIGN_IN_RATE_LIMIT,
} from './rate-limit.decorator';
import { rateLimitHeaders, RateLimiter, RateLimitState } from './rate-limiter.service';

/**
 * The route's rate-limit group, counted once the caller is known: per session or service client by
 * default, per IP where the route says so. Public routes without a group (health, metrics, JWKS)
 * are not limited. The AuthGuard calls this beside its session check (one overlapping Redis round
 * trip instead of two in a row). It is not a Nest interceptor on purpose: any interceptor puts
 * every request through an rxjs pipeline, which cost about 30 % of the gateway's CPU per request
 * (bench/HISTORY.md).
 */
@Injectable()
export class RateLimitAdmission extends RequestAdmission {
  /** The route's own limit (null: none), and whether it signs in upstream. */
  private readonly routes = new RouteMemo((handler, type) => ({
    limit:
      this.reflector.getAllAndOverride<RateLimitOptions | undefined>(RATE_LIMIT, [handler, type]) ??
      null,
    signsIn:
      this.reflector.getAllAndOverride<boolean | undefined>(RATE_LIMIT_SIGN_IN, [handler, type]) ===
      true,
  }));

  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {
    super();
  }

  async admit(
    context: ExecutionContext,
    principal: Principal | undefined,
  ): Promise<Record<string, string> | undefined> {
    const route = this.routes.of(context);
    const options =
      route.limit ?? (principal ? { group: 'default', by: 'client' as const } : undefined);
    if (!options) return undefined;
    const ip = `ip:${context.switchToHttp().getRequest<FastifyRequest>().ip}`;
    const idOf = (rule: RateLimitOptions) =>
      rule.by === 'ip' || !principal ? ip : (principal.sid ?? `client:${principal.clientId}`);
    if (!route.signsIn) {
      const state = await this.limiter.hit(options.group, idOf(options));
      return state ? rateLimitHeaders(state) : undefined;
    }
    // A route that signs in upstream also spends the token endpoint's per-IP budget.
    const states = await Promise.all(
      [options, SIGN_IN_RATE_LIMIT].map((rule) => this.limiter.hit(rule.group, idOf(rule))),
    );
    const counted = states.filter((state): state is RateLimitState => state !== undefined);
    return counted.length > 0 ? rateLimitHeaders(...counted) : undefined;
  }
}
