import { Injectable, Optional } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { Clock } from '../../common/clock';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { OAuthError } from '../../auth/oauth/oauth.error';
import { OAuthService } from '../../auth/oauth/oauth.service';
import { Principal, Provider } from '../../common/access/principal';
import { NueyneProduct } from '../../auth/session/session.types';
import { LinkedAccounts } from '../../auth/links/linked-accounts.service';
import { LinksDto, LinkStatusDto } from './links.dto';
import { ThinqAccountVerifier } from '../../auth/links/thinq-account.verifier';

function userOnly(principal: Principal): string {
  if (principal.kind !== 'user' || !principal.sid) {
    throw new ProblemException(ErrorCode.INSUFFICIENT_SCOPE, {
      detail: 'Linked accounts belong to user sessions; service tokens have none.',
    });
  }
  return principal.sid;
}

/**
 * GET/PUT/DELETE /v1/me/links: which upstream accounts the caller holds. The Lux link, and the
 * Legacy sign-in, are the session's; the ThinQ link, and Legacy credentials a Lux user links, are
 * the user's (every session of the user shares them).
 */
@Injectable()
export class LinksService {
  constructor(
    private readonly links: LinkedAccounts,
    private readonly oauth: OAuthService,
    private readonly clock: Clock,
    @Optional() private readonly thinqVerifier?: ThinqAccountVerifier,
  ) {}

  async list(principal: Principal): Promise<LinksDto> {
    const summaries = await this.links.summaries(principal);
    const out: Partial<Record<Provider, LinkStatusDto>> = {};
    for (const summary of summaries) out[summary.provider] = summary;
    return out as LinksDto;
  }

  async linkNueyne(
    ctx: RequestContext,
    principal: Principal,
    product: NueyneProduct,
    username: string,
    password: string,
  ): Promise<LinkStatusDto> {
    userOnly(principal);
    let tokens;
    try {
      tokens = await this.oauth.signIn(ctx, product, username, password);
    } catch (error) {
      if (error instanceof OAuthError && error.error === 'invalid_grant') {
        throw new ProblemException(ErrorCode.UPSTREAM_CREDENTIALS_REJECTED, {
          detail: error.description,
          upstream: { name: 'nueyne' },
          extensions: { provider: product },
        });
      }
      if (error instanceof OAuthError) {
        throw new ProblemException(ErrorCode.UPSTREAM_UNAVAILABLE, {
          detail: error.description,
          upstream: { name: 'nueyne' },
        });
      }
      throw error;
    }
    await this.links.linkNueyne(principal, this.oauth.linkRecord(product, tokens));
    return (await this.list(principal))[product];
  }

  async linkThinq(
    ctx: RequestContext,
    principal: Principal,
    accessToken: string,
    countryCode: string,
  ): Promise<LinkStatusDto> {
    userOnly(principal);
    if (!this.thinqVerifier) {
      throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
        detail: 'ThinQ linking is not available in this build.',
      });
    }
    await this.thinqVerifier.verify(ctx, accessToken, countryCode, principal.sub);
    await this.links.saveThinq(principal, accessToken, countryCode, this.clock.now());
    return (await this.list(principal)).thinq;
  }

  async unlink(principal: Principal, provider: Provider): Promise<void> {
    userOnly(principal);
    await this.links.remove(principal, provider);
  }
}
