import { Controller, Get, Module } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '../../src/common/access/principal';
import { CurrentContext, RequestContext } from '../../src/common/context/request-context';
import { NueyneTokenManager } from '../../src/upstreams/nueyne/nueyne-token.manager';
import { NueyneHttp } from '../../src/upstreams/nueyne/nueyne.http';
import { NueyneModule } from '../../src/upstreams/nueyne/nueyne.module';

/** Test-only routes that call Nueyne through the token manager, as every Nueyne route does. */
@Controller('probe')
class UpstreamProbeController {
  constructor(
    private readonly tokens: NueyneTokenManager,
    private readonly http: NueyneHttp,
  ) {}

  @Get('lux-me')
  async luxMe(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ status: number }> {
    const response = await this.tokens.send(ctx, principal, 'lux', (token) =>
      this.http.request({
        context: ctx,
        method: 'GET',
        path: '/api/v1/lux/user/me',
        route: 'GET /api/v1/lux/user/me',
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    return { status: response.status };
  }

  @Get('legacy-devices')
  async legacyDevices(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ status: number }> {
    const response = await this.tokens.send(ctx, principal, 'legacy', (token) =>
      this.http.request({
        context: ctx,
        method: 'GET',
        path: '/api/v1/legacy/device/my-devices',
        route: 'GET /api/v1/legacy/device/my-devices',
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    return { status: response.status };
  }
}

@Module({ imports: [NueyneModule], controllers: [UpstreamProbeController] })
export class UpstreamProbeModule {}
