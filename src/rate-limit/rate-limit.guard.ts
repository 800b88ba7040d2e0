import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Principal, PRINCIPAL_KEY } from '../auth/principal';
import { RATE_LIMIT, RateLimitOptions } from './rate-limit.decorator';
import { rateLimitHeaders, RateLimiter } from './rate-limiter.service';

/**
 * Applies the route's rate-limit group once the caller is known, so it must run after the
 * AuthGuard (AppModule registers the two in that order): per session or service client by
 * default, per IP where the route says so. Public routes without a group (health, metrics, JWKS)
 * are not limited. A guard rather than an interceptor: an interceptor would put every request
 * through an rxjs pipeline, which cost about a tenth of the gateway's CPU per request.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    const principal = request[PRINCIPAL_KEY] as Principal | undefined;
    const options =
      this.reflector.getAllAndOverride<RateLimitOptions | undefined>(RATE_LIMIT, [
        context.getHandler(),
        context.getClass(),
      ]) ?? (principal ? { group: 'default', by: 'client' as const } : undefined);
    if (!options) return true;
    const id =
      options.by === 'ip'
        ? `ip:${request.ip}`
        : principal
          ? (principal.sid ?? `client:${principal.clientId}`)
          : `ip:${request.ip}`;
    const state = await this.limiter.hit(options.group, id);
    if (state)
      void context.switchToHttp().getResponse<FastifyReply>().headers(rateLimitHeaders(state));
    return true;
  }
}
