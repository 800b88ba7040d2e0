import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { LinkedAccounts, LinkRef, loginRequired } from '../../auth/links/linked-accounts.service';
import { NueyneAuthenticator, NueyneRefreshRefused } from '../../auth/links/nueyne-authenticator';
import { Principal } from '../../common/access/principal';
import { NueyneLink } from '../../auth/session/session.types';
import { Clock } from '../../common/clock';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { SingleFlight } from '../../common/single-flight';
import { MetricsService } from '../../metrics/metrics.service';
import { DistributedLock, LockTimeoutError } from '../../redis/distributed-lock';
import { UpstreamResponse } from '../http/upstream-http.types';

export type NueyneProduct = 'lux' | 'legacy';

/** Refresh this long before expiry: 30 s, or a fifth of a short token's life. */
function refreshMargin(link: NueyneLink): number {
  return Math.min(30_000, (link.accessExpiresAt - link.accessIssuedAt) / 5);
}

function isTokenExpired(response: UpstreamResponse): boolean {
  return (
    response.status === 401 &&
    (response.body as { detail?: unknown } | undefined)?.detail === 'Token is expired'
  );
}

/**
 * Keeps each Nueyne link's tokens fresh: a session's (its sign-in) or a user's (Legacy credentials
 * linked by a Lux user, shared by every session of the user). Nueyne's refresh tokens rotate and a
 * second use logs the user out, so a link refreshes exactly once however many requests (and
 * sessions) need it at that moment: one promise per link in this process, and a Redis lease
 * across instances (named by LinkedAccounts: the session's, or the user's for a user's link); the
 * others wait and read the tokens the winner stored.
 */
@Injectable()
export class NueyneTokenManager {
  private readonly flights = new SingleFlight<NueyneLink>();

  constructor(
    private readonly links: LinkedAccounts,
    private readonly authenticator: NueyneAuthenticator,
    private readonly lock: DistributedLock,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Runs `call` with the session's current access token of `product`, refreshing shortly before
   * expiry and once on a 401 "Token is expired". Throws ACCOUNT_NOT_LINKED (403) without a link and
   * UPSTREAM_LOGIN_REQUIRED (401) when Nueyne ended the login.
   */
  async send<T>(
    ctx: RequestContext,
    principal: Principal,
    product: NueyneProduct,
    call: (accessToken: string) => Promise<UpstreamResponse<T>>,
  ): Promise<UpstreamResponse<T>> {
    let link = await this.links.nueyneOf(principal, product);
    const ref = this.links.nueyneRef(principal, product);
    if (link.accessExpiresAt - this.clock.now() <= refreshMargin(link)) {
      link = await this.refresh(ctx, ref, product, link.accessToken);
    }
    const response = await call(link.accessToken);
    if (!isTokenExpired(response)) return response;
    link = await this.refresh(ctx, ref, product, link.accessToken);
    return call(link.accessToken);
  }

  /** Replaces `staleAccessToken` once per link, whoever asks and wherever. */
  private refresh(
    ctx: RequestContext,
    ref: LinkRef,
    product: NueyneProduct,
    staleAccessToken: string,
  ): Promise<NueyneLink> {
    return this.flights.run(`${ref.scope}:${product}`, async () => {
      const replaced = async () => {
        const current = await this.links.nueyne(ref, product);
        return current.accessToken !== staleAccessToken ? current : undefined;
      };
      try {
        return await this.lock.runExclusive(
          this.links.nueyneRefreshLock(ref, product),
          { ttlMs: 15_000, waitMs: 20_000 },
          replaced,
          () => this.refreshNow(ctx, ref, product),
        );
      } catch (error) {
        if (error instanceof LockTimeoutError) {
          throw new ProblemException(ErrorCode.UPSTREAM_UNAVAILABLE, {
            detail: 'Renewing the Nueyne login is taking too long; try again shortly.',
            upstream: { name: 'nueyne' },
            headers: { 'retry-after': '2' },
          });
        }
        throw error;
      }
    });
  }

  private async refreshNow(
    ctx: RequestContext,
    ref: LinkRef,
    product: NueyneProduct,
  ): Promise<NueyneLink> {
    const current = await this.links.nueyne(ref, product);
    if (!current.refreshToken) {
      await this.links.markLoginRequired(ref, product);
      throw loginRequired(product);
    }
    try {
      const tokens = await this.authenticator.refresh(ctx, product, current.refreshToken);
      const now = this.clock.now();
      const next: NueyneLink = {
        ...current,
        accessToken: tokens.accessToken,
        accessIssuedAt: now,
        accessExpiresAt: now + tokens.expiresInSeconds * 1000,
        refreshToken: tokens.refreshToken ?? current.refreshToken,
        refreshExpiresAt:
          tokens.refreshExpiresInSeconds !== undefined
            ? now + tokens.refreshExpiresInSeconds * 1000
            : current.refreshExpiresAt,
      };
      await this.links.saveNueyne(ref, next);
      this.metrics.tokenRefreshes.labels('nueyne', 'refreshed').inc();
      return next;
    } catch (error) {
      if (error instanceof NueyneRefreshRefused) {
        this.metrics.tokenRefreshes.labels('nueyne', 'login_required').inc();
        await this.links.markLoginRequired(ref, product);
        throw loginRequired(product);
      }
      this.metrics.tokenRefreshes.labels('nueyne', 'failed').inc();
      throw error;
    }
  }
}
