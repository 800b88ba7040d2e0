import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';
import { Principal, PRINCIPAL_KEY } from '../auth/principal';
import { RATE_LIMIT, RateLimitOptions } from './rate-limit.decorator';
import { rateLimitHeaders, RateLimiter } from './rate-limiter.service';

/**
 * Applies the route's rate-limit group after authentication (interceptors run after guards):
 * per session or service client by default, per IP where the route says so. Public routes without
 * a group (health, metrics, JWKS) are not limited.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    const principal = request[PRINCIPAL_KEY] as Principal | undefined;
    const options =
      this.reflector.getAllAndOverride<RateLimitOptions | undefined>(RATE_LIMIT, [
        context.getHandler(),
        context.getClass(),
      ]) ?? (principal ? { group: 'default', by: 'client' as const } : undefined);
    if (!options) return next.handle();
    const id =
      options.by === 'ip'
        ? `ip:${request.ip}`
        : principal
          ? (principal.sid ?? `client:${principal.clientId}`)
          : `ip:${request.ip}`;
    return from(this.limiter.hit(options.group, id)).pipe(
      switchMap((state) => {
        if (state)
          void context.switchToHttp().getResponse<FastifyReply>().headers(rateLimitHeaders(state));
        return next.handle();
      }),
    );
  }
}
