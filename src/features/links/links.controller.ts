import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentContext, RequestContext } from '../../common/context/request-context';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { SignsInUpstream } from '../../rate-limit/rate-limit.decorator';
import { CurrentPrincipal, Principal } from '../../common/access/principal';
import { LinksDto, LinkStatusDto, NueyneCredentialsDto, ThinqLinkDto } from './links.dto';
import { LinksService } from './links.service';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@Controller('v1/me/links')
export class LinksController {
  constructor(private readonly links: LinksService) {}

  @Get()
  @ApiOperation({
    summary: 'Linked upstream accounts',
    description:
      "Which upstream accounts the caller holds (lux, legacy, thinq). `lux` is this session's; `thinq`, and `legacy` unless the session signed in with Legacy, are the user's: the same in every session of the user. Never returns a credential.",
  })
  @ApiOkResponse({ type: LinksDto })
  @ApiProblems(401, 403, 503)
  list(@CurrentPrincipal() principal: Principal): Promise<LinksDto> {
    return this.links.list(principal);
  }

  @Put('lux')
  @SignsInUpstream()
  @ApiOperation({
    summary: 'Link a Lux account',
    description:
      'Signs in to Nueyne Lux with the e-mail and password and attaches that login to this session. The password is not kept. Counts toward the same limits as a password sign-in at the token endpoint: the per-IP `auth` limit and the failed sign-ins per e-mail (429 `RATE_LIMITED`).',
  })
  @ApiOkResponse({ type: LinkStatusDto })
  @ApiProblems(400, 401, 403, 429, 503)
  linkLux(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: NueyneCredentialsDto,
  ): Promise<LinkStatusDto> {
    return this.links.linkNueyne(ctx, principal, 'lux', body.username, body.password);
  }

  @Put('legacy')
  @SignsInUpstream()
  @ApiOperation({
    summary: 'Link an Elexir Legacy account',
    description:
      'Signs in to Nueyne Elexir Legacy and keeps that login for the user: every session of the user, on every instance, uses it until unlinked (linking again replaces it). A session signed in with Legacy keeps it for itself. The password is not kept. Counts toward the same limits as a password sign-in at the token endpoint: the per-IP `auth` limit and the failed sign-ins per e-mail (429 `RATE_LIMITED`).',
  })
  @ApiOkResponse({ type: LinkStatusDto })
  @ApiProblems(400, 401, 403, 429, 503)
  linkLegacy(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: NueyneCredentialsDto,
  ): Promise<LinkStatusDto> {
    return this.links.linkNueyne(ctx, principal, 'legacy', body.username, body.password);
  }

  @Put('thinq')
  @SignsInUpstream()
  @ApiOperation({
    summary: 'Link a ThinQ account',
    description:
      "Checks the ThinQ personal access token against ThinQ (GET /v2/devices on the country's regional host) before keeping it, sealed, for the user: link once, and every session of the user (each sign-in, device and Swagger session, on every instance) reads appliances until the user unlinks or ThinQ refuses the token (then 401 `UPSTREAM_LOGIN_REQUIRED` once, and the link is gone). Linking again replaces the link. The check counts toward the user's ThinQ call budget, and toward the token endpoint's per-IP `auth` limit (429 `RATE_LIMITED`). In the sandbox the demo user comes linked.",
  })
  @ApiOkResponse({ type: LinkStatusDto })
  @ApiProblems(400, 401, 403, 429, 502, 503, 504)
  linkThinq(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: ThinqLinkDto,
  ): Promise<LinkStatusDto> {
    return this.links.linkThinq(ctx, principal, body.accessToken, body.countryCode);
  }

  // One fixed route per provider (not `:provider`): `/v1/me/links/lux` is one resource with PUT
  // and DELETE, an unknown provider is no route (404), and the document says so.
  @Delete('lux')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Unlinked (or was not linked).' })
  @ApiOperation({
    summary: 'Unlink the Lux account',
    description: 'Drops the Lux account (and its tokens) from this session.',
  })
  @ApiProblems(401, 403, 503)
  async unlinkLux(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.links.unlink(principal, 'lux');
  }

  @Delete('legacy')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Unlinked (or was not linked).' })
  @ApiOperation({
    summary: 'Unlink the Elexir Legacy account',
    description:
      'Drops the Elexir Legacy account (and its tokens): a Lux user’s linked Legacy account from every session of the user, on every instance within 0.5 s.',
  })
  @ApiProblems(401, 403, 503)
  async unlinkLegacy(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.links.unlink(principal, 'legacy');
  }

  @Delete('thinq')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Unlinked (or was not linked).' })
  @ApiOperation({
    summary: 'Unlink the ThinQ account',
    description:
      'Drops the ThinQ account (and its token) from every session of the user, on every instance within 0.5 s.',
  })
  @ApiProblems(401, 403, 503)
  async unlinkThinq(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.links.unlink(principal, 'thinq');
  }
}
