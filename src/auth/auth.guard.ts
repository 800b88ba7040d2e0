import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RouteMemo } from '../common/route-memo';
import { ErrorCode } from '../common/problem/error-code';
import { ProblemException } from '../common/problem/problem.exception';
import { MetricsService } from '../metrics/metrics.service';
import { StoreUnavailableError } from '../redis/key-value.store';
import { AccessTokenService, InvalidAccessToken } from './jwt/access-token.service';
import { Principal, PRINCIPAL_KEY, REQUIRED_SCOPES } from '../common/access/principal';
import { IS_PUBLIC } from '../common/access/public.decorator';
import { RequestAdmission } from '../common/access/request-admission';
import { SessionService } from './session/session.service';
import { ACCEPTS_TICKET, StreamTickets } from './tickets/stream-tickets';

const BEARER = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i;
const CHALLENGE = 'Bearer realm="junction"';

/** What a route's decorators say about its callers (read once per route, not per request). */
interface RouteRules {
  isPublic: boolean;
  scopes: string[];
  /** The ticket purpose when the route accepts `?ticket=` instead of the bearer token. */
  ticket?: string;
}

/**
 * Every route needs a valid gateway access token unless marked @Public(): the signature and
 * claims (cached per token), then the session (or, for service tokens, the deny list) in the
 * shared store, so a revocation holds on every instance at once; then the route's scopes; then
 * the admission step (the rate limits), which runs beside the session check. Public routes go
 * through the admission step only. If the store cannot be asked for the session, the answer is 503
 * (fail closed), never a pass.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionService,
    private readonly metrics: MetricsService,
    @Optional() private readonly admission?: RequestAdmission,
    @Optional() private readonly tickets?: StreamTickets,
  ) {}

  private readonly routes = new RouteMemo<RouteRules>((handler, type) => ({
    isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, type]) === true,
    scopes:
      this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, [handler, type]) ??
      [],
    ticket: this.reflector.get<string | undefined>(ACCEPTS_TICKET, handler),
  }));

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rules = this.routes.of(context);
    const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    if (rules.isPublic) {
      if (request.requestContext) request.requestContext.caller = `ip:${request.ip}`;
      this.applyHeaders(context, await this.admission?.admit(context, undefined));
      return true;
    }
    const match = BEARER.exec(request.headers.authorization ?? '');
    let principal: Principal;
    if (match) {
      principal = this.tokens.remembered(match[1]) ?? (await this.identify(match[1]));
    } else if (rules.ticket !== undefined && request.headers.authorization === undefined) {
      principal = await this.redeemTicket(request, rules.ticket);
    } else {
      throw new ProblemException(ErrorCode.UNAUTHENTICATED, {
        detail:
          'Send a gateway access token: Authorization: Bearer <token> (from POST /v1/auth/token).',
        headers: { 'www-authenticate': CHALLENGE },
      });
    }
    // The session check and the admission (rate limits) go to Redis together. A closed session
    // answers 401 whatever the limit says; then a missing scope 403; then the limit 429.
    const [session, admission] = await Promise.allSettled([
      this.confirm(principal),
      this.admission?.admit(context, principal),
    ]);
    if (session.status === 'rejected') throw session.reason;
    const required = rules.scopes;
    if (required.some((scope) => !principal.scopes.includes(scope))) {
      const missing = required.filter((scope) => !principal.scopes.includes(scope));
      throw new ProblemException(ErrorCode.INSUFFICIENT_SCOPE, {
        detail: `This route needs the scope ${missing.join(' ')}.`,
        headers: {
          'www-authenticate': `${CHALLENGE}, error="insufficient_scope", scope="${required.join(' ')}"`,
        },
        extensions: { requiredScopes: required },
      });
    }
    if (admission.status === 'rejected') throw admission.reason;
    this.applyHeaders(context, admission.value);
    request[PRINCIPAL_KEY] = principal;
    // Per account, not per session: opening more sessions does not make one caller many.
    if (request.requestContext) request.requestContext.caller = principal.sub;
    return true;
  }

  private applyHeaders(
    context: ExecutionContext,
    headers: Record<string, string> | undefined,
  ): void {
    if (headers) void context.switchToHttp().getResponse<FastifyReply>().headers(headers);
  }

  /**
   * A route that accepts tickets, asked without a bearer token: the caller the `ticket` query
   * parameter was issued to (used up now); then the session check as for a token.
   */
  private async redeemTicket(request: FastifyRequest, purpose: string): Promise<Principal> {
    const ticket = (request.query as Record<string, unknown> | undefined)?.ticket;
    if (typeof ticket !== 'string' || !this.tickets) {
      throw new ProblemException(ErrorCode.UNAUTHENTICATED, {
        detail:
          'Send a gateway access token (Authorization: Bearer <token>) or a ticket from POST .../tickets as ?ticket=.',
        headers: { 'www-authenticate': CHALLENGE },
      });
    }
    let principal: Principal | undefined;
    try {
      principal = await this.tickets.redeem(ticket, purpose);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
        detail: 'Tickets cannot be checked right now; try again shortly.',
        headers: { 'retry-after': '2' },
      });
    }
    if (!principal) throw this.invalid('The ticket is unknown, used or expired; ask for another.');
    return principal;
  }

  /** The token's signature and claims (remembered per token: no I/O after the first time). */
  private async identify(token: string): Promise<Principal> {
    try {
      return await this.tokens.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidAccessToken)) throw error;
      throw this.invalid(error.message);
    }
  }

  /** The session is still open (or the service token not revoked), in the shared store. */
  private async confirm(principal: Principal): Promise<void> {
    let active: boolean;
    try {
      active = principal.sid
        ? await this.sessions.isActive(principal.sid)
        : !(await this.sessions.isJtiRevoked(principal.jti));
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      if (principal.sid) {
        throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
          detail: 'Sessions cannot be checked right now; try again shortly.',
          headers: { 'retry-after': '2' },
        });
      }
      // A service token has no session to lose; its deny list is best effort while Redis is away
      // (the token is short-lived), so routes on the gateway's own credentials keep serving.
      this.metrics.storeFailOpen.labels('service-token-revocation').inc();
      active = true;
    }
    if (!active)
      throw this.invalid(
        principal.sid ? 'The session has ended; sign in again.' : 'The access token was revoked.',
      );
  }

  private invalid(detail: string): ProblemException {
    return new ProblemException(ErrorCode.INVALID_TOKEN, {
      detail,
      headers: {
        'www-authenticate': `${CHALLENGE}, error="invalid_token", error_description="${detail.replace(/"/g, "'")}"`,
      },
    });
  }
}
