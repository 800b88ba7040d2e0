import { Controller, Get, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { revalidationRequested } from '../../cache/cache-headers';
import { ApiRevalidation } from '../devices/devices.controller';
import { CurrentContext, RequestContext } from '../../common/context/request-context';
import { CurrentPrincipal, Principal } from '../../common/access/principal';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { HomeDto } from './home.dto';
import { HomeService } from './home.service';

@ApiTags('screens')
@ApiBearerAuth('bearer')
@Controller('v1/home')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Get()
  @ApiOperation({
    summary: 'The home screen in one call',
    description:
      "Lux profile, all devices (as GET /v1/devices), this month's therapy summary (sessions, total treatment time, last use) and live conference sessions, fetched in parallel under one deadline (HOME_DEADLINE_MS), reusing the routes' services and caches. A part that fails or misses the deadline is null (devices: left out) and listed in `errors`; the answer is still 200, and arrives within the deadline. A part whose account is not linked is null without an error. Devices served from the cache because their source could not be asked are listed in `warnings`, as in GET /v1/devices. `freshness` says, per part in the answer (devices: per source), whether it is `live`, `cached` (with its age) or `stale` (with its age and the reason); `Cache-Control: no-cache` asks every cached part's source again (see the header).",
  })
  @ApiRevalidation()
  @ApiOkResponse({ type: HomeDto })
  @ApiProblems(401, 429, 503)
  get(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<HomeDto> {
    return this.home.home(ctx, principal, { revalidate: revalidationRequested(cacheControl) });
  }
}
